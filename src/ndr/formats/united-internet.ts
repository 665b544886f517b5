/**
 * The bounce text of United Internet's mail platform, shared by GMX, mail.com and
 * 1&1 (IONOS): after "The following address(es) failed:", per recipient either
 *   "bob@example.com": / SMTP error from remote server after RCPT command: / host: mx / reply
 *   bob@example.com: / SMTP error from remote server for TEXT command, host: mx (ip) reason: reply
 *   <bob@example.com> / Reason: (or "For the following reason:") / what went wrong
 * then "--- The header of the original message is following. ---".
 */
import type { MailMessage } from "../message";
import { findLine } from "../prose";
import { quotedHeaders, senderOf } from "../quoted-headers";
import { recipientBlocks } from "../recipient-blocks";
import { smtpCommandIn } from "../reply";
import type { FormatFindings, RecipientFinding } from "./format";

const START = /This is a permanent error\.|The following address(?:es|\(es\))? failed:/i;
export const UNITED_INTERNET_ORIGINAL = /^\s*--- The header of the original message is following\. ---/;
const ADDRESS_LINE = /^\s*["<]?[^"<>\s]{1,320}@[^"<>\s:]{1,253}[">]?:?\s*$/;
const INLINE_HOST = /^SMTP error from remote server (?:after|for) (\S{1,20}) command, host: ([A-Za-z0-9.-]{1,253})(?: \([0-9A-Fa-f.:]{2,45}\))? reason: (.{1,2000})$/i;

function readBlock(address: string, body: string[]): RecipientFinding {
  const inline = body.map((line) => INLINE_HOST.exec(line)).find((m) => m !== null);
  if (inline) {
    // "TEXT" is the message text, i.e. the DATA stage.
    const command = inline[1].toUpperCase() === "TEXT" ? "DATA" : smtpCommandIn(inline[1], "verbs") ?? undefined;
    return { address, diagnostic: inline[3].trim(), remoteMta: inline[2].toLowerCase(), smtpCommand: command };
  }
  const hostAt = findLine(body, /^host:\s/i);
  const reasonAt = findLine(body, /^(?:Reason:|For the following reason:)\s*$/i);
  const reply = hostAt >= 0 ? body.slice(hostAt + 1) : reasonAt >= 0 ? body.slice(reasonAt + 1) : body;
  return {
    address,
    diagnostic: reply.join(" ") || null,
    remoteMta: hostAt >= 0 ? body[hostAt].replace(/^host:\s*/i, "").toLowerCase() : undefined,
    smtpCommand: smtpCommandIn(body.find((line) => /^SMTP error from remote server after/i.test(line)), "verbs") ?? undefined,
  };
}

export function readUnitedInternet(message: MailMessage): FormatFindings | null {
  const blocks = recipientBlocks(message.text, { start: START, end: UNITED_INTERNET_ORIGINAL, addressLine: ADDRESS_LINE });
  if (blocks.length === 0) return null;
  return {
    recipients: blocks.map(({ address, body }) => readBlock(address, body)),
    originalSender: message.original ? undefined : senderOf(quotedHeaders(message.text, UNITED_INTERNET_ORIGINAL), { orSenderField: true }),
  };
}
