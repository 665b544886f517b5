/**
 * OpenSMTPD: "This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.", then
 * one line per recipient after "the following list of recipients:":
 *
 *   bob@example.com: 550 5.1.1 <bob@example.com>... User Unknown
 *
 * "A message is delayed ..." reports temporary failures.
 */
import { defineFormat, type FormatModule, type RecipientFinding } from "./format";
import { deliveryStatusOf, mergeDsn } from "../dsn-merge";
import type { MailMessage } from "../message";
import { section } from "../prose";
import { quotedHeaders, returnedTo } from "../quoted-headers";
import { findReplyCode, findStatus, normalizeAddress } from "../text";

const MARKER = /This is the MAILER-DAEMON, please DO NOT REPLY to this e-?mail\./i;
const LIST_START = /(?:^|\s)list of recipients:\s*$/i;
const COPY = /^\s{0,8}Below is a copy of the original message:/i;
const RECIPIENT = /^<?([^\s<>:]{1,320}@[A-Za-z0-9.-]{1,253})>?:\s{1,5}(.{1,4000})/;
const DELAYED = /A message is delayed for more than/i;

function recognise(message: MailMessage): boolean {
  return MARKER.test(message.text.slice(0, 5000));
}

function extract(message: MailMessage): ReturnType<FormatModule["extract"]> {
  const delayed = DELAYED.test(message.text.slice(0, 5000));
  const prose: RecipientFinding[] = [];
  for (const line of section(message.text, LIST_START, COPY) ?? []) {
    const match = RECIPIENT.exec(line.trim());
    const address = match ? normalizeAddress(match[1]) : null;
    if (!match || !address) continue;
    prose.push({
      address,
      diagnostic: match[2].trim(),
      replyCode: findReplyCode(match[2]) ?? undefined,
      status: findStatus(match[2]) ?? undefined,
      action: delayed ? "delayed" : "failed",
    });
  }
  const recipients = mergeDsn(deliveryStatusOf(message), prose);
  if (recipients.length === 0) return null;
  return { recipients, originalSender: returnedTo(message, message.original ? null : quotedHeaders(message.text, COPY)) };
}

export const opensmtpd = defineFormat({ name: "opensmtpd", recognise, extract });
