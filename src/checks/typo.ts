/**
 * "Did you mean gmail.com?" for a recipient domain that does not exist: the nearest
 * widely used mail domain (mail-domains.ts) by edit distance, where a slip of one or
 * two keys explains the difference.
 */
import { MAIL_DOMAINS } from "./mail-domains";

/** Longer than any mail domain in the list by far: a longer name is no typo of one. */
const MAX_LENGTH = 64;

/**
 * Damerau-Levenshtein distance (optimal string alignment): insertions, deletions,
 * substitutions and swaps of neighbours each cost 1, so "gmial" is one slip from "gmail".
 * @internal exported for its test
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * Slips allowed for a name of this length: one for short names (where two edits turn
 * "me.com" into "msn.com"-like strangers), two from eight characters on, as Mailcheck's
 * domain threshold of 2 does for its (mostly longer) names.
 */
function threshold(length: number): number {
  return length >= 8 ? 2 : 1;
}

/** The closest widely used mail domain, or null when none is close or the domain is one of them. */
export function suggestDomain(domain: string, candidates: readonly string[] = MAIL_DOMAINS): string | null {
  const name = domain.toLowerCase();
  if (name.length === 0 || name.length > MAX_LENGTH || candidates.includes(name)) return null;
  let best: { domain: string; distance: number } | null = null;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) > 2) continue;
    const distance = editDistance(name, candidate);
    if (distance <= threshold(Math.min(name.length, candidate.length)) && (!best || distance < best.distance)) best = { domain: candidate, distance };
  }
  return best?.domain ?? null;
}
