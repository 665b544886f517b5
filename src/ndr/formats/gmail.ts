/**
 * Gmail and Google Workspace ("Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
 * "Delivery Status Notification (Failure|Delay)"). Two generations of prose:
 *   - until ~2016: "Delivery to the following recipient failed permanently:", the
 *     address, then "Technical details of permanent failure: ... The error that the
 *     other server returned was: 550 5.1.1 ...", the original quoted inline;
 *   - since: "** Address not found **", "Your message wasn't delivered to ...",
 *     "The response from the remote server was:" / "The response was:", with a DSN part.
 */
import { mergeDsn } from "../dsn-merge";
import type { MailMessage } from "../message";
import { findLine } from "../prose";
import { quotedHeaders, senderOf } from "../quoted-headers";
import { findAddress, normalizeAddress } from "../text";
import { defineFormat, type FormatFindings, type RecipientFinding } from "./format";

const GOOGLE_DAEMON = /mailer-daemon@(?:googlemail|google|gmail)\.com/i;
const LEGACY_START = /^\s*Delivery to the following recipients? (?:failed permanently|ha(?:s|ve) been delayed)/i;
const DELAYED = /ha(?:s|ve) been delayed|Delivery incomplete|temporary problem/i;
const ORIGINAL = /^\s*-{3,} ?(?:Original message|Message header follows) ?-{3,}\s*$/i;
const TECHNICAL = /^\s*Technical details of (?:permanent|temporary) failure:\s*(.*)$/i;
const OTHER_SERVER = /The error that the other server returned was:\s*/i;
const RESPONSE = /^\s*The response (?:from the remote server )?was:\s*$/i;
const NOT_DELIVERED_TO = /(?:wasn't delivered to|problem delivering your message to)\s+(\S{3,320}?)[.,]?(?:\s|$)/i;
const BARE_ADDRESS = /^\s*<?[^\s<>@]{1,128}@[A-Za-z0-9.-]{1,253}>?\s*$/;
/** "rejected by the server for the recipient domain example.com by mx.example.com. [192.0.2.2]." */
const REJECTING_HOST = /\bby ([A-Za-z0-9.-]{1,253}?)\.? \[[0-9A-Fa-f.:]{2,45}\]|^\[\(\d+\) ([A-Za-z0-9.-]{1,253}?)\.? \[|^\[([A-Za-z0-9.-]{1,253}) [0-9A-Fa-f.:]{2,45}: /m;

function sectionAfter(lines: string[], at: number): string[] {
  const out: string[] = [];
  for (let index = at; index < lines.length && out.length < 60; index++) {
    if (ORIGINAL.test(lines[index])) break;
    out.push(lines[index].trim());
  }
  return out;
}

/** Old Gmail ends the remote reply with "(state N)": the SMTP stage it failed at. */
const STATE_COMMANDS: Record<string, string> = { "6": "MAIL", "8": "AUTH", "9": "AUTH", "12": "AUTH", "13": "EHLO", "14": "RCPT", "15": "DATA", "17": "DATA", "18": "DATA" };

function commandOfState(diagnostic: string): string | undefined {
  const state = /\(state (\d{1,2})\)\.?\s*$/.exec(diagnostic);
  return state ? STATE_COMMANDS[state[1]] : undefined;
}

/** The remote server's words in the old prose, or Google's own explanation when there are none. */
function legacyDiagnostic(details: string): string {
  const other = OTHER_SERVER.exec(details);
  return other ? details.slice(other.index + other[0].length).trim() : details.trim();
}

function readLegacy(lines: string[], start: number): RecipientFinding[] {
  const addresses: string[] = [];
  let index = start + 1;
  for (; index < lines.length && index < start + 1000; index++) {
    if (TECHNICAL.test(lines[index]) || ORIGINAL.test(lines[index])) break;
    if (BARE_ADDRESS.test(lines[index])) {
      const address = normalizeAddress(lines[index].trim());
      if (address) addresses.push(address);
    }
  }
  const technical = TECHNICAL.exec(lines[index] ?? "");
  let diagnostic: string;
  if (technical) diagnostic = legacyDiagnostic([technical[1], ...sectionAfter(lines, index + 1)].join("\n"));
  else diagnostic = sectionAfter(lines, start + 1).filter((line) => line && !BARE_ADDRESS.test(line)).join(" ");
  // The rejecting host is named in the technical details, before the remote reply.
  const host = technical ? REJECTING_HOST.exec(lines.slice(index, index + 30).join("\n")) : null;
  const action = DELAYED.test(lines[start]) ? "delayed" : "failed";
  return addresses.map((address) => ({
    address,
    action,
    diagnostic: diagnostic || null,
    remoteMta: (host?.[1] ?? host?.[2] ?? host?.[3])?.toLowerCase(),
    smtpCommand: commandOfState(diagnostic),
  }));
}

/** The modern prose: the response block, else the headline and its sentence. */
function readModern(message: MailMessage, lines: string[]): RecipientFinding[] {
  const responseAt = findLine(lines, RESPONSE);
  const response = responseAt >= 0 ? paragraphAfter(lines, responseAt + 1) : null;
  const headlineAt = findLine(lines, /^\s*\*\* .{3,80} \*\*\s*$/);
  const headline = headlineAt >= 0 ? [lines[headlineAt].trim(), paragraphAfter(lines, headlineAt + 1)].join(" ") : null;
  const diagnostic = response ?? headline;
  const named = findAddress(NOT_DELIVERED_TO.exec(message.text)?.[1]);
  const failed = message.headers.all("x-failed-recipients").flatMap((value) => value.split(",")).map((v) => findAddress(v)).filter((a): a is string => a !== null);
  const dsn = (message.deliveryStatus?.recipients ?? []).map((r) => findAddress(r.finalRecipient ?? r.originalRecipient));
  const addresses = [...new Set(dsn.length > 0 ? dsn : failed.length > 0 ? failed : [named])];
  const action = DELAYED.test(message.subject) || DELAYED.test(headline ?? "") ? "delayed" : undefined;
  const host = response ? REJECTING_HOST.exec(response) : null;
  return addresses.map((address) => ({ address, action, diagnostic, remoteMta: (host?.[1] ?? host?.[2] ?? host?.[3])?.toLowerCase() }));
}

/** Google's Remote-MTA reads "mx.example.com. (192.0.2.1, the server for the domain example.com.)": the host, per address. */
function dsnHosts(message: MailMessage): Map<string | null, string> {
  const hosts = new Map<string | null, string>();
  for (const fields of message.deliveryStatus?.recipients ?? []) {
    const host = /^([A-Za-z0-9.-]{1,253}?)\.?(?:\s|$)/.exec(fields.remoteMta ?? "")?.[1];
    const address = findAddress(fields.finalRecipient ?? fields.originalRecipient);
    if (host && host !== fields.remoteMta && !hosts.has(address)) hosts.set(address, host.toLowerCase());
  }
  return hosts;
}

/** Lines after `from`, skipping leading blanks, up to the next blank line. */
function paragraphAfter(lines: string[], from: number): string {
  let index = from;
  while (index < lines.length && lines[index].trim() === "") index++;
  const out: string[] = [];
  for (; index < lines.length && out.length < 40 && lines[index].trim() !== ""; index++) out.push(lines[index].trim());
  return out.join(" ");
}

export const gmail = defineFormat({
  name: "gmail",
  recognise: (message) => GOOGLE_DAEMON.test(message.from) && /Delivery Status Notification|Undeliver|Delivery (?:failure|delayed)/i.test(message.subject),
  extract: (message): FormatFindings | null => {
    const lines = message.text.split("\n");
    const legacyAt = findLine(lines, LEGACY_START);
    const recipients = legacyAt >= 0 ? readLegacy(lines, legacyAt) : readModern(message, lines);
    const usable = recipients.filter((r) => r.address !== null || (message.deliveryStatus?.recipients.length ?? 0) > 0);
    if (usable.length === 0) return null;
    const hosts = dsnHosts(message);
    return {
      // The DSN's fields win, but Google's Remote-MTA needs its commentary trimmed.
      recipients: mergeDsn(message.deliveryStatus, usable, { gapsOnly: true }).map((r) => ({ ...r, remoteMta: hosts.get(r.address) ?? r.remoteMta })),
      originalSender: message.original ? undefined : senderOf(quotedHeaders(message.text, ORIGINAL), { orSenderField: true }),
    };
  },
});
