/**
 * McAfee Email Gateway (formerly IronMail, "Email and Web Security Appliance"): a
 * "--- The following addresses had delivery problems ---" list of "<address> (reason)"
 * lines, usually with a delivery-status part that holds the remote server's reply.
 */
import { section } from "../prose";
import { findAddress } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

const PROBLEMS = /^\s*-{3} The following addresses had delivery problems -{3}/;

/** "<bob@example.com>   (bob@example.com... No such user)" */
function problemLine(line: string): RecipientFinding | null {
  const address = findAddress(line);
  const open = line.indexOf("(");
  if (!address || !line.trimStart().startsWith("<")) return null;
  return { address, diagnostic: open >= 0 ? line.slice(open + 1).replace(/\)\s*$/, "").trim() : undefined };
}

export const mcafee = defineFormat({
  name: "mcafee",
  recognise: (message) => /McAfee/i.test(message.headers.get("x-nai-header") ?? ""),
  extract: (message) => {
    // The gateway stamps X-NAI-Header on all mail it passes: without its own report, leave the message to others.
    const listed = section(message.text, PROBLEMS);
    if (!listed) return null;
    const prose = listed.map(problemLine).filter((r): r is RecipientFinding => r !== null);
    // The delivery-status part carries the remote reply with its code: the prose only fills in.
    if ((message.deliveryStatus?.recipients.length ?? 0) > 0) return { recipients: prose.map(({ address }) => ({ address })) };
    return prose.length > 0 ? { recipients: prose } : null;
  },
});
