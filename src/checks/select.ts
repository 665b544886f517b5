/**
 * Which live checks a rejection calls for, from its status code and its words, most
 * relevant first; and which DNSBL zones it names. Works on the two strings alone, so the
 * pane, the CLI and the backend agree, and only the result (check names and zone names)
 * leaves the user's machine.
 */
import { hostName } from "./names";
import type { CheckKind } from "./types";

/** Only the start of a rejection is read: real ones say what matters in the first lines. */
const MAX_TEXT = 2000;

interface Rule {
  kind: CheckKind;
  /** Enhanced status codes (RFC 3463, and Microsoft's own) that are about this check. */
  codes: RegExp;
  words: RegExp;
}

const RULES: Rule[] = [
  {
    kind: "recipient-domain",
    // 5.1.2 bad destination system, 5.4.4 unable to route (RFC 3463); Microsoft's 5.4.310/5.4.312 "DNS domain does not exist".
    codes: /^[45]\.(?:1\.2|4\.4|4\.310|4\.312)$/,
    words: /domain not found|host or domain name not found|host not found|no such domain|domain (?:name )?(?:does not|doesn't) exist|dns domain .{0,80} does not exist|unrouteable|unroutable|no mx record|null mx|does not accept mail|name service error/,
  },
  {
    kind: "dnsbl",
    codes: /(?!)/, // matches nothing: no code says "blocklist": Microsoft's own 5.7.606-649 bans are not DNSBLs and cannot be queried
    words: /blocked using|\bdnsbl\b|\brbl\b|blacklist|blocklist|block list|spamhaus|spamcop|barracudacentral|uceprotect|psbl|listed (?:in|at|on|by) [a-z0-9-]+\./,
  },
  {
    kind: "reverse-dns",
    // 5.7.25: reverse DNS validation failed (RFC 7372 section 3.3).
    codes: /^[45]\.7\.25$/,
    words: /reverse dns|reverse lookup|\bptr\b|\brdns\b|fcrdns|cannot find your hostname|can't find your hostname|client host rejected: cannot find|hostname does not resolve|no reverse/,
  },
  {
    kind: "tls-policy",
    // 4.7.5 / 5.7.5 cryptographic failure, 5.7.10 encryption needed, 5.7.11 encryption required (RFC 3463, RFC 5248 registry); Microsoft's 5.4.8.
    codes: /^[45]\.(?:7\.5|7\.10|7\.11|4\.8)$/,
    words: /starttls|\btls\b|mta-sts|\bdane\b|\btlsa\b|encryption required|requires? encryption|secure connection/,
  },
];

/** Lists the rejection names by name only, and the zone then asked. */
const ZONES_BY_NAME: [RegExp, string][] = [
  [/spamhaus/, "zen.spamhaus.org"],
  [/spamcop/, "bl.spamcop.net"],
  [/barracudacentral|\bb\.barracuda/, "b.barracudacentral.org"],
  [/uceprotect/, "dnsbl-1.uceprotect.net"],
  [/psbl\.surriel|\bpsbl\b/, "psbl.surriel.com"],
];

/** "blocked using <zone>", "listed in <zone>", "rbl: <zone>": a list named by its DNS zone. */
const ZONE_AFTER = /(?:blocked using|listed (?:in|at|on|by)|rejected by|\b(?:rbl|dnsbl)(?: check)?:?)\s+([a-z0-9.-]{1,260})/g;
/** Zones read from one rejection. */
const MAX_ZONES = 3;

export interface Selection {
  checks: CheckKind[];
  zones: string[];
}

/** The DNSBL zones a rejection names, as host names only (anything else is never queried). @internal exported for its test */
export function namedZones(diagnostic: string | null | undefined): string[] {
  const text = (diagnostic ?? "").slice(0, MAX_TEXT).toLowerCase();
  const zones: string[] = [];
  const add = (zone: string | null) => {
    if (zone && zones.length < MAX_ZONES && !zones.includes(zone)) zones.push(zone);
  };
  for (const match of text.matchAll(ZONE_AFTER)) {
    if (zones.length >= MAX_ZONES) break;
    const zone = hostName(match[1].replace(/[.-]+$/, ""));
    // A zone is a list's name, not the blocked host or a URL: it has no "www." and names no IP.
    if (zone && !zone.startsWith("www.")) add(zone);
  }
  for (const [pattern, zone] of ZONES_BY_NAME) if (pattern.test(text) && !zones.some((z) => z.endsWith(zone.split(".").slice(-2).join(".")))) add(zone);
  return zones;
}

export function selectChecks(status: string | null | undefined, diagnostic: string | null | undefined): Selection {
  const code = (status ?? "").trim();
  const text = (diagnostic ?? "").slice(0, MAX_TEXT).toLowerCase();
  const byCode = RULES.filter((rule) => rule.codes.test(code)).map((rule) => rule.kind);
  const byWords = RULES.filter((rule) => rule.words.test(text)).map((rule) => rule.kind);
  const checks = [...new Set([...byCode, ...byWords])];
  return { checks, zones: checks.includes("dnsbl") ? namedZones(diagnostic) : [] };
}
