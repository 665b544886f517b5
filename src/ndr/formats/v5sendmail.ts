/**
 * Sendmail 5 and other pre-DSN Sendmail releases: no list of failed addresses, no
 * DSN part; only the session transcript and the unsent message:
 *
 *      ----- Transcript of session follows -----
 *   While talking to mx.example.org:
 *   >>> RCPT To:<bob@example.org>
 *   <<< 550 <bob@example.org>... User unknown
 *   550 <bob@example.org>... User unknown
 *      ----- Unsent message follows -----
 */
import { defineFormat, type FormatModule, type RecipientFinding } from "./format";
import { addressesIn } from "../header-addresses";
import type { MailMessage } from "../message";
import { linesOf, section } from "../prose";
import { quotedHeaders, returnedTo } from "../quoted-headers";
import { readTranscript, transcriptFinding } from "../sendmail-transcript";
import { domainOf } from "../text";

const TRANSCRIPT = /^\s{0,12}-{3,}\s{0,3}Transcript of session follows\s{0,3}-{3,}/i;
const UNSENT = /^\s{0,12}-{3,}\s{0,3}(?:Unsent message follows|No message was collected)\s{0,3}-{3,}/i;

function recognise(message: MailMessage): boolean {
  const lines = linesOf(message.text.slice(0, 50000));
  return lines.some((line) => TRANSCRIPT.test(line)) && lines.some((line) => UNSENT.test(line));
}

function extract(message: MailMessage): ReturnType<FormatModule["extract"]> {
  const lines = linesOf(message.text);
  const transcript = readTranscript(section(lines, TRANSCRIPT, UNSENT) ?? []);
  const quoted = quotedHeaders(message.text, UNSENT);
  const named = transcript.about.filter((line) => line.address?.includes("@")).map((line) => line.address as string);
  // Only a domain failed ("example.org (smtp)... Deferred"): its recipients are in the unsent message.
  const failedDomains = transcript.about.filter((line) => line.domain && /^[45]|Deferred|unknown|refused|timed out/i.test(line.text)).map((line) => line.domain);
  const addresses = named.length > 0 ? named : addressesIn([...(quoted?.all("to") ?? []), ...(quoted?.all("cc") ?? [])]).filter((a) => failedDomains.includes(domainOf(a)));
  const recipients: RecipientFinding[] = [...new Set(addresses)].map((address) => {
    const told = transcriptFinding(address, transcript, addresses.length === 1);
    if (told) return told;
    const domainLine = transcript.about.find((line) => line.domain === domainOf(address));
    return { address, diagnostic: domainLine?.text };
  });
  if (recipients.length === 0) return null;
  return { recipients, originalSender: returnedTo(message, quoted) };
}

export const v5sendmail = defineFormat({ name: "v5sendmail", recognise, extract });
