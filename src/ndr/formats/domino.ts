/**
 * IBM/HCL Domino: "Your message ... was not delivered to: <addresses> because:
 * <reason>", repeated per group of recipients, often with a delivery-status part
 * whose Diagnostic-Code is left in the raw charset of the text part: the text part
 * (decoded) is the better source of the reason.
 */
import { addressLine } from "../prose";
import { defineFormat, type RecipientFinding } from "./format";

const NOT_DELIVERED = /^\s*was not delivered to:\s*$/;
const BECAUSE = /^\s*because:\s*$/;

/** Each "was not delivered to:" group: its addresses, then the paragraph after "because:". */
function groups(text: string): RecipientFinding[] {
  const found: RecipientFinding[] = [];
  let addresses: string[] = [];
  let reason: string[] | null = null;
  let listing = false;
  const close = () => {
    const diagnostic = reason?.join(" ") || null;
    for (const address of addresses) found.push({ address, diagnostic });
    addresses = [];
    reason = null;
    listing = false;
  };
  for (const line of text.split("\n")) {
    if (NOT_DELIVERED.test(line)) {
      close();
      listing = true;
      continue;
    }
    if (BECAUSE.test(line) && listing) {
      reason = [];
      listing = false;
      continue;
    }
    if (listing) {
      const address = addressLine(line);
      if (address) addresses.push(address);
    } else if (reason === null) continue;
    else if (line.trim() !== "") reason.push(line.trim());
    else if (reason.length > 0) close();
  }
  close();
  return found;
}

export const domino = defineFormat({
  name: "domino",
  recognise: (message) => /^DELIVERY[ _]FAILURE:/i.test(message.subject) && message.text.includes("was not delivered to:"),
  extract: (message) => {
    const recipients = groups(message.text);
    return recipients.length > 0 ? { recipients } : null;
  },
});
