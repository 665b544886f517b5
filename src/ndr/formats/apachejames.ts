/**
 * Apache James, the Java mail server: "Error: ..." and "Error message below:" with the
 * remote reply, then the envelope ("MAIL FROM:", "RCPT TO:") under "Message details:".
 */
import type { MailMessage } from "../message";
import { findLine } from "../prose";
import { findAddress } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

const DETAILS = /^Message details:/;
const ERROR_START = /^Error(?: message below)?:/;

function writtenByJames(message: MailMessage): boolean {
  if (message.subject === "[BOUNCE]") return true;
  if (message.headers.all("received").some((line) => line.includes("JAMES SMTP Server"))) return true;
  return (message.headers.get("message-id") ?? "").includes(".JavaMail.") && /^Error message below:/m.test(message.text);
}

/** "  RCPT TO: bob@example.com" lines -> the addresses after the field name. */
function envelopeAddresses(details: readonly string[], name: string): string[] {
  return details
    .filter((line) => line.trimStart().startsWith(name))
    .map((line) => findAddress(line.slice(line.indexOf(name) + name.length)))
    .filter((a): a is string => a !== null);
}

export const apachejames = defineFormat({
  name: "apachejames",
  recognise: writtenByJames,
  extract: (message) => {
    const lines = message.text.split("\n");
    const detailsAt = findLine(lines, DETAILS);
    if (detailsAt < 0) return null;
    const details = lines.slice(detailsAt + 1);
    const addresses = envelopeAddresses(details, "RCPT TO:");
    if (addresses.length === 0) return null;
    // "Error: Invalid user address" / "Error message below:" / "550 - ...": everything up to the details.
    const errorAt = findLine(lines, ERROR_START);
    const errorLines = errorAt >= 0 && errorAt < detailsAt ? lines.slice(errorAt, detailsAt) : [];
    const diagnostic = errorLines.map((line) => line.trim()).filter(Boolean).join(" ") || null;
    const recipients: RecipientFinding[] = addresses.map((address) => ({ address, diagnostic }));
    const [sender] = envelopeAddresses(details, "MAIL FROM:");
    return { recipients, originalSender: sender ?? null };
  },
});
