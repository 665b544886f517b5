/**
 * Where the corpus's expected values (Sisimai 4.25's output) are wrong, and why.
 * Each entry is checked by test/ndr/corpus-corrections.test.ts: the message must
 * really say what we claim, and the parser must give the corrected value.
 * `value` replaces the expected value of `field` (for `status`, a list of accepted codes).
 */
export interface Correction {
  /** File name in ../shared/corpus/ndr (newline variants inherit it). */
  file: string;
  field: "isBounce" | "status" | "replyCode" | "senderDomain";
  /** For per-recipient fields, which recipient; all when omitted. */
  recipient?: string | null;
  value: unknown;
  /** Why the reference is wrong; quoted text must occur in the message. */
  reason: string;
  /** A string the message contains that proves the point. */
  evidence: string;
}

export const corrections: Correction[] = [];
