/**
 * Lotus Notes' SMTP MTA (before Domino's wording): the reasons and the failed
 * addresses between "Failure Reasons" and "Returned Message" rulers, the original after.
 */
import { addressLine, section } from "../prose";
import { quotedHeaders, senderOf } from "../quoted-headers";
import { findAddress } from "../text";
import { defineFormat } from "./format";

const REASONS = /^-{5,} {0,4}Failure Reasons {0,4}-{5,}/;
const RETURNED = /^-{5,} {0,4}Returned Message {0,4}-{5,}/;

export const notes = defineFormat({
  name: "notes",
  recognise: (message) => /^Undeliverable message/i.test(message.subject) && /^-{5,} {0,4}Failure Reasons/m.test(message.text),
  extract: (message) => {
    const lines = (section(message.text, REASONS, RETURNED) ?? []).map((line) => line.trim()).filter((line) => line && !line.startsWith("-"));
    const original = quotedHeaders(message.text, RETURNED);
    const listed = lines.map(addressLine).filter((a): a is string => a !== null);
    // Some builds list only the reason: the returned message's To names the recipient.
    const addresses = listed.length > 0 ? listed : [findAddress(original?.get("to"))].filter((a): a is string => a !== null);
    if (addresses.length === 0) return null;
    const diagnostic = lines.filter((line) => addressLine(line) === null).join(" ") || null;
    return { recipients: addresses.map((address) => ({ address, diagnostic })), originalSender: senderOf(original) };
  },
});
