/**
 * An MTA Sisimai calls "X6": "We had trouble delivering your message. Full details
 * follow:" and one sentence per outcome, "The following recipients returned
 * permanent errors: <addresses>. Reason: SMTP Server <ip> refused to accept your
 * message (DATA), with the following error message: [<reply>]".
 */
import { bounceAddressee } from "../prose";
import { findAddress } from "../text";
import type { FormatModule, RecipientFinding } from "./format";

const OPENING = "We had trouble delivering your message. Full details follow:";
const RETURNED = /^The following recipients returned (permanent|temporary) errors: /;

function outcome(line: string): RecipientFinding[] {
  const kind = RETURNED.exec(line);
  if (!kind) return [];
  const rest = line.slice(kind[0].length);
  const reasonAt = rest.indexOf(". Reason: ");
  const addresses = (reasonAt >= 0 ? rest.slice(0, reasonAt) : rest).split(/[,\s]+/).map(findAddress).filter((a): a is string => a !== null);
  const reason = reasonAt >= 0 ? rest.slice(reasonAt + ". Reason: ".length) : "";
  const reply = /\[([^\[\]]{1,2000})\]\s*$/.exec(reason)?.[1];
  const command = /\(([A-Z]{4})\)/.exec(reason)?.[1];
  const server = /SMTP Server <([^<>\s]{1,255})>/.exec(reason)?.[1];
  return addresses.map((address) => ({
    address,
    action: kind[1] === "temporary" ? "delayed" : "failed",
    diagnostic: reply ?? (reason || null),
    smtpCommand: command ?? null,
    remoteMta: server ?? null,
  }));
}

export const x6: FormatModule = {
  name: "x6",
  recognise: (message) => message.text.includes(OPENING),
  extract: (message) => {
    const recipients = message.text.split("\n").flatMap((line) => outcome(line.trim()));
    return recipients.length > 0 ? { recipients, originalSender: bounceAddressee(message) } : null;
  },
};
