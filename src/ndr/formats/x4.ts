/**
 * A qmail-based MTA Sisimai calls "X4": "Your mail message to the following
 * address(es) could not be delivered.", "<address>:" blocks, then "--- Below this
 * line is a copy of the message.".
 */
import { addressBlocks, quotedHeaders, section, senderOf } from "../prose";
import type { FormatModule } from "./format";

const OPENING = /^Your mail message to the following address\(es\) could not be delivered\./;
const COPY = /^--- Below this line is a copy of the message\./;

export const x4: FormatModule = {
  name: "x4",
  recognise: (message) => OPENING.test(message.text.trimStart()),
  extract: (message) => {
    const blocks = addressBlocks(section(message.text, OPENING, COPY) ?? []);
    if (blocks.length === 0) return null;
    return {
      recipients: blocks.map(({ address, lines }) => ({ address, diagnostic: lines.join(" ") || null })),
      originalSender: senderOf(quotedHeaders(message.text, COPY)),
    };
  },
};
