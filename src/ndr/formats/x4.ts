/**
 * qmail clones Sisimai calls "X4": a qmail-style report ("<address>:" blocks, the
 * remote reply after "Remote host said:", "Giving up on <host>.") under one of
 * several openings of their own, not qmail-send's "Hi. This is the qmail-send program".
 */
import type { MailMessage } from "../message";
import { addressLine } from "../prose";
import { quotedHeaders, senderOf } from "../quoted-headers";
import { recipientBlocks } from "../recipient-blocks";
import { defineFormat, type RecipientFinding } from "./format";

const OPENINGS = [
  "He/Her is not ",
  "unable to deliver your message to the following addresses",
  "Su mensaje no pudo ser entregado",
  "This is the machine generated message from mail service",
  "Unfortunately, your mail was not delivered to the following address:",
  "Your mail message to the following address",
  "Your message to the following addresses",
];
const COPY = /^(?:--- Below this line is a copy of the message\.|Original message follows\.)/;
const QMAIL_SEND = "This is the qmail-send program";

/** qmail-remote's phrases, each naming the command it failed at. */
const COMMAND_PHRASES: [string, string][] = [
  [" but greeting failed", "CONN"],
  [" but my name was rejected", "EHLO"],
  [" but sender was rejected", "MAIL"],
  [" does not like recipient", "RCPT"],
  [" failed on DATA command", "DATA"],
  [" failed after I sent the message", "DATA"],
];
const REMOTE_HOST = /(?:Giving up on|Connected to|remote host) ([A-Za-z0-9][A-Za-z0-9.:-]{0,252}[A-Za-z0-9])/;

/** qmail clones write no delivery-status part; MessageLabs, which shares some wording, does. */
function writtenByX4(message: MailMessage): boolean {
  if (message.deliveryStatus || message.text.includes(QMAIL_SEND)) return false;
  const head = message.text.slice(0, 4096);
  return OPENINGS.some((opening) => head.includes(opening));
}

function findingOf(address: string, lines: string[]): RecipientFinding {
  const diagnostic = lines.join(" ");
  const said = lines.find((line) => line.startsWith("Remote host said: "));
  return {
    address,
    diagnostic: (said ? said.slice("Remote host said: ".length) : diagnostic) || null,
    smtpCommand: COMMAND_PHRASES.find(([phrase]) => diagnostic.includes(phrase))?.[1],
    remoteMta: REMOTE_HOST.exec(diagnostic)?.[1],
  };
}

export const x4 = defineFormat({
  name: "x4",
  recognise: writtenByX4,
  extract: (message) => {
    const blocks = recipientBlocks(message.text.split("\n"), { end: COPY, addressLine, maxBlankRun: Infinity });
    if (blocks.length === 0) return null;
    return {
      recipients: blocks.map(({ address, body }) => findingOf(address, body)),
      originalSender: senderOf(quotedHeaders(message.text, COPY)),
    };
  },
});
