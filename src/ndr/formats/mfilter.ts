/**
 * m-FILTER (Digital Arts), a Japanese filtering gateway, and the local mail hubs that
 * copy its layout: the failed addresses, then "-------server message", "-------SMTP
 * command" and "-------original message" (or "original mail info") sections.
 */
import type { MailMessage } from "../message";
import { addressLine, findLine, firstParagraph, section } from "../prose";
import { quotedHeaders, senderOf } from "../quoted-headers";
import { defineFormat } from "./format";

const SERVER_MESSAGE = /^-------server message/;
const SMTP_COMMAND = /^-------SMTP command/;
const ORIGINAL = /^-------original (?:message|mail info)/;

function writtenByMFilter(message: MailMessage): boolean {
  if (/^m-FILTER/i.test(message.headers.get("x-mailer") ?? "")) return true;
  return /^-------server message/m.test(message.text) && /^-------SMTP command/m.test(message.text);
}

export const mfilter = defineFormat({
  name: "mfilter",
  recognise: writtenByMFilter,
  extract: (message) => {
    const lines = message.text.split("\n");
    const end = findLine(lines, SERVER_MESSAGE);
    if (end < 0) return null;
    const addresses = lines.slice(0, end).map(addressLine).filter((a): a is string => a !== null);
    if (addresses.length === 0) return null;
    const diagnostic = firstParagraph(section(message.text, SERVER_MESSAGE, /^-------/));
    const command = firstParagraph(section(message.text, SMTP_COMMAND, /^-------/));
    return {
      // "このメールは送信できませんでした": the message was not sent, whatever the reply's class.
      recipients: addresses.map((address) => ({ address, action: "failed" as const, diagnostic, smtpCommand: command?.split(" ")[0].toUpperCase() ?? null })),
      originalSender: senderOf(quotedHeaders(message.text, ORIGINAL)),
    };
  },
});
