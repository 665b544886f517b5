/** Contract of the guidance engine: diagnose(bounce, checks, locale) -> Guidance. */
import type { AdminDraft } from "../draft";
import type { Scope } from "../i18n";

export type Reason =
  | "unknown-user"
  | "mailbox-full"
  | "message-too-large"
  | "domain-not-found"
  | "spf-failure"
  | "dkim-failure"
  | "dmarc-policy"
  | "authentication-required"
  | "sender-blocked"
  | "spam-or-content"
  | "relay-denied"
  | "rate-limited"
  | "tls-required"
  | "expired"
  | "other";

export type Actor = "you" | "your-admin" | "recipient-admin" | "nobody";

export interface GuidanceStep {
  actor: Actor;
  text: string;
}

export interface Guidance {
  scope: Scope;
  /** The status code the guidance is about (from the bounce), or null. */
  code: string | null;
  reason: Reason;
  title: string;
  summary: string;
  whoActs: Actor[];
  steps: GuidanceStep[];
  /** Null when there is nobody to write to (no failed recipient domain). */
  draft: AdminDraft | null;
}

