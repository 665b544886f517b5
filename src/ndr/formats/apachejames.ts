/**
 * Apache James, the Java mail server: "Error: ..." and "Error message below:" lines,
 * then the envelope ("MAIL FROM:", "RCPT TO:") under "Message details:".
 */
import type { MailMessage } from "../message";
import { section } from "../prose";
import { findAddress } from "../text";
import type { FormatModule } from "./format";

function writtenByJames(message: MailMessage): boolean {
  if (message.headers.all("received").some((line) => line.includes("JAMES SMTP Server"))) return true;
  return (message.headers.get("message-id") ?? "").includes(".JavaMail.") && /^Error message below:/m.test(message.text);
}

/** "  RCPT TO: bob@example.com" -> the address after the field name. */
function envelopeField(details: readonly string[], name: string): string | null {
  const line = details.find((l) => l.trimStart().startsWith(name));
  return line ? findAddress(line.slice(line.indexOf(name) + name.length)) : null;
}

export const apachejames: FormatModule = {
  name: "apachejames",
  recognise: writtenByJames,
  extract: (message) => {
    const details = section(message.text, /^Message details:/) ?? [];
    const address = envelopeField(details, "RCPT TO:");
    if (!address) return null;
    const errorLines = section(message.text, /^Error: /, /^Message details:/);
    const errorStart = message.text.split("\n").find((line) => line.startsWith("Error: ")) ?? "";
    const diagnostic = [errorStart, ...(errorLines ?? [])].map((line) => line.trim()).filter(Boolean).join(" ");
    return { recipients: [{ address, diagnostic }], originalSender: envelopeField(details, "MAIL FROM:") };
  },
};
