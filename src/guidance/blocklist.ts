/**
 * Public DNS blocklists named in a rejection ("blocked using zen.spamhaus.org",
 * "listed at bl.spamcop.net"). A named list
 * changes who acts: the sending IP has a bad record everywhere that list is used, so
 * the sender's admin must clear it; the recipient can do little.
 *
 * Patterns are literal alternations and the input is cut first, like the reason rules.
 */
export interface Blocklist {
  /** The list's name as people know it ("Spamhaus"), or the DNS zone the server quoted. */
  name: string;
  /** Where the listing can be looked up and removal requested; null when not known. */
  delistUrl: string | null;
}

const MAX_TEXT = 2000;

/** Known lists, matched on their DNS zones and names. Order matters only where names overlap. */
const KNOWN: (Blocklist & { pattern: RegExp })[] = [
  // The CBL (abuseat.org) is part of Spamhaus now: its listings are looked up and removed there.
  { name: "Spamhaus CBL", delistUrl: "https://check.spamhaus.org/", pattern: /\bcbl\.abuseat\.org\b|\babuseat\b/ },
  { name: "Spamhaus", delistUrl: "https://check.spamhaus.org/", pattern: /spamhaus/ },
  { name: "Barracuda", delistUrl: "https://www.barracudacentral.org/rbl/removal-request", pattern: /barracudacentral|\bb\.barracuda|barracuda reputation/ },
  { name: "SpamCop", delistUrl: "https://www.spamcop.net/bl.shtml", pattern: /spamcop/ },
  { name: "UCEPROTECT", delistUrl: "https://www.uceprotect.net/en/rblcheck.php", pattern: /uceprotect/ },
  { name: "SORBS", delistUrl: null, pattern: /\bsorbs\b/ },
  { name: "Proofpoint", delistUrl: "https://ipcheck.proofpoint.com/", pattern: /proofpoint/ },
  { name: "Cloudmark", delistUrl: "https://csi.cloudmark.com/en/reset/", pattern: /cloudmark/ },
  { name: "PSBL", delistUrl: "https://psbl.org/", pattern: /psbl\.surriel|\bpsbl\b/ },
  { name: "Mailspike", delistUrl: "https://mailspike.org/", pattern: /mailspike/ },
];

/** "blocked using <zone>", "listed (in|at|on) <zone>", "rbl <zone>": the list a server names by its DNS zone. */
const ZONE_AFTER = /(?:blocked using|listed (?:in|at|on|by)|rejected by|\b(?:rbl|dnsbl)(?: check)?:?)\s+([a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8})(?!\.?[a-z0-9-])/;

/** A zone is a DNS name: anything longer is not one, and would only flood the title. */
const MAX_ZONE = 253;

/** Words that say the refusal comes from a DNS list (and not from a personal block rule). */
const LIST_WORDS = /blocked using|\bdnsbl\b|\brbl\b|blacklist|blocklist|block list/;

function prepare(text: string | null | undefined): string {
  return (text ?? "").slice(0, MAX_TEXT).toLowerCase();
}

/** The DNS blocklist a rejection names, or null when it names none. */
export function namedBlocklist(diagnostic: string | null | undefined): Blocklist | null {
  const text = prepare(diagnostic);
  if (!text) return null;
  const known = KNOWN.find((list) => list.pattern.test(text));
  if (known) return { name: known.name, delistUrl: known.delistUrl };
  if (!LIST_WORDS.test(text)) return null;
  const zone = ZONE_AFTER.exec(text)?.[1];
  return zone && zone.length <= MAX_ZONE ? { name: zone, delistUrl: null } : null;
}
