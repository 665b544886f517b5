/**
 * qmail (and netqmail, vpopmail, s/qmail): "Hi. This is the qmail-send program at
 * host.", then one paragraph per recipient:
 *
 *   <bob@example.com>:
 *   192.0.2.1 does not like recipient.
 *   Remote host said: 550 5.1.1 <bob@example.com>... User Unknown
 *   Giving up on 192.0.2.1.
 *
 * and the returned message after "--- Below this line is a copy of the message.".
 */
import { defineFormat, type FormatModule, type RecipientFinding } from "./format";
import { deliveryStatusOf, mergeDsn } from "../dsn-merge";
import type { MailMessage } from "../message";
import { linesOf } from "../prose";
import { quotedHeaders, returnedTo } from "../quoted-headers";
import { findReplyCode, findStatus, normalizeAddress } from "../text";

const MARKER = /^(?:Hi\. This is the qmail-send program|He(?:llo|j)\. This is the \S{1,40} program|This is the qmail-send program)/im;
const START = /^I'm afraid I wasn't able to deliver your message to the following addresses|^Sorry, (?:I|we) wasn't able to deliver your message/i;
const END = /^-{2,3} (?:Below this line is a copy of the message|Enclosed is a copy of the message|Below this line is the original message)/i;
const RECIPIENT = /^<([^<>\s]{1,320}@[^<>\s]{1,255})>:\s{0,5}(.{0,2000})/;
const REMOTE_SAID = /Remote host said:\s{0,5}(.{0,8000})/i;
/** "Giving up on 192.0.2.1.", "Connected to 192.0.2.1 but ...", "192.0.2.1 does not like recipient.". */
const REMOTE_HOST = /(?:Giving up on|Connected to|^)\s{0,3}([0-9A-Fa-f][0-9A-Fa-f.:]{1,44}[0-9A-Fa-f]|[A-Za-z0-9][A-Za-z0-9.-]{0,252}\.[A-Za-z]{2,63}) (?:does not like|but |failed after)/;

/** qmail-remote's fixed phrases name the step that failed. */
const COMMANDS: [RegExp, string][] = [
  [/does not like recipient/i, "RCPT"],
  [/failed on DATA command|failed after I sent the message/i, "DATA"],
  [/but sender was rejected/i, "MAIL"],
  [/but my name was rejected/i, "EHLO"],
  [/but greeting failed/i, "CONN"],
];

function commandOf(diagnostic: string): string | undefined {
  return COMMANDS.find(([pattern]) => pattern.test(diagnostic))?.[1];
}

function readParagraphs(lines: string[]): RecipientFinding[] {
  const findings: { address: string; lines: string[] }[] = [];
  for (const line of lines) {
    const head = RECIPIENT.exec(line.trim());
    const address = head ? normalizeAddress(head[1]) : null;
    if (head && address) findings.push({ address, lines: head[2] ? [head[2]] : [] });
    else if (line.trim() && findings.length > 0) findings[findings.length - 1].lines.push(line.trim());
  }
  return findings.map(({ address, lines: said }) => {
    const diagnostic = said.join(" ");
    const reply = REMOTE_SAID.exec(diagnostic)?.[1] ?? null;
    const giving = /Giving up on ([0-9A-Fa-f.:]{2,45})/.exec(diagnostic)?.[1].replace(/\.$/, "");
    return {
      address,
      diagnostic: diagnostic || undefined,
      replyCode: findReplyCode(reply) ?? undefined,
      status: findStatus(diagnostic) ?? undefined,
      remoteMta: giving ?? REMOTE_HOST.exec(diagnostic)?.[1] ?? undefined,
      smtpCommand: commandOf(diagnostic),
    };
  });
}

function recognise(message: MailMessage): boolean {
  return MARKER.test(message.text.slice(0, 10000)) || (/^failure notice$/i.test(message.subject.trim()) && START.test(message.text.slice(0, 10000)));
}

function extract(message: MailMessage): ReturnType<FormatModule["extract"]> {
  const lines = linesOf(message.text);
  const start = lines.findIndex((line) => START.test(line.trim()));
  const end = lines.findIndex((line) => END.test(line.trim()));
  const report = lines.slice(start >= 0 ? start + 1 : 0, end >= 0 ? end : undefined);
  const recipients = mergeDsn(deliveryStatusOf(message), readParagraphs(report));
  if (recipients.length === 0) return null;
  const quoted = message.original ? null : quotedHeaders(message.text, END);
  return { recipients, originalSender: returnedTo(message, quoted) };
}

export const qmail = defineFormat({ name: "qmail", recognise, extract });
