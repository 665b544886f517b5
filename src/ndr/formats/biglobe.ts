/**
 * BIGLOBE (postmaster@*.biglobe.ne.jp): "----- The following addresses had delivery
 * problems -----", the addresses, then "----- Non-delivered information -----" and
 * the reason in English and Japanese.
 */
import { findLine } from "../prose";
import { recipientBlocks } from "../recipient-blocks";
import { defineFormat } from "./format";

const ADDRESSES = /^\s*-{3,} The following addresses had delivery problems -{3,}/;
const INFORMATION = /^\s*-{3,} Non-delivered information -{3,}/;

export const biglobe = defineFormat({
  name: "biglobe",
  recognise: (message) => /postmaster@(?:[\w-]{1,63}\.){0,3}biglobe\.ne\.jp/i.test(message.from) && ADDRESSES.test(message.text),
  extract: (message) => {
    const blocks = recipientBlocks(message.text, { start: ADDRESSES, end: INFORMATION });
    if (blocks.length === 0) return null;
    const lines = message.text.split("\n");
    const at = findLine(lines, INFORMATION);
    const reason = at >= 0 ? lines.slice(at + 1, at + 8).map((line) => line.trim()).find((line) => line !== "") ?? null : null;
    return { recipients: blocks.map(({ address }) => ({ address, diagnostic: reason })) };
  },
});
