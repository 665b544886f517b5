/**
 * Ipswitch IMail Server ("SMTP32"): one line per failed address, "<reason>: <address>"
 * or "undeliverable to <address>", sometimes the remote reply after "Body of message
 * generated response:", then "Original message follows." and the original.
 */
import type { MailMessage } from "../message";
import { findLine } from "../prose";
import { quotedHeaders, senderOf } from "../quoted-headers";
import { findAddress, normalizeAddress } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

const ORIGINAL = /^Original message follows\./;
const RESPONSE = "Body of message generated response:";

function writtenByIMail(message: MailMessage): boolean {
  if (/^<SMTP32 v/i.test(message.headers.get("x-mailer") ?? "")) return true;
  return /^Undeliverable Mail\b/.test(message.subject) && /^Original message follows\./m.test(message.text);
}

/** "Unknown user: bob@example.com" -> the reason and the address. */
function reasonLine(line: string): RecipientFinding | null {
  const colon = line.lastIndexOf(": ");
  if (colon <= 0) return null;
  const address = normalizeAddress(line.slice(colon + 2));
  return address && !/\s/.test(address) ? { address, diagnostic: line.slice(0, colon).trim() } : null;
}

/** "undeliverable to bob@example.com" */
function undeliverableLine(line: string): RecipientFinding | null {
  if (!/^undeliverable to /i.test(line)) return null;
  const address = findAddress(line);
  return address ? { address, diagnostic: line } : null;
}

export const imailserver = defineFormat({
  name: "imailserver",
  recognise: writtenByIMail,
  extract: (message) => {
    const all = message.text.split("\n");
    const end = findLine(all, ORIGINAL);
    const recipients: RecipientFinding[] = [];
    let response: string[] | null = null;
    for (const raw of end >= 0 ? all.slice(0, end) : all) {
      const line = raw.trim();
      if (line === "") {
        // A blank line may separate the marker from the reply; after the reply it ends it.
        if (response?.length) response = null;
        continue;
      }
      const found = undeliverableLine(line) ?? reasonLine(line);
      if (found) {
        recipients.push(found);
        continue;
      }
      if (line.includes(RESPONSE)) response = [];
      else if (response) {
        // The remote reply belongs to the address it follows (or to all, before any).
        response.push(line);
        const targets = recipients.length > 0 ? [recipients[recipients.length - 1]] : [];
        for (const target of targets) target.diagnostic = `${target.diagnostic} ${line}`;
      }
    }
    if (recipients.length === 0) return null;
    return { recipients, originalSender: senderOf(quotedHeaders(message.text, ORIGINAL)) };
  },
});
