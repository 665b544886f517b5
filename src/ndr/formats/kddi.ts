/**
 * KDDI's au one net / DION mail (no-reply@*.dion.ne.jp, via *.auone-net.jp): a Japanese
 * notice, then "Could not be delivered to: <bob@...>" and the English reason
 * ("As their mailbox is full.").
 */
import { findAddress } from "../text";
import type { FormatModule } from "./format";

const TARGET = /^\s*Could not be delivered to:\s*(<[^<>\s]{1,320}>)/;

export const kddi: FormatModule = {
  name: "kddi",
  recognise: (message) =>
    (/@(?:[\w-]{1,63}\.){0,3}(?:dion\.ne\.jp|auone-net\.jp)>?$/i.test(message.from.trim()) || message.headers.all("received").slice(0, 3).some((r) => /\.auone-net\.jp\b/.test(r.slice(0, 512)))) &&
    /^\s*Could not be delivered to:/m.test(message.text),
  extract: (message) => {
    const lines = message.text.split("\n").slice(0, 500);
    const recipients = [];
    for (let index = 0; index < lines.length; index++) {
      const target = TARGET.exec(lines[index]);
      if (!target) continue;
      // The reason is the indented line that follows ("As their mailbox is full.").
      const reason = lines.slice(index + 1, index + 4).map((line) => line.trim()).filter(Boolean).find((line) => !/^(?:Your mail sent on|Could not be delivered)/i.test(line));
      recipients.push({ address: findAddress(target[1]), diagnostic: reason ?? null });
    }
    return recipients.length > 0 ? { recipients } : null;
  },
};
