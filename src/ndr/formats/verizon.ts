/**
 * Verizon Wireless's gateways. Two layouts:
 *   - MMS (MMSC NDR Administrator <sysadmin@*.vzwpix.com>): "Message could not be
 *     delivered to mobile.", "Error: ...", the original's headers under "Original Message:";
 *   - SMS (post_master@vtext.com): "Error: ...", "550 - Requested action not taken: no such
 *     user here", and "Message details:" with "RCPT TO:" and "MAIL FROM:" lines.
 */
import type { MailMessage } from "../message";
import { quotedHeaders } from "../quoted-headers";
import { findAddress, findReplyCode } from "../text";
import { defineFormat, type FormatFindings } from "./format";

const ORIGINAL = /^\s*Original Message:\s*$/i;

function readMms(message: MailMessage): FormatFindings | null {
  const original = quotedHeaders(message.text, ORIGINAL);
  const error = /^\s*Error:\s*(.{1,1000})$/m.exec(message.text)?.[1].trim() ?? null;
  const addresses = (original?.get("to") ?? "").split(",").map((value) => findAddress(value)).filter((a): a is string => a !== null);
  if (addresses.length === 0) return null;
  return { recipients: addresses.map((address) => ({ address, diagnostic: error })), originalSender: findAddress(original?.get("from")) };
}

function readSms(message: MailMessage): FormatFindings | null {
  const lines = message.text.split("\n").slice(0, 500);
  const reply = lines.map((line) => line.trim()).find((line) => /^[245]\d\d - \S/.test(line)) ?? null;
  const error = lines.map((line) => /^\s*Error:\s*(.{1,1000})$/.exec(line)?.[1].trim()).find((e) => e) ?? null;
  const diagnostic = reply ?? error;
  const recipients = lines
    .map((line) => /^\s*RCPT TO:\s*(\S{1,320})/.exec(line)?.[1])
    .map((value) => findAddress(value))
    .filter((a): a is string => a !== null)
    .map((address) => ({ address, diagnostic, replyCode: findReplyCode(reply, { leading: true }) ?? undefined }));
  if (recipients.length === 0) return null;
  const sender = lines.map((line) => /^\s*MAIL FROM:\s*(\S{1,320})/.exec(line)?.[1]).find((v) => v);
  return { recipients, originalSender: message.original ? undefined : findAddress(sender) };
}

export const verizon = defineFormat({
  name: "verizon",
  recognise: (message) => /@(?:[\w-]{1,63}\.){0,3}(?:vzwpix\.com|vtext\.com)>?$/i.test(message.from.trim()) && /could not be delivered|^\s*Error:/im.test(message.text),
  extract: (message) => (/vtext\.com/i.test(message.from) ? readSms(message) : readMms(message)),
});
