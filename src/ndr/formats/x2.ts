/**
 * Two layouts Sisimai files as "X2". The first is the old Yahoo!-style qmail report:
 * "Message from <host>. Unable to deliver message to the following address(es)."
 * with "<address>:" blocks. The second, a newer Japanese relay's "NOTICE: Delivery
 * Failure." with "Delivery failed: <address>" and "Remote host said[...]: <reply>".
 */
import type { MailMessage } from "../message";
import { addressLine } from "../prose";
import { bounceAddressee, quotedHeaders, senderOf } from "../quoted-headers";
import { recipientBlocks } from "../recipient-blocks";
import { findAddress } from "../text";
import { defineFormat, type FormatFindings } from "./format";

const UNABLE = /^Unable to deliver message to the following address\(es\)\.\s*$/;
const ORIGINAL = /^--- Original message follows\./;
const NOTICE = /^NOTICE: Delivery Failure\.\s*$/;
const SAID = "Remote host said[Response Message]: ";

function addressBlockReport(message: MailMessage): FormatFindings | null {
  const blocks = recipientBlocks(message.text, { start: UNABLE, end: ORIGINAL, addressLine, maxBlankRun: Infinity });
  if (blocks.length === 0) return null;
  return {
    recipients: blocks.map(({ address, body }) => ({ address, diagnostic: body.join(" ") || null })),
    originalSender: senderOf(quotedHeaders(message.text, ORIGINAL)),
  };
}

function noticeReport(message: MailMessage): FormatFindings | null {
  const lines = message.text.split("\n");
  const failed = lines.findIndex((line) => line.startsWith("Delivery failed: "));
  const address = failed >= 0 ? findAddress(lines[failed]) : null;
  if (!address) return null;
  const said = lines.find((line) => line.startsWith(SAID));
  const step = lines.find((line) => line.startsWith("STEP: "));
  return {
    recipients: [
      {
        address,
        diagnostic: said ? said.slice(SAID.length) : lines.slice(failed + 1).filter(Boolean).join(" ") || null,
        smtpCommand: step ? step.slice("STEP: ".length).split(" ")[0].toUpperCase() : undefined,
      },
    ],
    originalSender: bounceAddressee(message),
  };
}

export const x2 = defineFormat({
  name: "x2",
  recognise: (message) => message.text.split("\n", 4).some((line) => UNABLE.test(line)) || NOTICE.test(message.text.trimStart().split("\n", 1)[0]),
  extract: (message) => addressBlockReport(message) ?? noticeReport(message),
});
