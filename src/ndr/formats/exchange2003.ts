/**
 * Microsoft Exchange 5.5 to 2003: "Your message ... did not reach the following
 * recipient(s):" then "bob@example.com on <date>" and the indented reason, often with
 * an MSEXCH:IMS code. No DSN part and no enhanced status code.
 */
import { recipientBlocks } from "../recipient-blocks";
import { defineFormat } from "./format";

const START = /did not reach the following recipient\(s\):|^\s*The following recipient\(s\) (?:could not|cannot) be reached:/im;
/** Exchange's SMTP transport quotes the remote reply as "<mx.example.org #5.1.1 smtp;550 5.1.1 User unknown>". */
const SMTP_REPLY = /<([A-Za-z0-9][A-Za-z0-9.-]{0,252}) #[245]\.\d{1,3}\.\d{1,3} smtp;\s?(.{1,2000})>/;

export const exchange2003 = defineFormat({
  name: "exchange2003",
  recognise: (message) => message.headers.has("x-ms-embedded-report") || (/MSEXCH:/.test(message.text) && START.test(message.text)),
  extract: (message) => {
    const blocks = recipientBlocks(message.text, { start: START, addressLine: /^\s{0,12}\S{1,320}@\S{1,253} on /, maxBlankRun: 2 });
    if (blocks.length === 0) return null;
    return {
      recipients: blocks.map((block) => {
        const text = block.body.join(" ");
        const reply = SMTP_REPLY.exec(text);
        return { address: block.address, diagnostic: reply ? reply[2].trim() : text || null, remoteMta: reply?.[1].toLowerCase() };
      }),
    };
  },
});
