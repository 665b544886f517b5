/**
 * The live checks a bounce calls for (src/checks selectChecks on the picked recipient's
 * code and words), with what they ask about: the recipient's domain, the IP the
 * receiver judged, the DNSBL zones its rejection names. Only these names and the IP
 * leave the user's machine.
 */
import { hostName, selectChecks } from "../checks";
import type { LiveCheckRequest } from "../checks/types";
import type { Bounce } from "../ndr/bounce";
import type { CheckInput } from "../spf/check-input";
import { checkTarget } from "./check-target";
import { pickRecipient } from "./pick";
import { senderIpFromText } from "./sender-ip";

/** @internal exported for its test */
export function liveTarget(bounce: Bounce): LiveCheckRequest | null {
  const recipient = pickRecipient(bounce);
  if (!recipient) return null;
  const { checks, zones } = selectChecks(recipient.status, recipient.diagnostic);
  if (checks.length === 0) return null;
  const request: LiveCheckRequest = { checks };
  const domain = hostName(recipient.domain ?? recipient.address?.split("@").pop());
  if (domain) request.recipientDomain = domain;
  // The IP the receiver quotes is the one it looked up; the headers' sending IP otherwise.
  const ip = senderIpFromText(recipient.diagnostic) ?? bounce.sendingIp;
  if (ip) request.ip = ip;
  if (zones.length > 0) request.zones = zones;
  return request;
}

/** The whole check request for a bounce: SPF/DMARC's input and the live checks, sharing one IP. */
export function checkRequest(bounce: Bounce): { input: CheckInput; live: LiveCheckRequest | null } | null {
  const input = checkTarget(bounce);
  const live = liveTarget(bounce);
  if (!input) return null;
  if (live?.ip && (live.checks.includes("dnsbl") || live.checks.includes("reverse-dns"))) input.ip = live.ip;
  else if (live && input.ip) live.ip = input.ip;
  return { input, live };
}
