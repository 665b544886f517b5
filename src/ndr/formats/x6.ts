/**
 * An MTA Sisimai calls "X6": "We had trouble delivering your message. Full details
 * follow:" and one sentence per outcome, either
 *   "The following recipients returned permanent errors: <addresses>. Reason: SMTP
 *    Server <ip> refused to accept your message (DATA), with the following error
 *    message: [<reply>]", or
 *   "SMTP Server <host> rejected recipient <address> (Error following RCPT command).
 *    It responded as follows: [<reply>]".
 */
import { paragraphs } from "../prose";
import { bounceAddressee } from "../quoted-headers";
import { findAddress } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

const OPENING = "We had trouble delivering your message. Full details follow:";
const RETURNED = /^The following recipients returned (permanent|temporary) errors: /;
const REJECTED = /^SMTP Server <([^<>\s]{1,255})> rejected recipient <([^<>\s]{1,320})>/;
/** The reply quoted in square brackets at the end. */
const REPLY = /\[([^[\]]{1,2000})\]\s*$/;

function returnedErrors(line: string, kind: RegExpExecArray): RecipientFinding[] {
  const rest = line.slice(kind[0].length);
  const reasonAt = rest.indexOf(". Reason: ");
  const addresses = (reasonAt >= 0 ? rest.slice(0, reasonAt) : rest).split(/[,\s]+/).map(findAddress).filter((a): a is string => a !== null);
  const reason = reasonAt >= 0 ? rest.slice(reasonAt + ". Reason: ".length) : "";
  return addresses.map((address) => ({
    address,
    action: kind[1] === "temporary" ? "delayed" : "failed",
    diagnostic: REPLY.exec(reason)?.[1] ?? (reason || null),
    smtpCommand: /\(([A-Z]{4})\)/.exec(reason)?.[1] ?? null,
    remoteMta: /SMTP Server <([^<>\s]{1,255})>/.exec(reason)?.[1] ?? null,
  }));
}

function rejectedRecipient(line: string, rejected: RegExpExecArray): RecipientFinding[] {
  const address = findAddress(`<${rejected[2]}>`);
  if (!address) return [];
  return [
    {
      address,
      diagnostic: REPLY.exec(line)?.[1] ?? line,
      smtpCommand: /Error following ([A-Z]{4}) command/.exec(line)?.[1] ?? null,
      remoteMta: rejected[1],
    },
  ];
}

/** One outcome per paragraph; a sentence may be wrapped over several lines. */
function outcome(sentence: string): RecipientFinding[] {
  const kind = RETURNED.exec(sentence);
  if (kind) return returnedErrors(sentence, kind);
  const rejected = REJECTED.exec(sentence);
  return rejected ? rejectedRecipient(sentence, rejected) : [];
}

export const x6 = defineFormat({
  name: "x6",
  recognise: (message) => message.text.includes(OPENING),
  extract: (message) => {
    const recipients = paragraphs(message.text.split("\n")).flatMap((lines) => outcome(lines.map((line) => line.trim()).join(" ")));
    return recipients.length > 0 ? { recipients, originalSender: bounceAddressee(message) } : null;
  },
});
