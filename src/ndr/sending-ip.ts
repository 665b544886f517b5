/**
 * The IP address the rejecting server saw the message come from: what the live SPF
 * and blocklist checks test. Read, in this order, from:
 * 1. the remote server's own words in a recipient's diagnostic;
 * 2. the report's text, in the explicit phrasings only;
 * 3. the returned original's Received chain, when the server that rejected it also
 *    received it (it accepted, then refused: its own Received line names the client).
 *
 * Phrasings: "client-ip=", "ip=", "with ip: [..]" (Gmail), "Client host [..] blocked"
 * (Postfix's reject_rbl_client), "[..] is not allowed to send mail from" (Exim's SPF ACL),
 * "SPF ... from ..", "banned sending IP [..]", "messages from .. weren't sent"
 * (Outlook.com), "The mail server [..] has been ... rate limited", "reverse DNS for ..",
 * "cannot find your reverse hostname, [..]" (Postfix's unknown-client rejections),
 * "[.. 13]" (Gmail's bracket), and a bracketed address in an authentication or
 * blocklist rejection. The receiving host's own address ("host mx.example.net[..]
 * said:", "Connected to .. but", ".. does not like recipient") never counts, nor does a
 * private or reserved one. Every scan is bounded: remote text is hostile.
 */
import type { FieldMap } from "./header-fields";
import { IPV4_PATTERN, IPV6_PATTERN, isIPv4, isIPv6, isRoutableIp } from "./ip-address";

/** Diagnostics and reports are read this far: the phrasings are near the reply code. */
const MAX_TEXT = 16384;
/** Received fields of the returned original looked at: the top of the chain is enough. */
const MAX_RECEIVED = 30;

const IP = `(${IPV4_PATTERN}|${IPV6_PATTERN})`;

/**
 * An explicit phrasing about the client, and words its every match holds (lowercase): a
 * line lacking all of them cannot match, and is not searched. The phrasings match
 * ASCII words case-insensitively without the u flag, so no character outside ASCII
 * matches a letter of them (ECMA-262, Canonicalize), and the lowercased line holds
 * every ASCII word the line holds.
 */
interface Phrasing {
  pattern: RegExp;
  /** The line may match only if it holds one of these. */
  anyOf: readonly string[];
  /** ...and all of these. */
  allOf?: readonly string[];
}

/** Explicit phrasings about the client: safe wherever they occur. */
const EXPLICIT: readonly Phrasing[] = [
  {
    pattern: new RegExp(`(?:client-ip|sender[ -]ip(?: address)?|sending ip(?: address)?|connecting ip|source ip|remote ip|client address|\\bip(?: address)?)\\s{0,3}[=:]?\\s{0,3}\\[?${IP}`, "i"),
    anyOf: ["ip", "client address"],
  },
  { pattern: new RegExp(`\\[ip:?\\s{0,3}${IP}\\]`, "i"), anyOf: ["[ip"] },
  { pattern: new RegExp(`client host \\[?${IP}\\]?`, "i"), anyOf: ["client host "] },
  { pattern: new RegExp(`\\bclient\\s{1,3}(?:\\S{1,255}\\s{1,3})?\\[${IP}\\]`, "i"), anyOf: ["client"], allOf: ["["] },
  { pattern: new RegExp(`${IP}\\]?\\s{1,3}is not (?:allowed|authori[sz]ed|permitted) to send`, "i"), anyOf: ["is not "], allOf: [" to send"] },
  { pattern: new RegExp(`\\bspf\\b.{0,200}?\\bfrom\\s{1,3}\\[?${IP}`, "i"), anyOf: ["spf"], allOf: ["from"] },
  { pattern: new RegExp(`\\bmessages from \\[?${IP}`, "i"), anyOf: ["messages from"] },
  { pattern: new RegExp(`\\bmail server \\[${IP}\\]`, "i"), anyOf: ["mail server ["] },
  { pattern: new RegExp(`\\breverse dns (?:lookup )?for (?:host )?\\[?${IP}`, "i"), anyOf: ["reverse dns "] },
  // Postfix's reject_unknown_(reverse_)client_hostname (postconf(5)): "Client host rejected:
  // cannot find your reverse hostname, [203.0.113.7]".
  { pattern: new RegExp(`cannot find your (?:reverse )?hostname,?\\s{0,3}\\[${IP}\\]`, "i"), anyOf: ["cannot find your "] },
  { pattern: new RegExp(`\\b(?:is not|isn't) \\[?${IP}`, "i"), anyOf: ["is not ", "isn't "] },
  {
    pattern: new RegExp(`(?:^\\s{0,8}(?:[45]\\d\\d[ -]\\s{0,3})?|\\s-\\s)\\[?${IP}\\]?\\s{1,3}(?:blocked|has sent|is (?:listed|blocked|blacklisted|not)|the ip address sending)`, "i"),
    anyOf: ["blocked", "has sent", "is listed", "is blacklisted", "is not", "the ip address sending"],
  },
  // Gmail: "550-5.7.1 [203.0.113.5      12] Our system has detected ..."
  { pattern: new RegExp(`\\[${IP}\\s{1,12}\\d{1,3}\\]`), anyOf: ["["] },
  {
    pattern: new RegExp(`\\[${IP}\\]\\s{0,3}(?:the ip address sending|is (?:listed|blocked|blacklisted))`, "i"),
    anyOf: ["the ip address sending", "is listed", "is blocked", "is blacklisted"],
  },
  { pattern: new RegExp(`\\bblocked ip:? \\[?${IP}`, "i"), anyOf: ["blocked ip"] },
];

/** Whether the line (lowercased) holds the words a phrasing needs. */
function mayMatch(phrasing: Phrasing, lowered: string): boolean {
  return phrasing.anyOf.some((word) => lowered.includes(word)) && (phrasing.allOf ?? []).every((word) => lowered.includes(word));
}

/** In a rejection about authentication or a blocklist, any bracketed address that is not the receiver's. */
export const AUTH_OR_BLOCK = /\b(?:spf|dkim|dmarc|authenticat\w{0,10}|block(?:ed|list\w{0,2})?|blacklist\w{0,2}|dnsbl|rbl|listed|reputation|reverse dns|ptr|rdns|relay(?:ing)?|open relay|not allowed|spam\w{0,4}|policy)\b/i;
const BRACKETED = new RegExp(`\\[${IP}\\]`, "g");

/** The receiving host's own address, as MTAs write it: never the sender's. */
const RECEIVER = [
  new RegExp(`\\b(?:(?<!client )host|connect to|connection to|server at|remote server at|mx)\\s{1,3}[A-Za-z0-9.-]{1,253}\\s{0,3}[[(]${IP}[\\])]`, "gi"),
  new RegExp(`\\b(?:connected to|giving up on|(?<!client )host|unable to connect to remote server)\\s{1,3}\\[?${IP}`, "gi"),
  new RegExp(`(?:^|\\s)${IP}\\s{1,3}(?:does not like|failed after)`, "gi"),
  new RegExp(`\\bsmtp server <${IP}>`, "gi"),
  new RegExp(`\\breceiving server:\\s{0,3}\\S{1,253}\\s{0,3}\\(${IP}\\)`, "gi"),
];

/** Multi-line replies quoted as one line: "... with the ip: 550-5.7.26 [192.0.2.24]" loses its "550-5.7.26 ". */
const CONTINUATION = /(?<![\d.])[245]\d\d-[245]\.\d{1,3}\.\d{1,3}[ \t]/g;

function canonical(ip: string): string | null {
  const trimmed = ip.replace(/[.:]+$/, "");
  if (isIPv4(trimmed)) return trimmed;
  return isIPv6(trimmed) ? trimmed.toLowerCase() : null;
}

/** The addresses the text gives to the receiving host. */
function receivingIps(text: string): Set<string> {
  const found = new Set<string>();
  for (const pattern of RECEIVER) {
    for (const match of text.matchAll(pattern)) {
      const ip = canonical(match[1]);
      if (ip) found.add(ip);
      if (found.size >= 50) return found;
    }
  }
  return found;
}

/** A cheap test for anything that may be an address literal: most lines have none, and skip the phrasings. */
const MAY_HOLD_IP = /\d\.\d{1,3}\.\d|[0-9A-Fa-f]:[0-9A-Fa-f]{0,4}:/;

/**
 * What every address literal the phrasings capture holds: four dotted numbers (IPv4), or
 * a colon followed by two of [0-9A-Fa-f:.] (IPv6, IPV6_PATTERN). Unlike MAY_HOLD_IP it
 * rejects the status codes ("5.7.1") most lines of a rejection carry.
 */
const HOLDS_IP_LITERAL = /\d\.\d{1,3}\.\d{1,3}\.\d|:[0-9A-Fa-f:.]{2}/;

function prepared(text: string): string {
  return (text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text).replace(CONTINUATION, "");
}

function acceptable(candidate: string | undefined, receivers: ReadonlySet<string>): string | null {
  const ip = candidate ? canonical(candidate) : null;
  return ip && isRoutableIp(ip) && !receivers.has(ip) ? ip : null;
}

/** The sending IP a text states in an explicit phrasing, or null. */
export function findExplicitSendingIp(text: string | null | undefined, receivers: ReadonlySet<string> = new Set()): string | null {
  if (!text) return null;
  const body = prepared(text);
  if (!MAY_HOLD_IP.test(body) || !HOLDS_IP_LITERAL.test(body)) return null;
  // The receiving host's addresses are looked for only once a candidate turns up.
  let excluded: Set<string> | null = null;
  const lines = body.split("\n", 400);
  for (let index = 0; index < lines.length; index++) {
    // A phrase wrapped onto the next line of a transcript ("with the ip:" / "<<< 550-5.7.26 [..]").
    const next = lines[index + 1] ?? "";
    if (!MAY_HOLD_IP.test(lines[index]) && !MAY_HOLD_IP.test(next)) continue;
    const line = `${lines[index]} ${next.replace(/^\s{0,8}(?:<<<|>>>)?\s{0,3}/, "").slice(0, 200)}`;
    if (!HOLDS_IP_LITERAL.test(line)) continue;
    const lowered = line.toLowerCase();
    for (const phrasing of EXPLICIT) {
      if (!mayMatch(phrasing, lowered)) continue;
      const candidate = phrasing.pattern.exec(line)?.[1];
      if (!candidate) continue;
      excluded ??= new Set([...receivers, ...receivingIps(body)]);
      const ip = acceptable(candidate, excluded);
      if (ip) return ip;
    }
  }
  return null;
}

/**
 * The sending IP in a remote server's words (a diagnostic): an explicit phrasing, else
 * the one bracketed address of an authentication or blocklist rejection that is not the
 * receiver's.
 */
export function findSendingIp(diagnostic: string | null | undefined, receivers: ReadonlySet<string> = new Set()): string | null {
  if (!diagnostic) return null;
  const explicit = findExplicitSendingIp(diagnostic, receivers);
  if (explicit) return explicit;
  const body = prepared(diagnostic);
  if (!MAY_HOLD_IP.test(body) || !HOLDS_IP_LITERAL.test(body) || !AUTH_OR_BLOCK.test(body)) return null;
  const excluded = new Set([...receivers, ...receivingIps(body)]);
  const candidates = new Set<string>();
  for (const match of body.matchAll(BRACKETED)) {
    const ip = acceptable(match[1], excluded);
    if (ip) candidates.add(ip);
    if (candidates.size > 1) return null; // two candidates: no telling which
  }
  return candidates.size === 1 ? [...candidates][0] : null;
}

/**
 * The client a server names in its own Received line ("from mail.example.com
 * (mail.example.com [203.0.113.7]) by mx.example.net"), when `by` is one of `servers`
 * (the host that rejected the message).
 */
export function sendingIpReceivedBy(headers: FieldMap | null | undefined, servers: readonly string[]): string | null {
  const wanted = new Set(servers.map((server) => server.toLowerCase().replace(/\.$/, "")).filter((server) => server.includes(".")));
  if (!headers || wanted.size === 0) return null;
  for (const received of headers.all("received").slice(0, MAX_RECEIVED)) {
    const field = received.slice(0, 2000);
    const by = /\bby\s{1,3}([A-Za-z0-9.-]{1,253})/i.exec(field)?.[1]?.toLowerCase().replace(/\.$/, "");
    if (!by || !wanted.has(by)) continue;
    const from = new RegExp(`^\\s{0,3}from\\s[^;]{0,600}?[[(]\\s{0,3}(?:ipv6:)?${IP}\\s{0,3}[\\])]`, "i").exec(field)?.[1];
    return acceptable(from, new Set());
  }
  return null;
}
