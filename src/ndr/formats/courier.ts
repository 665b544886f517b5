/**
 * Courier: "This is a delivery status notification from host, running the Courier
 * mail server", then per recipient the remote host and the SMTP dialogue:
 *
 *   <bob@example.com>:
 *       mx.example.com [192.0.2.1]:
 *   >>> RCPT TO:<bob@example.com>
 *   <<< 550 5.1.1 <bob@example.com>... User Unknown
 */
import { defineFormat, type FormatModule, type RecipientFinding } from "./format";
import { deliveryStatusOf, mergeDsn } from "../dsn-merge";
import type { MailMessage } from "../message";
import { linesOf } from "../prose";
import { smtpCommandIn } from "../reply";
import { findReplyCode, findStatus, normalizeAddress } from "../text";

const MARKER = /running the Courier mail server, version|^This is a delivery status notification from \S{1,253},?\s*$/im;
/** Courier's two notices (module.dsn): the recipients follow the heading. */
const START = /^(?:UNDELIVERABLE MAIL|DELAYS IN DELIVERING YOUR MESSAGE)$/;
const DELAYED = /^DELAYS IN DELIVERING YOUR MESSAGE$/m;
const END = /^-{20,}\s*$/;
const RECIPIENT = /^<([^<>\s]{1,320}@[^<>\s]{1,255})>:\s*$/;
const REMOTE = /^([A-Za-z0-9][A-Za-z0-9.-]{0,252}) \[[0-9A-Fa-f.:]{2,45}\]:\s*$/;

function recognise(message: MailMessage): boolean {
  if (/Courier mail server at /i.test(message.from) || /^<courier\.[0-9A-F]{1,40}\./i.test(message.headers.get("message-id") ?? "")) return true;
  if (/^(?:NOTICE: mail delivery status\.|WARNING: delayed mail\.)/.test(message.subject)) return true;
  return MARKER.test(message.text.slice(0, 3000));
}

function extract(message: MailMessage): ReturnType<FormatModule["extract"]> {
  const lines = linesOf(message.text);
  const start = lines.findIndex((line) => START.test(line.trim()));
  const delayed = DELAYED.test(message.text.slice(0, 5000).replace(/^[ \t]+/gm, ""));
  const prose: (RecipientFinding & { said: string[] })[] = [];
  for (const raw of start >= 0 ? lines.slice(start + 1) : []) {
    const line = raw.trim();
    if (END.test(line)) break;
    const recipient = RECIPIENT.exec(line);
    const current = prose[prose.length - 1];
    if (recipient) prose.push({ address: normalizeAddress(recipient[1]), said: [], action: delayed ? "delayed" : undefined });
    else if (current && REMOTE.test(line)) current.remoteMta = REMOTE.exec(line)?.[1].toLowerCase();
    else if (current && line.startsWith(">>>")) current.smtpCommand = smtpCommandIn(line.slice(3));
    else if (current && line) current.said.push(line.replace(/^<<<\s?/, ""));
  }
  const findings = prose.map(({ said, ...finding }) => {
    const diagnostic = said.join(" ");
    return { ...finding, diagnostic: diagnostic || undefined, replyCode: findReplyCode(diagnostic) ?? undefined, status: findStatus(diagnostic) ?? undefined };
  });
  const recipients = mergeDsn(deliveryStatusOf(message), findings);
  return recipients.length > 0 ? { recipients } : null;
}

export const courier = defineFormat({ name: "courier", recognise, extract });
