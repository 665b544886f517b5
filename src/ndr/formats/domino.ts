/**
 * IBM/HCL Domino: "Your message ... was not delivered to: <address> because: <reason>",
 * often with a delivery-status part whose Diagnostic-Code is left in the raw charset
 * of the text part: the text part (decoded) is the better source of the reason.
 */
import { addressLine, firstParagraph, section } from "../prose";
import type { FormatModule } from "./format";

export const domino: FormatModule = {
  name: "domino",
  recognise: (message) => /^DELIVERY[ _]FAILURE:/i.test(message.subject) && message.text.includes("was not delivered to:"),
  extract: (message) => {
    const listed = section(message.text, /^\s*was not delivered to:/, /^\s*because:/) ?? [];
    const addresses = listed.map(addressLine).filter((a): a is string => a !== null);
    if (addresses.length === 0) return null;
    const diagnostic = firstParagraph(section(message.text, /^\s*because:/));
    return { recipients: addresses.map((address) => ({ address, diagnostic })) };
  },
};
