/**
 * Trend Micro InterScan Messaging Security Suite: the SMTP exchange that failed
 * ("Sent <<< RCPT TO:<...>", "Received >>> 550 ..."; in Japanese builds
 * "送信 >>> RCPT TO:<...>", "受信 <<< 550 ..."), or a one-line
 * "Unable to deliver message to <address>" notice.
 */
import type { MailMessage } from "../message";
import { findAddress } from "../text";
import type { FormatModule, RecipientFinding } from "./format";

const SUBJECTS = ["Mail could not be delivered", "メッセージを配信できません。", "メール配信に失敗しました"];

function writtenByInterScan(message: MailMessage): boolean {
  return /InterScan/i.test(message.from) || message.contentType.includes("interscan_nt_mime_boundary") || SUBJECTS.includes(message.subject.trim());
}

/** Walks the transcript: an address in angle brackets after an arrow starts a recipient; commands and replies fill it. */
function transcript(lines: readonly string[]): RecipientFinding[] {
  const recipients: RecipientFinding[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const arrow = /(<<<|>>>)[ \t]+(.{1,2000})$/.exec(line);
    if (!arrow) continue;
    const [, direction, said] = arrow;
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

export const trendmicro: FormatModule = {
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
};
