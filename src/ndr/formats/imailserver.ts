/**
 * Ipswitch IMail Server ("SMTP32"): one line per failed address, "<reason>: <address>",
 * then "Original message follows." and the original.
 */
import { quotedHeaders, senderOf } from "../prose";
import { findAddress, normalizeAddress } from "../text";
import type { FormatModule, RecipientFinding } from "./format";

const ORIGINAL = /^Original message follows\./;

/** "Unknown user: bob@example.com" -> the reason and the address. */
function reasonLine(line: string): RecipientFinding | null {
  const colon = line.lastIndexOf(": ");
  if (colon <= 0) return null;
  const address = normalizeAddress(line.slice(colon + 2));
  return address && !/\s/.test(address) ? { address, diagnostic: line.slice(0, colon).trim() } : null;
}

export const imailserver: FormatModule = {
  name: "imailserver",
  recognise: (message) => /^<SMTP32 v/i.test(message.headers.get("x-mailer") ?? ""),
  extract: (message) => {
    const head = message.text.split("\n");
    const end = head.findIndex((line) => ORIGINAL.test(line));
    const lines = (end >= 0 ? head.slice(0, end) : head).map((line) => line.trim()).filter(Boolean);
    const recipients = lines.map(reasonLine).filter((r): r is RecipientFinding => r !== null);
    if (recipients.length === 0) {
      // "Body of message generated response:" and similar: the address is somewhere in the prose.
      const address = findAddress(lines.join(" "));
      if (!address) return null;
      recipients.push({ address, diagnostic: lines.join(" ") });
    }
    return { recipients, originalSender: senderOf(quotedHeaders(message.text, ORIGINAL)) };
  },
};
