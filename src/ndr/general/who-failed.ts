/**
 * Who failed? The addresses a bounce names as failed, found without knowing the
 * server that wrote it:
 * - X-Failed-Recipients (Exim and others);
 * - SMTP transcripts: "RCPT To:<x>" answered by a 4xx/5xx reply;
 * - X.400 and Exchange address lines ("SMTP=x@y", "smtp:x@y");
 * - addresses the report names at the head of a line, beside a failure sentence or
 *   error words, or after a "recipient(s):" label, with the lines that follow them;
 * - else the returned original's To/Cc, when exactly one of them is named in the report,
 *   or it had only one.
 * Never the bounce's own parties, the original sender or a mail system's mailbox.
 */
import { addressesIn } from "../header-addresses";
import type { FieldMap } from "../header-fields";
import type { MailMessage } from "../message";
import { findAddress, normalizeAddress } from "../text";
import { BOUNCE_SUBJECT, ERROR_WORDS, FAILURE_PHRASE, SYSTEM_LOCAL_PART } from "./phrases";
import type { Report } from "./report";

/** No bounce reports more: a longer list is read as far as this. */
const MAX_RECIPIENTS = 100;

export interface FailedRecipient {
  address: string;
  /** The report's words about this recipient (the rest of its line and the lines below). */
  lines: string[];
}

/** A line that quotes a header of the original ("  To: bob@example.com"): it names the original's parties, not who failed. */
const QUOTED_HEADER_LINE = /^\s{0,12}(?:to|cc|bcc|from|sent|date|subject|reply-to|return-path|sender|message-id|received|von|an|de|à|para|da|a|van|aan|от|кому|od|do|寄件者|收件者|收件人|发件人|差出人|宛先|보낸 사람|받는 사람)\s{0,12}[:：]/i;
/** A line naming the sender: "sent by <x>", "from x", "The original message was received ... from x". */
const SENDER_LINE = /\b(?:sent by|sender(?: is| address)?|from|envelope-from|original sender|reply to)\s{0,3}[:=]?\s{0,3}<?[^\s<>]{0,320}@/i;
/** A label that introduces recipients ("Recipient(s):", "Unknown user:", "to <x>"). */
const RECIPIENT_LABEL = /(?:\brecipients?\)?|\baddress(?:es|\(es\))?|\buser|\bmailbox|\bto|\bfor|\bdestinatario|\bdestinataire|\bempfänger|\bontvanger|\bdestinatário|\bodbiorca|\bполучател\S{0,4}|收件人|收件者|宛先|수신자)\s{0,3}[:：]?\s{0,3}["'<(]?$/i;
/** Words just before an address that make it the sender ("not accepting mail from x@..."), not a recipient. */
const SENDER_CUE = /\b(?:from|sent by|sender(?: address)?(?: is)?|envelope-from)\s{0,3}[:=]?\s{0,3}["'<(]?$/i;
/**
 * Words just before an address that make it an example or a suggestion, not a failure:
 * a report's advice ("e.g., if x@... fails, try y@...", "try emailing to z@... instead").
 */
const EXAMPLE_CUE = /(?:\be\.g\.|\bfor (?:example|instance)|\bsuch as|\btry(?:\s{1,3}(?:sending|e-?mailing|mailing|writing))?(?:\s{1,3}(?:to|at))?)\s{0,3}[,:]?\s{0,3}(?:if\s{1,3})?["'<(]?$/i;

/**
 * The words before an address: the line up to it, and when it opens the line, the end
 * of the line before (a sentence wrapped just before the address).
 */
function leadIn(previous: string, line: string, start: number): string {
  const before = line.slice(Math.max(0, start - 80), start);
  return before.trim() === "" ? `${previous.slice(-80)} ` : before;
}

/** X.400 / Exchange proxy forms: "SMTP=bob@example.com", "smtp:bob@example.com". */
const PROXY_ADDRESS = /\bSMTP\s{0,2}[=:]\s{0,2}<?([^\s<>;,()"']{1,320}@[A-Za-z0-9.-]{1,255})/gi;

function ignoredAddresses(message: MailMessage, original: FieldMap | null): Set<string> {
  const values = [
    original?.get("from"),
    original?.get("return-path"),
    message.from,
    message.headers.get("to"),
    message.headers.get("reply-to"),
    message.headers.get("return-path"),
    message.headers.get("sender"),
    message.original?.headers.get("from"),
    message.original?.headers.get("return-path"),
    message.original?.headers.get("sender"),
    message.deliveryStatus?.originalEnvelopeSender,
  ];
  return new Set(values.map((value) => findAddress(value)).filter((address): address is string => address !== null));
}

/** The returned message is itself a bounce (a bounce of a bounce). */
export function isBounceItself(headers: FieldMap | null | undefined): boolean {
  return /mailer-daemon|mail delivery (?:system|subsystem)/i.test(headers?.get("from") ?? "") && BOUNCE_SUBJECT.test(headers?.get("subject") ?? "");
}

function isSystemMailbox(address: string): boolean {
  return SYSTEM_LOCAL_PART.test(address.slice(0, address.lastIndexOf("@")));
}

/** Every address in a line, in order, bounded. */
function addressesOnLine(line: string): { address: string; start: number; index: number }[] {
  const found: { address: string; start: number; index: number }[] = [];
  const pattern = /<?(?:mailto:)?([A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,128}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){0,20}[A-Za-z0-9-]{1,63})>?/g;
  for (const match of line.slice(0, 4000).matchAll(pattern)) {
    // X.400 and Exchange proxy lines write "dda:SMTP=bob@example.com": the address follows the "=".
    const address = normalizeAddress(match[1].replace(/^(?:dda:)?smtp[=:]/i, ""));
    if (address) found.push({ address, start: match.index, index: match.index + match[0].length });
    if (found.length >= 20) break;
  }
  return found;
}

/** The report's mentions of recipients, each with the rest of its line and the indented or following lines. */
function mentions(lines: readonly string[], ignore: ReadonlySet<string>): FailedRecipient[] {
  const found = new Map<string, FailedRecipient>();
  let current: FailedRecipient | null = null;
  let previous = "";
  let inList = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "") {
      // A label's address may follow after a blank line ("A message sent by" / "" / "<x>"): previous stays.
      current = null;
      continue;
    }
    const afterSenderLabel = /\b(?:sent by|sender(?: is)?|from)\s{0,3}:?\s{0,3}$/i.test(previous);
    const afterRecipientLabel = RECIPIENT_LABEL.test(previous) || /(?:following|these|those) (?:recipients?|addresses?|users?|mailbox(?:es)?)|recipient\(s\)|address\(es\)/i.test(previous);
    inList = (inList && current !== null) || afterRecipientLabel;
    const prior = previous;
    previous = line;
    const named = addressesOnLine(line).filter(({ address, start }) => {
      if (ignore.has(address) || isSystemMailbox(address)) return false;
      const before = leadIn(prior, line, start);
      return !SENDER_CUE.test(before) && !EXAMPLE_CUE.test(before);
    });
    // The recipient's own lines often name it again ("Remote host said: 550 5.1.1 <bob@...>... User unknown").
    if (current && named.length > 0 && named.every(({ address }) => address === current!.address)) {
      current.lines.push(line);
      continue;
    }
    if (named.length === 0 || afterSenderLabel || QUOTED_HEADER_LINE.test(raw) || (SENDER_LINE.test(line) && !FAILURE_PHRASE.test(line))) {
      // Its reason: indented below it, or on the next line when its own ends with a colon ("... was rejected:" / "Quota exceeded").
      const continues = current && (raw[0] === " " || raw[0] === "\t" || current.lines.length === 0 || prior.endsWith(":")) && named.length === 0 && !QUOTED_HEADER_LINE.test(raw);
      if (continues) current!.lines.push(raw);
      else current = null;
      continue;
    }
    const leads = /^(?:[-*•>]\s{0,3}|\d{1,3}[.)]\s{0,3})?(?:"[^"]{0,80}"\s{0,3})?<?(?:mailto:)?[^\s<>]{1,320}@/.test(line);
    const labelled = named.some(({ address }) => RECIPIENT_LABEL.test(line.slice(0, Math.max(0, line.toLowerCase().indexOf(address))).replace(/["'<(]+$/, "")));
    const saysFailure = FAILURE_PHRASE.test(line) || ERROR_WORDS.test(line);
    if (!(leads || labelled || saysFailure || inList)) {
      current = null;
      continue;
    }
    current = null;
    for (const { address, index } of named.slice(0, 5)) {
      const known = found.get(address);
      const mention = known ?? { address, lines: [] };
      if (!known) found.set(address, mention);
      // A line that leads with the address says the rest about it; one that names it mid-sentence is all about it.
      const rest = leads ? line.slice(index).replace(/^>?\s{0,3}[:,.-]?\s{0,3}/, "") : line;
      // '"bob@example.com" <bob@example.com>': the address again says nothing about it.
      if (/[\p{L}\p{N}]/u.test(rest.toLowerCase().split(address).join(""))) mention.lines.push(rest);
      current = mention;
    }
    if (named.length > 1) current = null;
    if (found.size >= MAX_RECIPIENTS) break;
  }
  return [...found.values()];
}

/** Fields of a message a mailing list delivered to its subscribers. */
const LIST_POST_FIELDS = ["list-id", "list-post", "x-beenthere", "mailing-list"];

/** The returned original's To/Cc recipient the report names, or its only one. */
function fromOriginal(headers: FieldMap | null, report: Report, ignore: ReadonlySet<string>): string | null {
  if (!headers) return null;
  const listed = [...new Set(addressesIn([...headers.all("to"), ...headers.all("cc")]))].filter((address) => !ignore.has(address) && !isSystemMailbox(address));
  const text = report.text.toLowerCase();
  const named = listed.filter((address) => text.includes(address));
  if (named.length === 1) return named[0];
  // A message to one recipient that came back, with a report that names no other mailbox: it failed for that one.
  // Not a list post: its To is the list (RFC 2369 List-* and RFC 2919 List-Id fields, Mailman's X-BeenThere), and it failed for a subscriber.
  if (listed.length !== 1 || named.length !== 0 || LIST_POST_FIELDS.some((name) => headers.has(name))) return null;
  const others = addressesOnLine(report.text).filter(({ address }) => !isSystemMailbox(address));
  return others.length === 0 ? listed[0] : null;
}

/**
 * The one recipient of a report that quotes the returned message's To line in its own
 * text ("Subject: ..." / "To: bob@example.com", as Yahoo writes) and names no other mailbox.
 */
function quotedOnlyTo(report: Report, ignore: ReadonlySet<string>): string | null {
  const toLines = report.lines.filter((line) => /^\s{0,12}to\s{0,3}:/i.test(line)).slice(0, 2);
  if (toLines.length !== 1) return null;
  const named = addressesOnLine(toLines[0]);
  const others = addressesOnLine(report.text).filter(({ address }) => !isSystemMailbox(address) && !ignore.has(address));
  return named.length === 1 && others.length === 1 && others[0].address === named[0].address ? named[0].address : null;
}

/**
 * `original` is the returned message's header block: the attached one, or the copy
 * the report quotes after its "original message follows" line.
 */
export function whoFailed(message: MailMessage, report: Report, original: FieldMap | null = message.original?.headers ?? null): FailedRecipient[] {
  // A bounce of a bounce: the returned one names the recipients, and is read when it is unwrapped.
  if (isBounceItself(original)) return [];
  const ignore = ignoredAddresses(message, original);
  const found = new Map<string, FailedRecipient>();
  const add = (address: string | null, lines: string[] = []) => {
    if (!address || ignore.has(address) || isSystemMailbox(address) || found.size >= MAX_RECIPIENTS) return;
    const known = found.get(address);
    if (known) known.lines.push(...lines);
    else found.set(address, { address, lines });
  };
  for (const address of addressesIn(message.headers.all("x-failed-recipients")).slice(0, MAX_RECIPIENTS)) add(address);
  for (const match of report.text.slice(0, 100000).matchAll(PROXY_ADDRESS)) add(normalizeAddress(match[1]));
  for (const mention of mentions(report.lines, ignore)) add(mention.address, mention.lines);
  if (found.size === 0) add(fromOriginal(original, report, ignore));
  if (found.size === 0) add(quotedOnlyTo(report, ignore));
  return [...found.values()];
}
