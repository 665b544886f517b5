/**
 * Whether a status code says little by itself. Servers answer with a catch-all code
 * (5.7.1, 5.0.0, x.y.0, or none) and put the real reason in words; for those the
 * reason read from the words leads the guidance, and the code stays as context.
 * Vendor entries are never generic here: the vendor documents what its code means.
 */
import type { CodeEntry } from "./codes";

/** IANA codes that name only a subject ("other address status", "delivery not authorized"). */
const CATCH_ALL = new Set(["X.0.0", "X.1.0", "X.2.0", "X.3.0", "X.4.0", "X.5.0", "X.6.0", "X.7.0", "X.7.1"]);

export function isGenericCode(entry: CodeEntry | null): boolean {
  if (!entry) return true;
  if (entry.scope !== "iana") return false;
  // "X.7.X" and "5.X.X" only say the subject or the class.
  return /\.X(\.|$)/.test(entry.code) || CATCH_ALL.has(entry.code);
}
