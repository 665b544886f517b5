/**
 * The live-check part of a check request (`POST /api/check`, `bounce-doctor check`):
 * which checks, the recipient's domain, the DNSBL zones the rejection names. Each is a
 * name or a list of names; nothing else is accepted, so nothing else can be queried.
 * As JSON, lists are arrays of strings; as query parameters or options, comma-separated.
 */
import { hostName } from "./names";
import { CHECK_KINDS, type CheckKind, type LiveCheckRequest } from "./types";

const LIVE_FIELDS = ["recipientDomain", "checks", "zones"] as const;
type LiveField = (typeof LIVE_FIELDS)[number];

/** Zones a request may name (a rejection names one, rarely two). */
const MAX_REQUEST_ZONES = 3;
const MAX_ITEMS = 16;
const MAX_LENGTH = 1024;

export type LiveRequestResult =
  | { ok: true; live: LiveCheckRequest | null; rest: Record<string, unknown> }
  | { ok: false; field: LiveField; problem: string };

function items(value: unknown): string[] | null {
  if (typeof value === "string") return value.length > MAX_LENGTH ? null : value.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (Array.isArray(value) && value.length <= MAX_ITEMS && value.every((v) => typeof v === "string" && v.length <= 253)) return value.map((v: string) => v.trim());
  return null;
}

/**
 * Takes the live fields out of raw request fields. `rest` is what remains for the SPF
 * contract (validateCheckInput). No `checks` field: no live checks (null).
 */
export function readLiveRequest(raw: Readonly<Record<string, unknown>>): LiveRequestResult {
  const rest: Record<string, unknown> = Object.create(null) as Record<string, unknown>; // no prototype: "__proto__" stays a field
  for (const [key, value] of Object.entries(raw)) if (!(LIVE_FIELDS as readonly string[]).includes(key)) rest[key] = value;
  if (raw.checks === undefined || raw.checks === null) {
    const stray = LIVE_FIELDS.find((field) => raw[field] !== undefined && raw[field] !== null);
    return stray ? { ok: false, field: stray, problem: 'needs "checks" to say which live checks to run' } : { ok: true, live: null, rest };
  }
  const checks = items(raw.checks);
  if (!checks) return { ok: false, field: "checks", problem: "must be a list of check names" };
  const unknown = checks.find((c) => !(CHECK_KINDS as readonly string[]).includes(c));
  if (unknown !== undefined) return { ok: false, field: "checks", problem: `has an unknown check "${unknown.slice(0, 40).replace(/[^\x20-\x7e]/g, "?")}" (known: ${CHECK_KINDS.join(", ")})` };
  const live: LiveCheckRequest = { checks: [...new Set(checks)] as CheckKind[] };
  if (raw.recipientDomain !== undefined && raw.recipientDomain !== null) {
    const domain = typeof raw.recipientDomain === "string" ? hostName(toALabels(raw.recipientDomain)) : null;
    if (!domain) return { ok: false, field: "recipientDomain", problem: "is not a domain name" };
    live.recipientDomain = domain;
  }
  if (raw.zones !== undefined && raw.zones !== null) {
    const zones = items(raw.zones);
    if (!zones || zones.length > MAX_REQUEST_ZONES) return { ok: false, field: "zones", problem: `must be a list of at most ${MAX_REQUEST_ZONES} DNS zone names` };
    const bad = zones.find((zone) => !hostName(zone));
    if (bad !== undefined) return { ok: false, field: "zones", problem: "holds a name that is not a DNS zone name" };
    live.zones = zones.map((zone) => hostName(zone) as string);
  }
  return { ok: true, live, rest };
}

/** Internationalized domains as A-labels (IDNA, as browsers and Node convert them). */
function toALabels(domain: string): string {
  if (!/[^\x00-\x7f]/.test(domain)) return domain;
  if (/[\s/?#@:[\]\\%]/.test(domain)) return domain;
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return domain;
  }
}
