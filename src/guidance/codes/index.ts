/**
 * The status-code knowledge base and its lookup: (scope, code) first, then IANA's
 * meaning of the exact code, then of its subject (X.7.X), then of its class (5.X.X).
 */
import type { Scope } from "../../i18n";
import type { CodeEntry } from "./entry";
import { ianaCodes } from "./iana";
import { microsoftCodes, outlookComCodes } from "./microsoft";
import { googleCodes } from "./google";

export type { CodeEntry, WhoFixes } from "./entry";

/** @internal exported for its test */
export const allCodes: readonly CodeEntry[] = [...ianaCodes, ...microsoftCodes, ...outlookComCodes, ...googleCodes];

/** Where to look, most specific first; iana is searched last, by pattern. */
const vendorChain: Record<Scope, Scope[]> = {
  microsoft: ["microsoft"],
  "outlook.com": ["outlook.com", "microsoft"],
  google: ["google"],
  yahoo: [],
  iana: [],
};

export interface ParsedStatus {
  klass: number;
  subject: number;
  detail: number;
}

/** "5.7.23" -> {5, 7, 23}; anything that is not an RFC 3463 code -> null. */
export function parseStatus(status: string | null | undefined): ParsedStatus | null {
  const m = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec((status ?? "").trim());
  return m ? { klass: Number(m[1]), subject: Number(m[2]), detail: Number(m[3]) } : null;
}

const RANGE = /^(\d)\.(\d{1,3})\.(\d{1,3})-(\d{1,3})$/;

function codeMatches(entry: CodeEntry, status: string, parsed: ParsedStatus): boolean {
  const range = RANGE.exec(entry.code);
  if (range) {
    return (
      Number(range[1]) === parsed.klass &&
      Number(range[2]) === parsed.subject &&
      parsed.detail >= Number(range[3]) &&
      parsed.detail <= Number(range[4])
    );
  }
  return entry.code.split(" ")[0] === status;
}

function vendorEntry(scope: Scope, status: string | null, parsed: ParsedStatus | null, text: string): CodeEntry | null {
  const own = allCodes.filter((entry) => entry.scope === scope);
  if (status && parsed) {
    const candidates = own.filter((entry) => codeMatches(entry, status, parsed));
    // Variants of one code are told apart by wording; the plain entry is the default.
    const byWording = candidates.find((entry) => entry.match?.test(text));
    if (byWording) return byWording;
    const plain = candidates.find((entry) => !entry.match);
    if (plain) return plain;
  }
  // Code-less entries ("n/a (...)") are recognised by their wording alone.
  return own.find((entry) => entry.code.startsWith("n/a") && entry.match?.test(text)) ?? null;
}

function ianaEntry(parsed: ParsedStatus): CodeEntry | null {
  const find = (code: string) => ianaCodes.find((entry) => entry.code === code) ?? null;
  return (
    find(`X.${parsed.subject}.${parsed.detail}`) ??
    find(`X.${parsed.subject}.X`) ??
    find(`${parsed.klass}.X.X`)
  );
}

/**
 * The entry that explains `status` as reported by a server of `scope`. `diagnostic`
 * (the server's words) picks between variants of one code. Null when nothing applies
 * (no code and no recognisable wording).
 */
export function lookupCode(scope: Scope, status: string | null, diagnostic: string | null = null): CodeEntry | null {
  const parsed = parseStatus(status);
  const text = (diagnostic ?? "").slice(0, 4000);
  for (const vendor of vendorChain[scope]) {
    const found = vendorEntry(vendor, parsed ? status!.trim() : null, parsed, text);
    if (found) return found;
  }
  return parsed ? ianaEntry(parsed) : null;
}
