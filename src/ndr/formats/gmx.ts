/**
 * GMX and mail.com (MAILER-DAEMON@*.gmx.*, "Mail delivery failed: returning message
 * to sender"): after "The following address failed:", either
 *   "bob@example.com":  / SMTP error from remote server after RCPT command: / host: mx / reply
 * or
 *   <bob@example.com>  / Reason: / what went wrong
 * then "--- The header of the original message is following. ---".
 */
import { inlineOriginalSender } from "../inline-original";
import { readRecipientBlocks } from "../recipient-blocks";
import { commandNamed } from "../reply-text";
import type { FormatModule } from "./format";

const START = /^\s*(?:its )?recipients\. This is a permanent error\.|The following addresses? failed:/i;
const ORIGINAL = /^\s*--- The header of the original message is following\. ---/;

export const gmx: FormatModule = {
  name: "gmx",
  recognise: (message) => /mailer-daemon@(?:[\w-]{1,40}\.){0,3}(?:gmx\.[a-z]{2,3}|mail\.com)\b/i.test(message.from) || message.headers.has("x-ui-out-filterresults") && ORIGINAL.test(message.text),
  extract: (message) => {
    const blocks = readRecipientBlocks(message.text, { start: START, end: ORIGINAL, addressLine: /^\s*["<][^"<>\s]{1,320}@[^"<>\s]{1,253}[">]:?\s*$/ });
    if (blocks.length === 0) return null;
    return {
      recipients: blocks.map(({ address, body }) => {
        const hostAt = body.findIndex((line) => /^host:\s/i.test(line));
        const reasonAt = body.findIndex((line) => /^Reason:\s*$/i.test(line));
        const reply = hostAt >= 0 ? body.slice(hostAt + 1) : reasonAt >= 0 ? body.slice(reasonAt + 1) : body;
        return {
          address,
          diagnostic: reply.join(" ") || null,
          remoteMta: hostAt >= 0 ? body[hostAt].replace(/^host:\s*/i, "").toLowerCase() : undefined,
          smtpCommand: commandNamed(body.find((line) => /^SMTP error from remote server after/i.test(line))),
        };
      }),
      originalSender: message.original ? undefined : inlineOriginalSender(message.text, ORIGINAL),
    };
  },
};
