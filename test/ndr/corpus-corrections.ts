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

export const corrections: Correction[] = [
  {
    file: "lhost-amazonses-17.eml",
    field: "replyCode",
    value: 421,
    reason: "The remote server's last reply was \"421 4.4.2 Connection timed out\" (SES wrapped it in its own 554 4.4.7 expiry); Sisimai 4.25 gives no reply code, its authors' v5 expectation for this file is 421.",
    evidence: "<421 4.4.2 Connection timed out>",
  },
];
