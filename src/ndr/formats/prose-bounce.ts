/**
 * The last resort: a bounce that only its prose tells apart, from a server no family
 * knows and without an RFC 3464 part. It must look like a bounce on two counts: who
 * sent it (MAILER-DAEMON, postmaster, "Mail Delivery System") or what it is called
 * ("Undeliverable", "Returned mail", "Delivery Status Notification (Failure)"), AND
 * a sentence saying delivery failed. Then the recipients are the addresses the report
 * names before the returned message, each with the error lines beside it.
 *
 * Ordinary mail, feedback reports, auto-replies and success notices fail one of these
 * tests (and the report families run before this one anyway).
 */
import { defineFormat, type FormatModule, type RecipientFinding } from "./format";
import { addressesIn } from "../header-addresses";
import type { MailMessage } from "../message";
import { findLine, linesOf } from "../prose";
import { quotedHeaders, returnedTo } from "../quoted-headers";
import { findAddress, findReplyCode, findStatus, normalizeAddress } from "../text";

const DAEMON_SENDER = /\b(?:mailer-daemon|mailer_daemon|postmaster|mail delivery (?:system|subsystem|service)|mail administrator|mail system|mdaemon)\b/i;
const BOUNCE_SUBJECT = /\b(?:undeliver(?:able|ed)|returned mail|delivery (?:status notification \((?:failure|delay)\)|failure|failed|has failed|problem)|mail delivery failed|failure notice|non-?delivery|could not be delivered|delivery notification: delivery has failed|mail could not be delivered|mail (?:system )?error)\b/i;
const SUCCESS = /\b(?:delivered successfully|successfully delivered|was delivered to|delivery (?:status notification )?\(?success\)?|relayed to)\b/i;
/** A sentence that says delivery failed, and where the list of failed recipients starts. */
const FAILURE = new RegExp(
  [
    "The following addresses had permanent fatal errors",
    "Delivery to the following recipients? (?:failed|was unsuccessful|has failed)",
    "could not be delivered to (?:one or more|the following|all)",
    "(?:message|mail) (?:could not|cannot|can't|was not able to) be delivered",
    "The following recipient\\(?s?\\)? (?:could not be reached|cannot be reached|failed)",
    "Unable to deliver (?:your )?message to the following",
    "Your message did not reach some or all of the intended recipients",
    "Delivery has failed to these recipients",
    "was not delivered to",
    "permanent (?:fatal )?error",
    "failed to deliver",
    "undeliverable to",
    "delivery (?:to .{1,80} )?(?:has )?failed",
    "I'm sorry to (?:have to )?inform you",
    "message (?:was|has been) (?:rejected|returned)",
    "(?:was|were) undeliverable",
    "could not deliver (?:the|your) (?:message|mail)",
    "Delivery failed for the following recipients?",
    "Your message was not delivered to",
  ].join("|"),
  "i",
);
/** Where the returned message (or a copy of its headers) begins: nothing after this is the report. */
const RETURNED = /^(?:-{2,}\s{0,3}(?:Original message|Unsent message|Returned message|Below this line|The original message|Enclosed is|Message header)|Content-Type: message\/rfc822|(?:Original message|Original message headers|The original message (?:headers|follows)):?\s*$|Return-Path:|Received: )/i;
const ERROR_WORDS = /\b(?:user unknown|unknown user|no such (?:user|mailbox|address|domain)|mailbox (?:full|unavailable|not found|is full|quota)|over quota|does not exist|not exist|rejected|refused|denied|not found|invalid|blocked|disabled|host unknown|unknown host|unrouteable|unroutable|timed out|expired|relay(?:ing)? (?:denied|not permitted))\b/i;

/** A person forwarding a bounce ("Fwd: Undeliverable: ..."): the bounce inside is unwrapped and read instead. */
const FORWARDED_SUBJECT = /^\s{0,8}(?:fwd?|fw|wg|tr|rv|enc|doorst|vs|vb|aw|re|回覆|轉寄|转发)\s{0,3}[:：]/i;
const FORWARD_MARKER = /^[ >]{0,8}(?:-{2,} ?Forwarded message ?-{2,}|Begin forwarded message:|-{5,} ?Forwarded Message ?-{5,})/im;

function looksLikeBounce(message: MailMessage): boolean {
  if ((message.deliveryStatus?.recipients.length ?? 0) > 0) return false;
  if (FORWARDED_SUBJECT.test(message.subject) || FORWARD_MARKER.test(message.text.slice(0, 20000))) return false;
  const fromDaemon = DAEMON_SENDER.test(message.from) || message.headers.get("return-path")?.trim() === "<>";
  return fromDaemon || BOUNCE_SUBJECT.test(message.subject);
}

interface Mention {
  address: string;
  lines: string[];
}

/** Each address the report names, with its line (after the address) and the indented or following lines. */
function mentions(report: string[], ignore: Set<string>): Mention[] {
  const found: Mention[] = [];
  let current: Mention | null = null;
  let previous = "";
  for (const raw of report) {
    const line = raw.trim();
    if (line === "") {
      current = null;
      continue;
    }
    // "A message sent by <alice@...>": the sender, not a recipient.
    const namesSender = /\b(?:sent by|sender(?: is)?|from)\s{0,3}:?\s{0,3}$/i.test(previous);
    previous = line;
    const named = findAddress(line);
    const address = named?.startsWith("mailto:") ? named.slice(7) : named;
    if (namesSender) {
      current = null;
      continue;
    }
    const leadsWithAddress = address !== null && /^(?:[-*•]\s{0,3})?(?:"[^"]{0,80}"\s{0,3})?<?[^\s<>]{1,320}@/.test(line);
    if (address && leadsWithAddress && !ignore.has(address)) {
      const known = found.find((m) => m.address === address);
      current = known ?? { address, lines: [] };
      if (!known) found.push(current);
      const rest = line.slice(line.toLowerCase().indexOf(address) + address.length).replace(/^>?\s{0,3}[:,.-]?\s{0,3}/, "");
      if (rest) current.lines.push(rest);
    } else if (current && (raw[0] === " " || raw[0] === "\t" || current.lines.length === 0)) current.lines.push(line);
    else current = null;
  }
  return found;
}

function recognise(message: MailMessage): boolean {
  return looksLikeBounce(message) && FAILURE.test(message.text.slice(0, 20000));
}

function extract(message: MailMessage): ReturnType<FormatModule["extract"]> {
  const text = message.text.slice(0, 200000);
  if (SUCCESS.test(message.subject) && !FAILURE.test(message.subject)) return null;
  const lines = linesOf(text);
  const start = findLine(lines, FAILURE);
  const end = lines.findIndex((line, index) => index > start && RETURNED.test(line));
  const report = lines.slice(Math.max(0, start - 4), end > start ? end : undefined).slice(0, 400);
  // The bounce's own parties are never the failed recipient.
  const ignore = new Set([findAddress(message.from), findAddress(message.headers.get("to")), findAddress(message.headers.get("reply-to"))].filter((a): a is string => a !== null));
  let found = mentions(report, ignore).slice(0, 100);
  // The notice names nobody, but returns the message: its To is whom it failed for.
  if (found.length === 0 && message.original) found = addressesIn(message.original.headers.all("to")).slice(0, 100).map((address) => ({ address, lines: [] }));
  const recipients: RecipientFinding[] = found
    .map(({ address, lines: said }) => {
      const diagnostic = said.join(" ").trim();
      return {
        address: normalizeAddress(address),
        diagnostic: diagnostic || undefined,
        status: findStatus(diagnostic) ?? undefined,
        replyCode: findReplyCode(diagnostic) ?? undefined,
      };
    })
    .filter((r) => r.address !== null);
  // An address alone is not enough: the report must state an error somewhere.
  const reportText = report.join("\n");
  const statesError = findStatus(reportText) !== null || findReplyCode(reportText) !== null || ERROR_WORDS.test(reportText) || FAILURE.test(reportText);
  if (recipients.length === 0 || !statesError) return null;
  return { recipients, originalSender: returnedTo(message, end > start ? quotedHeaders(message.text, RETURNED) : null) };
}

export const proseBounce = defineFormat({ name: "generic", recognise, extract });
