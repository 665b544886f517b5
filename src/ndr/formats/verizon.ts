/**
 * Verizon Wireless's MMS gateway (MMSC NDR Administrator <sysadmin@*.vzwpix.com>,
 * "Undeliverable Message"): "Message could not be delivered to mobile.", "Error: ...",
 * and the original's headers under "Original Message:", whose To is the recipient.
 */
import { inlineHeaders } from "../inline-original";
import { findAddress } from "../text";
import type { FormatModule } from "./format";

const ORIGINAL = /^\s*Original Message:\s*$/i;

export const verizon: FormatModule = {
  name: "verizon",
  recognise: (message) => /@(?:[\w-]{1,63}\.){0,3}(?:vzwpix\.com|vtext\.com)>?$/i.test(message.from.trim()) && /could not be delivered/i.test(message.text),
  extract: (message) => {
    const original = inlineHeaders(message.text, ORIGINAL);
    const error = /^\s*Error:\s*(.{1,1000})$/m.exec(message.text)?.[1].trim() ?? null;
    const addresses = (original?.get("to") ?? "").split(",").map((value) => findAddress(value)).filter((a): a is string => a !== null);
    if (addresses.length === 0) return null;
    return {
      recipients: addresses.map((address) => ({ address, diagnostic: error })),
      originalSender: findAddress(original?.get("from")),
    };
  },
};
