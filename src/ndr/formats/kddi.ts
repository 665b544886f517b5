/**
 * KDDI's au one net / DION mail (no-reply@*.dion.ne.jp, via *.auone-net.jp): a Japanese
 * notice, then per recipient "Your mail sent on: <date>" (or "Your mail attempted to be
 * delivered on:"), "Could not be delivered to: <bob@...>" and the indented English
 * reason ("As their mailbox is full.", "Due to the following SMTP relay error ...").
 */
import type { MailMessage } from "../message";
import { findAddress } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

const TARGET = /^\s*Could not be delivered to:\s*(<[^<>\s]{1,320}>)/;
const NEXT_BLOCK = /^\s*(?:Your mail (?:sent on|attempted to be delivered on):|Could not be delivered to:)/;

function fromKddi(message: MailMessage): boolean {
  if (/@(?:[\w-]{1,63}\.){0,3}(?:dion\.ne\.jp|auone-net\.jp)>?$/i.test(message.from.trim())) return true;
  if (/no-reply@app\.auone-net\.jp/i.test(message.headers.get("reply-to") ?? "")) return true;
  return message.headers.all("received").slice(0, 6).some((r) => /\.auone-net\.jp\b|ezweb\.ne\.jp \(|\.au\.com \(/.test(r.slice(0, 512)));
}

export const kddi = defineFormat({
  name: "kddi",
  recognise: (message) => fromKddi(message) && /^\s*Could not be delivered to:/m.test(message.text),
  extract: (message) => {
    const lines = message.text.split("\n").slice(0, 2000);
    const recipients: RecipientFinding[] = [];
    for (let index = 0; index < lines.length; index++) {
      const target = TARGET.exec(lines[index]);
      if (!target) continue;
      // The reason is the indented lines that follow, up to a blank line or the next block.
      const reason: string[] = [];
      for (let next = index + 1; next < lines.length && next <= index + 6; next++) {
        if (lines[next].trim() === "" || NEXT_BLOCK.test(lines[next])) break;
        reason.push(lines[next].trim());
      }
      recipients.push({ address: findAddress(target[1]), diagnostic: reason.join(" ") || null });
    }
    return recipients.length > 0 ? { recipients } : null;
  },
});
