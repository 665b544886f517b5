/**
 * DragonFly Mail Agent (dma): "This is the DragonFly Mail Agent v0.13 at host.", then
 *
 *   There was an error delivering your mail to <bob@example.com>.
 *   mx.example.com [192.0.2.1] did not like our RCPT TO:
 *   550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown
 *
 *   Message headers follow.
 */
import { defineFormat, type FormatModule, type RecipientFinding } from "./format";
import type { MailMessage } from "../message";
import { linesOf } from "../prose";
import { quotedHeaders, returnedTo } from "../quoted-headers";
import { smtpCommandIn } from "../reply";
import { findReplyCode, findStatus, normalizeAddress } from "../text";

const MARKER = /^This is the DragonFly Mail Agent\b/m;
const ERROR_TO = /^There was an error delivering your mail to <([^<>\s]{1,320})>\.?\s*$/i;
const HEADERS_FOLLOW = /^(?:Message headers follow\.|Original message follows\.)/i;
const DID_NOT_LIKE = /^([A-Za-z0-9][A-Za-z0-9.-]{0,252}) \[[0-9A-Fa-f.:]{2,45}\] did not like our ([^:]{1,40}):\s*$/i;

function recognise(message: MailMessage): boolean {
  return MARKER.test(message.text.slice(0, 2000));
}

function extract(message: MailMessage): ReturnType<FormatModule["extract"]> {
  const lines = linesOf(message.text);
  const recipients: RecipientFinding[] = [];
  let current: { finding: RecipientFinding; words: string[] } | null = null;
  const finish = () => {
    if (!current) return;
    const diagnostic = current.words.join(" ");
    recipients.push({ ...current.finding, diagnostic: diagnostic || undefined, replyCode: findReplyCode(diagnostic) ?? undefined, status: findStatus(diagnostic) ?? undefined });
    current = null;
  };
  for (const line of lines) {
    if (HEADERS_FOLLOW.test(line.trim())) break;
    const errorTo = ERROR_TO.exec(line.trim());
    if (errorTo) {
      finish();
      current = { finding: { address: normalizeAddress(errorTo[1]) }, words: [] };
      continue;
    }
    if (!current || !line.trim()) continue;
    const remote = DID_NOT_LIKE.exec(line.trim());
    if (remote) Object.assign(current.finding, { remoteMta: remote[1].toLowerCase(), smtpCommand: smtpCommandIn(remote[2]) });
    else current.words.push(line.trim());
  }
  finish();
  if (recipients.length === 0) return null;
  return { recipients, originalSender: returnedTo(message, quotedHeaders(message.text, HEADERS_FOLLOW)) };
}

export const dragonfly = defineFormat({ name: "dragonfly", recognise, extract });
