/**
 * Sendmail (V8) and the servers that copy its layout:
 *
 *      ----- The following addresses had permanent fatal errors -----
 *   <bob@example.com>
 *       (reason: 550 5.1.1 <bob@example.com>... User unknown)
 *
 *      ----- Transcript of session follows -----
 *   ... while talking to mx.example.com.:
 *   >>> RCPT To:<bob@example.com>
 *   <<< 550 5.1.1 <bob@example.com>... User unknown
 *
 * with a DSN part, which broken MIME sometimes leaves flattened in the text.
 */
import { defineFormat, type FormatModule, type RecipientFinding } from "./format";
import { deliveryStatusOf, mergeDsn } from "../dsn-merge";
import { completeLocalPart } from "../header-addresses";
import type { MailMessage } from "../message";
import { linesOf, section } from "../prose";
import { quotedHeaders, returnedTo } from "../quoted-headers";
import { readTranscript, transcriptFinding } from "../sendmail-transcript";
import { findAddress, findReplyCode, findStatus } from "../text";

const ADDRESSES_HAD = /^\s{0,12}-{3,}\s{0,3}The following addresses had (?:permanent fatal errors|transient non-fatal errors|delivery problems)\s{0,3}-{3,}/i;
const TRANSCRIPT = /^\s{0,12}-{3,}\s{0,3}Transcript of session follows\s{0,3}-{3,}/i;
/** Any "----- Heading -----" line, a flattened DSN or a MIME boundary ends a section. */
const SECTION_END = /^\s{0,12}-{3,}\s{1,3}\S.{0,80}\s-{3,}\s*$|^(?:Reporting-MTA|Final-Recipient):|^Content-Type:|^--[^\s-]/i;
const RETURNED = /^(?:\s{0,12}-{3,}\s{0,3}(?:Original message follows|Unsent message follows|Message header follows|Returned message follows|Original message headers follow)|Content-Type: (?:message\/rfc822|text\/rfc822-headers))/i;
const REASON = /^\(reason:\s{0,3}(.{0,4000}?)\)?$/i;

/** The recipients listed under "The following addresses had ...", with Sendmail's stated reason. */
function listedRecipients(lines: readonly string[], message: MailMessage): RecipientFinding[] {
  const listed: { address: string | null; local: string; reason: string | null }[] = [];
  for (const raw of section(lines, ADDRESSES_HAD, SECTION_END) ?? []) {
    const line = raw.trim();
    if (!line) continue;
    const reason = REASON.exec(line);
    if (reason && listed.length > 0) listed[listed.length - 1].reason = reason[1];
    else if (raw[0] !== " " && raw[0] !== "\t") {
      const head = line.split(/\s\(/, 1)[0];
      // An address, or a bare local part; a sentence is not a recipient.
      if (!head.includes("@") && /\s/.test(head)) continue;
      listed.push({ address: findAddress(head), local: head.replace(/^<|>$/g, ""), reason: null });
    }
  }
  return listed.map(({ address, local, reason }) => ({
    address: address ?? completeLocalPart(local, message.original?.headers, message.text),
    diagnostic: reason ?? undefined,
    replyCode: findReplyCode(reason) ?? undefined,
    status: findStatus(reason) ?? undefined,
  }));
}

function recognise(message: MailMessage): boolean {
  return linesOf(message.text.slice(0, 20000)).some((line) => ADDRESSES_HAD.test(line));
}

function extract(message: MailMessage): ReturnType<FormatModule["extract"]> {
  const lines = linesOf(message.text);
  const listed = listedRecipients(lines, message);
  const transcript = readTranscript(section(lines, TRANSCRIPT, SECTION_END) ?? []);
  const prose = listed.map((recipient) => {
    const told = recipient.address ? transcriptFinding(recipient.address, transcript, listed.length === 1) : null;
    // The remote server's replies are its own words; Sendmail's "reason" repeats one of them.
    return told ? { ...recipient, ...Object.fromEntries(Object.entries(told).filter(([, v]) => v !== undefined)) } : recipient;
  });
  const recipients = mergeDsn(deliveryStatusOf(message), prose);
  if (recipients.length === 0) return null;
  return { recipients, originalSender: returnedTo(message, message.original ? null : quotedHeaders(message.text, RETURNED)) };
}

export const sendmail = defineFormat({ name: "sendmail", recognise, extract });
