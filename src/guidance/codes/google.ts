/**
 * Gmail / Google Workspace codes. Google reuses numbers IANA assigned to other things:
 * its 5.7.27 is an SPF failure (IANA: the sender's domain has a null MX) and its 5.7.30
 * a DKIM failure (IANA: REQUIRETLS not supported).
 */
import type { CodeEntry, RelatedCheck, WhoFixes } from "./entry";
import type { Reason } from "../types";

const e = (code: string, whoFixes: WhoFixes, related: RelatedCheck, reason?: Reason): CodeEntry => ({
  code,
  scope: "google",
  whoFixes,
  related,
  reason,
});

export const googleCodes: CodeEntry[] = [
  e("4.3.0", "none", "none"),
  e("4.4.5", "none", "none", "rate-limited"),
  e("4.4.2", "none", "none", "expired"),
  e("4.7.0", "sender_admin", "none", "rate-limited"),
  e("4.2.1", "none", "none", "rate-limited"),
  e("4.2.2", "recipient", "none", "mailbox-full"),
  e("4.5.3", "sender_admin", "none", "rate-limited"),
  e("4.5.0", "sender_admin", "none"),
  e("5.1.1", "sender", "none", "unknown-user"),
  e("4.7.26", "sender_admin", "dmarc", "dmarc-policy"),
  e("5.7.26", "sender_admin", "dmarc", "dmarc-policy"),
  e("4.7.27", "sender_admin", "spf", "spf-failure"),
  e("5.7.27", "sender_admin", "spf", "spf-failure"),
  e("4.7.28", "sender_admin", "none", "rate-limited"),
  e("4.7.30", "sender_admin", "dkim", "dkim-failure"),
  e("5.7.30", "sender_admin", "dkim", "dkim-failure"),
  e("4.7.32", "sender_admin", "dmarc", "dmarc-policy"),
  e("5.7.32", "sender_admin", "dmarc", "dmarc-policy"),
  e("4.7.40", "sender_admin", "dmarc", "dmarc-policy"),
  e("5.7.40", "sender_admin", "dmarc", "dmarc-policy"),
];
