/**
 * An MTA Sisimai calls "X1" (seen behind Japanese relays running Mail2000): a
 * sendmail-like opening, then "---The following addresses had delivery errors---"
 * and one "<address> [<reason>]" line per recipient.
 */
import { section } from "../prose";
import { findAddress, normalizeAddress } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

const ERRORS = "---The following addresses had delivery errors---";

/** "bob@example.com [User unknown]" */
function errorLine(line: string): RecipientFinding | null {
  const open = line.indexOf(" [");
  if (open <= 0 || !line.trimEnd().endsWith("]")) return null;
  const address = normalizeAddress(line.slice(0, open));
  return address ? { address, diagnostic: line.slice(open + 2, line.trimEnd().length - 1) } : null;
}

export const x1 = defineFormat({
  name: "x1",
  recognise: (message) => message.text.includes(ERRORS),
  extract: (message) => {
    const recipients = (section(message.text, ERRORS) ?? []).map((line) => errorLine(line.trim())).filter((r): r is RecipientFinding => r !== null);
    if (recipients.length === 0) return null;
    // "The original message was received at <date>\nfrom <sender>"
    const from = message.text.split("\n", 12).find((line) => /^from \S+@\S+/.test(line));
    return { recipients, originalSender: message.original ? undefined : findAddress(from) };
  },
});
