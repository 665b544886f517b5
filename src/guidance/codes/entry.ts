/** The shape of one knowledge-base entry: what a status code means in one system. */
import type { Scope } from "../../i18n";
import type { Reason } from "../types";

/** Who has to act, as the reference table says it (kept verbatim so the two can be compared). */
export type WhoFixes = "none" | "sender" | "sender_admin" | "recipient" | "recipient_admin" | "both_admins";

/** Which DNS check of the sender (or recipient) domain the code points to. */
export type RelatedCheck = "spf" | "dkim" | "dmarc" | "mx" | "none";

export interface CodeEntry {
  /**
   * The code as the reference table writes it: "5.7.23", a pattern "X.7.1" / "X.7.X" / "5.X.X",
   * a range "5.7.606-649", a variant "5.7.1 (unable to relay)", or "n/a (...)" for a code-less one.
   */
  code: string;
  scope: Scope;
  whoFixes: WhoFixes;
  related: RelatedCheck;
  /** The reason this code states by itself, when it does (generic codes leave it to the words). */
  reason?: Reason;
  /** Variants and code-less entries: the server wording that selects this entry. */
  match?: RegExp;
}
