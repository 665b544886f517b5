/**
 * Postfix: "This is the mail system at host ..." (or "the Postfix program"), then one
 * block per recipient:
 *
 *   <bob@example.com> (expanded from <alias@example.org>): host
 *       mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>: User
 *       unknown (in reply to RCPT TO command)
 *
 * plus, usually, a DSN part. Older and rebranded servers drop the DSN part or flatten
 * it into the text; the SMTP server's "errors from" report is a session transcript.
 */
import { defineFormat, type FormatModule, type RecipientFinding } from "./format";
import { deliveryStatusOf, mergeDsn } from "../dsn-merge";
import { addressesIn } from "../header-addresses";
import type { MailMessage } from "../message";
import { findLine, linesOf } from "../prose";
import { quotedHeaders, senderOf } from "../quoted-headers";
import { indentedBlocks } from "../recipient-blocks";
import { smtpCommandIn } from "../reply";
import { findReplyCode, findStatus, normalizeAddress } from "../text";

const SUBJECT = /^(?:Undelivered Mail Returned to Sender|Delayed Mail \(still being retried\)|Undeliverable mail|Successful Mail Delivery Report|Mail Delivery Status Report|Postfix SMTP server: errors from )/i;
const MARKER = /^\s{0,8}(?:This is the (?:Postfix program|mail system) at host |The (?:Postfix program|mail system)$)/m;
/** "<bob@example.com> (expanded from <x>): text", the whole block joined. */
const BLOCK_HEAD = /^<([^<>\s]{1,320}@[^<>\s]{1,255})>(?:\s{0,5}\(expanded from\s{0,5}<?[^<>()]{0,320}>?\))?:\s{0,5}(.{0,8000})/;
/** "host mx.example.com[192.0.2.1] said:", "connect to mx.example.com[192.0.2.1]:25:". */
const REMOTE_HOST = /\b(?:host|connect to)\s{1,5}([A-Za-z0-9][A-Za-z0-9.-]{0,252})\[[0-9A-Fa-f.:]{2,45}\]/;
const SAID = /\]\s{0,3}said:\s{0,3}(.{0,8000})/;
const IN_REPLY_TO = /\(in reply to ([A-Za-z ]{2,30}) command\)/i;
/** Where the returned message begins when the MIME structure was flattened into the text. */
const RETURNED_MESSAGE = /^Content-Type: message\/rfc822/i;

function fromBlock(joined: string): RecipientFinding | null {
  const head = BLOCK_HEAD.exec(joined);
  const address = head ? normalizeAddress(head[1]) : null;
  if (!head || !address) return null;
  const diagnostic = head[2].trim();
  const reply = SAID.exec(diagnostic)?.[1] ?? diagnostic;
  return {
    address,
    diagnostic,
    remoteMta: REMOTE_HOST.exec(diagnostic)?.[1].toLowerCase() ?? undefined,
    replyCode: findReplyCode(reply) ?? undefined,
    status: findStatus(reply) ?? undefined,
    smtpCommand: smtpCommandIn(IN_REPLY_TO.exec(diagnostic)?.[1]) ?? undefined,
  };
}

/** The SMTP server's report of a failed session: the recipients it was given and the error it returned. */
function fromTranscript(lines: readonly string[]): RecipientFinding[] {
  const start = lines.findIndex((line) => /^Transcript of session follows/i.test(line.trim()));
  if (start < 0) return [];
  const recipients: string[] = [];
  let lastCommand: string | null = null;
  let error: { text: string; command: string | null } | null = null;
  for (const line of lines.slice(start + 1, start + 2000)) {
    const said = /^\s{0,4}(In|Out):\s{1,4}(.{1,2000})/.exec(line);
    if (!said) continue;
    if (said[1] === "In") {
      lastCommand = said[2].split(/[\s:]/)[0].toUpperCase();
      const rcpt = /^RCPT TO:\s{0,3}<([^<>\s]{1,320})>/i.exec(said[2]);
      const address = rcpt ? normalizeAddress(rcpt[1]) : null;
      if (address) recipients.push(address);
    } else if (/^[45]\d\d[ -]/.test(said[2]) && !error) error = { text: said[2].trim(), command: lastCommand };
  }
  if (!error) return [];
  return recipients.map((address) => ({
    address,
    diagnostic: error.text,
    replyCode: findReplyCode(error.text) ?? undefined,
    status: findStatus(error.text) ?? undefined,
    smtpCommand: error.command,
  }));
}

function recognise(message: MailMessage): boolean {
  if (SUBJECT.test(message.subject)) return true;
  if (message.deliveryStatus?.perMessage.has("x-postfix-queue-id")) return true;
  return /mailer-daemon|mail delivery system/i.test(message.from) && MARKER.test(message.text.slice(0, 20000));
}

function extract(message: MailMessage): ReturnType<FormatModule["extract"]> {
  const lines = linesOf(message.text);
  const reportEnd = findLine(lines, RETURNED_MESSAGE);
  const report = reportEnd >= 0 ? lines.slice(0, reportEnd) : lines;
  const prose = indentedBlocks(report)
    .map((block) => fromBlock(block.join(" ")))
    .filter((finding): finding is RecipientFinding => finding !== null);
  const transcript = prose.length === 0 ? fromTranscript(report) : [];
  const dsn = deliveryStatusOf(message);
  let recipients = mergeDsn(dsn, prose.length > 0 ? prose : transcript);
  // "--- Delivery report unavailable ---": the returned message's To is all that names the recipient.
  if (recipients.length === 0 && /Delivery report unavailable/i.test(message.text)) {
    recipients = addressesIn(message.original?.headers.all("to") ?? []).map((address) => ({ address, action: "failed" as const }));
  }
  if (recipients.length === 0) return null;
  const quoted = message.original ? null : quotedHeaders(message.text, RETURNED_MESSAGE);
  return {
    recipients,
    reportingMta: dsn?.reportingMta ?? undefined,
    originalSender: message.original ? undefined : senderOf(quoted) ?? dsn?.originalEnvelopeSender ?? undefined,
  };
}

export const postfix = defineFormat({ name: "postfix", recognise, extract });
