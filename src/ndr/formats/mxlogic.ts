/**
 * MX Logic (McAfee SaaS Email Protection): an Exim-derived report, "The following
 * address(es) failed:" with "<address>: reply" lines, then a copy of the header.
 */
import type { MailMessage } from "../message";
import { paragraphs, section } from "../prose";
import { quotedHeaders, senderOf } from "../quoted-headers";
import { smtpCommandIn } from "../reply";
import { normalizeAddress } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

const HEADER_COPY = /^Included is a copy of the message header:/;
/** "  <bob@example.com>: 550 ..." or "  bob@example.com" */
const FAILED_LINE = /^\s{0,8}<?([^\s<>:]{1,256}@[^\s<>:]{1,255})>?:?\s?(.*)$/;

const SMTP_AFTER = /SMTP error from remote (?:mail server|mailer) after ([^:]{1,80}?)(?::|$)/i;
const REMOTE_HOST = /\bhost:?\s{1,3}([A-Za-z0-9][A-Za-z0-9.-]{0,252})\s{0,3}[[(][0-9A-Fa-f.:]{2,45}[\])]/;

function writtenByMxLogic(message: MailMessage): boolean {
  if (message.headers.has("x-mx-bounce") || message.headers.has("x-mxl-notehash")) return true;
  if ((message.headers.get("message-id") ?? "").includes("<mxl~")) return true;
  if (/@[\w.-]{0,60}mxlogic\.net/i.test(message.from)) return true;
  return message.headers.all("received").some((line) => line.includes("(mxl_mta-"));
}

/** Each paragraph after the marker: its first line names the address, the rest continues the reply. */
function eximStyleRecipients(lines: readonly string[]): RecipientFinding[] {
  const recipients: RecipientFinding[] = [];
  for (const paragraph of paragraphs(lines)) {
    const match = FAILED_LINE.exec(paragraph[0]);
    const address = match ? normalizeAddress(match[1]) : null;
    if (!match || !address) continue;
    const diagnostic = [match[2], ...paragraph.slice(1)].map((line) => line.trim()).filter(Boolean).join(" ");
    recipients.push({
      address,
      diagnostic: diagnostic || undefined,
      smtpCommand: smtpCommandIn(SMTP_AFTER.exec(diagnostic)?.[1]) ?? undefined,
      remoteMta: REMOTE_HOST.exec(diagnostic)?.[1].toLowerCase() ?? undefined,
    });
  }
  return recipients;
}

export const mxlogic = defineFormat({
  name: "mxlogic",
  recognise: writtenByMxLogic,
  extract: (message) => {
    const lines = section(message.text, /following address(?:es|\(es\))? failed:/, HEADER_COPY) ?? [];
    const recipients = eximStyleRecipients(lines);
    if (recipients.length === 0) return null;
    return { recipients, originalSender: senderOf(quotedHeaders(message.text, HEADER_COPY)) };
  },
});
