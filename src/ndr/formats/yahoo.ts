/**
 * Yahoo! Mail (and AOL, which shares its servers): "Failure Notice", "Sorry, we were
 * unable to deliver your message to the following address.", then "<address>:" and
 * the remote server's reply; the original follows "--- Below this line is a copy".
 */
import { quotedHeaders, senderOf } from "../quoted-headers";
import { recipientBlocks } from "../recipient-blocks";
import { smtpCommandIn } from "../reply";
import { findReplyCode } from "../text";
import { defineFormat } from "./format";

const START = /^\s*Sorry, we were unable to deliver your message to the following address/i;
const COPY = /^\s*--- Below this line is a copy of the message/i;

export const yahoo = defineFormat({
  name: "yahoo",
  recognise: (message) => /^Failure Notice/i.test(message.subject) && START.test(message.text.slice(0, 4096)),
  extract: (message) => {
    const blocks = recipientBlocks(message.text, { start: START, end: COPY, addressLine: /^\s*<[^<>\s]{1,320}>:/ });
    if (blocks.length === 0) return null;
    return {
      recipients: blocks.map(({ address, body }) => {
        const said = body.join(" ").replace(/^Remote host said:\s*/i, "");
        const command = /\[([A-Z_]{3,10})\]\s*$/.exec(said);
        return {
          address,
          diagnostic: said || null,
          replyCode: findReplyCode(said, { leading: true }) ?? undefined,
          smtpCommand: command ? smtpCommandIn(command[0], "verbs") ?? undefined : undefined,
        };
      }),
      originalSender: senderOf(quotedHeaders(message.text, COPY), { orSenderField: true }),
    };
  },
});
