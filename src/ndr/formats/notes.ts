/**
 * Lotus Notes' SMTP MTA (before Domino's wording): the reasons and the failed
 * addresses between "Failure Reasons" and "Returned Message" rulers, the original after.
 */
import { addressLine, quotedHeaders, section, senderOf } from "../prose";
import type { FormatModule } from "./format";

const REASONS = /^-{5,} {0,4}Failure Reasons {0,4}-{5,}/;
const RETURNED = /^-{5,} {0,4}Returned Message {0,4}-{5,}/;

export const notes: FormatModule = {
  name: "notes",
  recognise: (message) => /^Undeliverable message/i.test(message.subject) && REASONS.test(message.text.trimStart()),
  extract: (message) => {
    const lines = (section(message.text, REASONS, RETURNED) ?? []).map((line) => line.trim()).filter(Boolean);
    const addresses = lines.map(addressLine).filter((a): a is string => a !== null);
    if (addresses.length === 0) return null;
    const diagnostic = lines.filter((line) => addressLine(line) === null).join(" ") || null;
    return {
      recipients: addresses.map((address) => ({ address, diagnostic })),
      originalSender: senderOf(quotedHeaders(message.text, RETURNED)),
    };
  },
};
