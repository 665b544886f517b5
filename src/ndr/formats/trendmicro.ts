/**
 * Trend Micro InterScan Messaging Security Suite: the SMTP exchange that failed
 * ("Sent <<< RCPT TO:<...>", "Received >>> 550 ..."; in Japanese builds
 * "送信 >>> RCPT TO:<...>", "受信 <<< 550 ..."), or a one-line
 * "Unable to deliver message to <address>" notice.
 */
import type { MailMessage } from "../message";
import { findAddress } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

const SUBJECTS = ["Mail could not be delivered", "メッセージを配信できません。", "メール配信に失敗しました"];

function writtenByInterScan(message: MailMessage): boolean {
  return /InterScan/i.test(message.from) || message.contentType.includes("interscan_nt_mime_boundary") || SUBJECTS.includes(message.subject.trim());
}

/** Where the first "<<<" or ">>>" of a line is, or -1 (found by scanning, not by a pattern). */
function arrowAt(line: string): number {
  const sent = line.indexOf("<<<");
  const received = line.indexOf(">>>");
  if (sent < 0) return received;
  return received < 0 ? sent : Math.min(sent, received);
}

/** Walks the transcript: an address in angle brackets after an arrow starts a recipient; commands and replies fill it. */
function transcript(lines: readonly string[]): RecipientFinding[] {
  const recipients: RecipientFinding[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const at = arrowAt(line);
    if (at < 0) continue;
    const direction = line.slice(at, at + 3);
    const said = line.slice(at + 3).trim();
    if (said === "") continue;
    const bracketed = /<([^\s<>]{1,256}@[^\s<>]{1,255})>/.exec(said);
    const address = bracketed ? findAddress(bracketed[0]) : null;
    if (address && recipients[recipients.length - 1]?.address !== address) recipients.push({ address });
    const current = recipients[recipients.length - 1];
    if (!current) continue;
    // English builds write "Sent <<<" and "Received >>>"; Japanese ones point the arrows the other way.
    const isCommand = line.startsWith("Sent ") || (!line.startsWith("Received ") && direction === ">>>");
    if (isCommand) current.smtpCommand = /^[A-Z]{4}/.exec(said)?.[0] ?? current.smtpCommand;
    else if (/^\d{3}\s/.test(said)) current.diagnostic = said;
  }
  return recipients;
}

export const trendmicro = defineFormat({
  name: "trendmicro",
  recognise: writtenByInterScan,
  extract: (message) => {
    const lines = message.text.split("\n");
    const recipients = transcript(lines);
    for (const line of lines) {
      if (!line.startsWith("Unable to deliver message to ")) continue;
      const address = findAddress(line);
      if (address && !recipients.some((r) => r.address === address)) recipients.push({ address, diagnostic: line.trim() });
    }
    return recipients.length > 0 ? { recipients } : null;
  },
});
