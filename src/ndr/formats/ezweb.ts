/**
 * au by KDDI's EZweb mobile mail (Postmaster@ezweb.ne.jp, Postmaster@au.com). Japanese prose first, then
 * one of:
 *   "Each of the following recipients was rejected by a remote mail server." with
 *     "Recipient: <bob@...>", ">>> RCPT TO:<...>", "<<< 550 ... User unknown";
 *   "<bob@ezweb.ne.jp>: 550 user unknown (in reply to RCPT TO command)";
 *   an English reason ("The user(s) account is disabled.") and the bare address.
 */
import { mergeDsn } from "../dsn-merge";
import { smtpCommandIn } from "../reply";
import { findAddress, findReplyCode } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

const RECIPIENT = /^\s*Recipient:\s*(<[^<>\s]{1,320}>)/;
const SENT = /^\s*>>>\s*(.{1,1000})$/;
const RECEIVED = /^\s*<<<\s*(.{1,2000})$/;
const ADDRESS_REPLY = /^\s*(<[^<>\s]{1,320}>):\s*(.{1,2000})$/;
const BARE = /^\s*(<[^<>\s]{1,320}>)\s*$/;
/** The English reasons EZweb writes under the Japanese ones. */
const REASON = /^\s*(The user\(s\) account is disabled\.|The following recipients did not receive this message:|The mail box of the recipient is full\.|The user\(s\) is not found\.|[A-Z][^<>@\n]{10,200}\.)\s*$/;

function readTranscripts(lines: string[]): RecipientFinding[] {
  const found: RecipientFinding[] = [];
  for (const line of lines) {
    const recipient = RECIPIENT.exec(line);
    if (recipient) {
      found.push({ address: findAddress(recipient[1]) });
      continue;
    }
    const current = found[found.length - 1];
    if (!current) continue;
    const sent = SENT.exec(line);
    if (sent) current.smtpCommand = smtpCommandIn(sent[1], "verbs") ?? undefined;
    const received = RECEIVED.exec(line);
    if (received) {
      current.diagnostic = received[1].trim();
      current.replyCode = findReplyCode(received[1], { leading: true }) ?? undefined;
    }
  }
  return found;
}

function readAddressLines(lines: string[]): RecipientFinding[] {
  const reason = lines.map((line) => REASON.exec(line)?.[1]).find((r) => r !== undefined) ?? null;
  const found: RecipientFinding[] = [];
  for (const line of lines) {
    const reply = ADDRESS_REPLY.exec(line);
    if (reply) {
      const diagnostic = reply[2].trim();
      found.push({ address: findAddress(reply[1]), diagnostic, replyCode: findReplyCode(diagnostic, { leading: true }) ?? undefined, smtpCommand: smtpCommandIn(/\(in reply to ([A-Z ]{3,12}) command\)/.exec(diagnostic)?.[1], "verbs") ?? undefined });
      continue;
    }
    const bare = BARE.exec(line);
    if (bare) found.push({ address: findAddress(bare[1]), diagnostic: reason });
  }
  return found;
}

export const ezweb = defineFormat({
  name: "ezweb",
  recognise: (message) =>
    /postmaster@(?:ezweb\.ne\.jp|au\.com)\b/i.test(message.from) ||
    (message.subject === "Mail System Error - Returned Mail" && /@(?:[\w-]{1,63}\.){0,3}(?:ezweb\.ne\.jp|au\.com)>?$/i.test(message.from.trim())) ||
    message.headers.all("received").some((r) => r.includes("(EZweb Mail)")),
  extract: (message) => {
    const lines = message.text.split("\n").slice(0, 2000);
    const transcripts = readTranscripts(lines);
    const recipients = (transcripts.length > 0 ? transcripts : readAddressLines(lines)).filter((r) => r.address !== null);
    if (recipients.length === 0) return null;
    return { recipients: mergeDsn(message.deliveryStatus, recipients, { gapsOnly: true }) };
  },
});
