/**
 * Trend Micro InterScan Messaging Security Suite: the SMTP exchange that failed
 * ("Sent <<< RCPT TO:<...>", "Received >>> 550 ..."), or a one-line
 * "Unable to deliver message to <address>" notice.
 */
import type { MailMessage } from "../message";
import { findAddress } from "../text";
import type { FormatModule, RecipientFinding } from "./format";

function writtenByInterScan(message: MailMessage): boolean {
  return /InterScan/i.test(message.from) || message.contentType.includes("interscan_nt_mime_boundary");
}

/** Pairs each "Sent <<< COMMAND" line with the "Received >>> reply" that follows it. */
function transcript(lines: readonly string[]): RecipientFinding[] {
  const recipients: RecipientFinding[] = [];
  let command: string | null = null;
  let address: string | null = null;
  for (const line of lines) {
    if (line.startsWith("Sent <<< ")) {
      const sent = line.slice("Sent <<< ".length).trim();
      command = sent.split(/[\s:]/)[0].toUpperCase();
      address = command === "RCPT" ? findAddress(sent) : address;
    } else if (line.startsWith("Received >>> ") && address) {
      recipients.push({ address, diagnostic: line.slice("Received >>> ".length).trim(), smtpCommand: command });
    }
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
      if (address) recipients.push({ address, diagnostic: line.trim() });
    }
    return recipients.length > 0 ? { recipients } : null;
  },
};
