/**
 * What to check for a bounce: the sender's domain and the IP that delivered the
 * message. The parser finds the IP in the headers where it can; an SPF rejection that
 * quotes it ("SPF validation failed for 192.0.2.10") fills in when it could not.
 */
import type { Bounce } from "../ndr/bounce";
import { MAX_DKIM_SIGNATURES, type CheckInput } from "../spf/check-input";
import { pickRecipient } from "./pick";
import { senderIpFromText } from "./sender-ip";

const SPF_WORDS = /\bspf\b|sender policy framework/i;

/** The client IP an SPF rejection quotes, when the words are about SPF and name exactly one public IP. */
export function ipFromRejection(diagnostic: string | null | undefined): string | null {
  return SPF_WORDS.test((diagnostic ?? "").slice(0, 2000)) ? senderIpFromText(diagnostic) : null;
}

/**
 * The domain an SPF rejection names as the one it checked: SPF judges the envelope
 * sender (MAIL FROM), which can differ from the From: domain ("The MAIL FROM domain
 * [bounces.example.com] has an SPF record with a hard fail", "... is not permitted by example.com").
 */
export function spfDomainFromRejection(diagnostic: string | null | undefined): string | null {
  const text = (diagnostic ?? "").slice(0, 2000);
  if (!SPF_WORDS.test(text)) return null;
  const named = /mail from domain \[?([a-z0-9.-]{1,253})\]?|not permitted by ([a-z0-9.-]{1,253})|domain of ([a-z0-9.-]{1,253}) does not designate/i.exec(text);
  const domain = named ? (named[1] ?? named[2] ?? named[3]).replace(/\.+$/, "").toLowerCase() : null;
  return domain && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : null;
}

/** The check request for a bounce (the same in the pane and the CLI), or null when it names nothing to check. */
export function checkTarget(bounce: Bounce): CheckInput | null {
  const diagnostic = pickRecipient(bounce)?.diagnostic;
  const auth = bounce.authentication ?? null;
  // The envelope the original names (a receiver's smtp.mailfrom, its Return-Path); the bounce's own addressee is no better than From.
  const envelope = auth?.envelopeFrom && auth.envelopeFrom !== "bounce-recipient" ? auth.envelopeDomain : null;
  // Check what the receiver checked: the envelope domain its SPF rejection names, else the original's envelope, else the sender's domain.
  const domain = spfDomainFromRejection(diagnostic) ?? envelope ?? bounce.senderDomain ?? bounce.originalSender?.split("@").pop() ?? null;
  if (!domain) return null;
  const ip = bounce.sendingIp ?? auth?.clientIp ?? ipFromRejection(diagnostic);
  const input: CheckInput = { domain };
  if (ip) input.ip = ip;
  // The sender fills SPF macros: only when it is an address of the domain checked.
  if (bounce.originalSender && (domain === bounce.senderDomain || bounce.originalSender.toLowerCase().endsWith(`@${domain}`))) input.sender = bounce.originalSender;
  // DMARC and alignment: the From domain and the signatures; names and selectors only.
  if (auth?.fromDomain) input.fromDomain = auth.fromDomain;
  if (auth && auth.dkim.length > 0) input.dkim = auth.dkim.slice(0, MAX_DKIM_SIGNATURES).map((s) => `${s.selector}:${s.domain}`).join(" ");
  return input;
}
