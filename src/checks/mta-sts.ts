/**
 * MTA-STS (RFC 8461): the _mta-sts TXT record that announces a policy, the policy file
 * itself, and which MX hosts the policy allows. Everything read here is remote text:
 * fields are cut and cleaned, and at most MAX_LINES lines and MAX_PATTERNS mx patterns are read.
 */
import { singleLine } from "../text/sanitize";

const MAX_LINES = 200;
const MAX_PATTERNS = 50;
/** RFC 8461 section 3.2: max_age is at most 31557600 seconds (about a year). */
const MAX_AGE_LIMIT = 31_557_600;
const MAX_FIELD = 253;

export type StsRecord = { ok: true; id: string } | { ok: false; problem: string };

/**
 * RFC 8461 section 3.1: of the TXT records at _mta-sts.<domain>, those starting
 * "v=STSv1" count; exactly one must remain, with an id of 1-32 letters and digits.
 */
export function readStsRecords(records: readonly string[][]): StsRecord | null {
  const joined = records.slice(0, 20).map((strings) => strings.slice(0, 16).join("").slice(0, 1024));
  const sts = joined.filter((text) => /^v=STSv1\s*(;|$)/.test(text));
  if (sts.length === 0) return null;
  if (sts.length > 1) return { ok: false, problem: `${sts.length} v=STSv1 records: senders treat the domain as having no policy` };
  const fields = new Map<string, string>();
  for (const part of sts[0].split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const id = fields.get("id") ?? "";
  if (!/^[A-Za-z0-9]{1,32}$/.test(id)) return { ok: false, problem: "the record's id= is missing or not 1-32 letters and digits" };
  return { ok: true, id };
}

interface StsPolicy {
  mode: "enforce" | "testing" | "none";
  mx: string[];
  maxAge: number;
}

export type StsPolicyReading = { ok: true; policy: StsPolicy } | { ok: false; problem: string };

const PATTERN = /^(\*\.)?(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

/** RFC 8461 section 3.2: "key: value" lines (LF or CRLF); version, mode and max_age required, mx unless mode is none. */
export function parsePolicy(body: string): StsPolicyReading {
  const fields = new Map<string, string>();
  const mx: string[] = [];
  for (const line of body.split(/\r?\n/, MAX_LINES)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim().toLowerCase();
    if (key === "mx") {
      if (!PATTERN.test(value) || value.length > MAX_FIELD) return { ok: false, problem: `mx pattern "${singleLine(value, 80)}" is not a host name or *.name` };
      if (mx.length < MAX_PATTERNS) mx.push(value);
    } else if (!fields.has(key)) fields.set(key, value);
  }
  if (fields.get("version") !== "stsv1") return { ok: false, problem: 'the policy does not start with "version: STSv1"' };
  const mode = fields.get("mode");
  if (mode !== "enforce" && mode !== "testing" && mode !== "none") return { ok: false, problem: `mode "${singleLine(mode ?? "", 40)}" is not enforce, testing or none` };
  const age = fields.get("max_age") ?? "";
  if (!/^\d{1,10}$/.test(age) || Number(age) > MAX_AGE_LIMIT) return { ok: false, problem: "max_age is missing or out of range" };
  if (mode !== "none" && mx.length === 0) return { ok: false, problem: "the policy lists no mx pattern" };
  return { ok: true, policy: { mode, mx, maxAge: Number(age) } };
}

/** RFC 8461 section 4.1: a pattern matches the host exactly, or "*." matches exactly one left-most label. */
export function mxMatches(pattern: string, host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  if (!pattern.startsWith("*.")) return name === pattern;
  const rest = pattern.slice(1); // ".example.com"
  return name.endsWith(rest) && name.length > rest.length && !name.slice(0, -rest.length).includes(".");
}
