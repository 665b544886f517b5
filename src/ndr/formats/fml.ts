/**
 * fml, a Japanese mailing-list manager: its -admin address returns posts it refuses
 * (a sender who is not a member, a loop, a spammer). The address that failed is the
 * list's own, written in angle brackets in the notice; the post follows after
 * "Original mail as follows:".
 */
import type { MailMessage } from "../message";
import { findAddress } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

const ORIGINAL = "Original mail as follows:";

/** Notices come from the list's -admin address with fml's Message-ID; list traffic does not. */
function writtenByFml(message: MailMessage): boolean {
  return message.headers.has("x-mlserver") && message.from.includes("-admin@") && (message.headers.get("message-id") ?? "").includes(".FML");
}

export const fml = defineFormat({
  name: "fml",
  recognise: writtenByFml,
  extract: (message) => {
    const end = message.text.indexOf(ORIGINAL);
    const notice = (end >= 0 ? message.text.slice(0, end) : message.text).trim();
    const recipients: RecipientFinding[] = [];
    for (const line of notice.split("\n")) {
      const bracketed = line.includes("<") && line.includes(">") ? findAddress(line) : null;
      if (bracketed && !recipients.some((r) => r.address === bracketed)) recipients.push({ address: bracketed });
    }
    return recipients.length > 0 ? { recipients: recipients.map((r) => ({ ...r, diagnostic: notice })) } : null;
  },
});
