/**
 * Google Groups refusing a post ("the group you tried to contact may not exist, or
 * you may not have permission to post"), in the poster's language. Sent by Google's
 * mailer-daemon with the group's address in X-Failed-Recipients; no status code.
 */
import { findLine } from "../prose";
import { quotedHeaders, senderOf } from "../quoted-headers";
import { findAddress } from "../text";
import { defineFormat } from "./format";

const ORIGINAL = /^\s*-{3,} ?Original message ?-{3,}\s*$/i;

function failedRecipients(headers: { all: (name: string) => string[] }): string[] {
  return headers.all("x-failed-recipients").flatMap((value) => value.split(",")).map((value) => findAddress(value)).filter((a): a is string => a !== null);
}

export const googleGroups = defineFormat({
  name: "google-groups",
  // The notice links Groups' help centre in every language; a Gmail "address not
  // found" for a googlegroups.com address does not, and stays with gmail.
  recognise: (message) => /mailer-daemon@(?:googlemail|google)\.com/i.test(message.from) && message.text.includes("groups.google.com/support"),
  extract: (message) => {
    const addresses = failedRecipients(message.headers);
    if (addresses.length === 0) return null;
    const lines = message.text.split("\n");
    const end = findLine(lines, ORIGINAL);
    // Google's explanation is the whole notice, up to the quoted original.
    const notice = lines.slice(0, end >= 0 ? end : Math.min(lines.length, 60)).join(" ").trim();
    return {
      recipients: addresses.map((address) => ({ address, diagnostic: notice || null })),
      originalSender: message.original ? undefined : senderOf(quotedHeaders(message.text, ORIGINAL), { orSenderField: true }),
    };
  },
});
