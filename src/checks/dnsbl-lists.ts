/**
 * What each DNS blocklist's answers mean, as the list itself documents them.
 *
 * A DNSBL is asked for <reversed IP>.<zone> (RFC 5782 section 2.1; nibbles for IPv6,
 * section 2.4); an A record in 127.0.0.0/8 means "listed", NXDOMAIN means "not listed".
 * Lists use the A value to say why, and some use it to refuse the query itself:
 *
 * - Spamhaus ZEN (zen.spamhaus.org; with a Data Query Service key,
 *   <key>.zen.dq.spamhaus.net), per Spamhaus's "DNSBL usage" FAQ and return-code
 *   documentation (https://www.spamhaus.org/faqs/dnsbl-usage/, https://docs.spamhaus.com/):
 *   127.0.0.2 SBL, .3 SBL CSS, .4-.7 XBL, .9 SBL DROP, .10 PBL (ISP maintained),
 *   .11 PBL (Spamhaus maintained). 127.255.255.252 (typing error in the zone),
 *   .254 (query through a public or open resolver, or without a DQS key) and .255
 *   (excessive queries) are answers about the query, not the IP: "could not check",
 *   never "listed" (Spamhaus, "Using our public mirrors? Check your return codes now", 2021).
 *   IPv6 is listed in ZEN too.
 * - SpamCop (bl.spamcop.net): 127.0.0.2 listed; IPv4 only
 *   (https://www.spamcop.net/bl.shtml).
 * - Barracuda Reputation Block List (b.barracudacentral.org): 127.0.0.2 listed; IPv4
 *   only; answers only DNS servers registered with Barracuda (https://www.barracudacentral.org/),
 *   so it is not in the default set.
 * - UCEPROTECT level 1 (dnsbl-1.uceprotect.net): 127.0.0.2 listed; IPv4 only
 *   (https://www.uceprotect.net/).
 * - PSBL (psbl.surriel.com): 127.0.0.2 listed; IPv4 only (https://psbl.org/).
 *
 * A zone not known here is read by RFC 5782 alone: any 127.0.0.0/8 answer is a listing
 * under that code, and an answer outside 127.0.0.0/8 is no DNSBL answer (a wildcard
 * domain, say), so it is reported as an error rather than a listing.
 */
import type { DnsblMeaning } from "./types";

export interface DnsblList {
  zone: string;
  name: string;
  lookupUrl: string | null;
  ipv6: boolean;
  /** Meaning of each documented listing code. */
  codes: Record<string, DnsblMeaning>;
  /** Codes that refuse the query (a typo, an open resolver, too many queries). */
  refused?: (code: string) => boolean;
}

const listed = (label: string): DnsblMeaning => ({ id: "listed", label, policy: false });

const SBL: DnsblMeaning = { id: "spamhaus-sbl", label: "SBL", policy: false };
const XBL: DnsblMeaning = { id: "spamhaus-xbl", label: "XBL", policy: false };
const PBL: DnsblMeaning = { id: "spamhaus-pbl", label: "PBL", policy: true };

const SPAMHAUS_ZEN: DnsblList = {
  zone: "zen.spamhaus.org",
  name: "Spamhaus ZEN",
  lookupUrl: "https://check.spamhaus.org/",
  ipv6: true,
  codes: {
    "127.0.0.2": SBL,
    "127.0.0.3": { id: "spamhaus-css", label: "SBL CSS", policy: false },
    "127.0.0.4": XBL,
    "127.0.0.5": XBL,
    "127.0.0.6": XBL,
    "127.0.0.7": XBL,
    "127.0.0.9": { id: "spamhaus-drop", label: "SBL DROP", policy: false },
    "127.0.0.10": PBL,
    "127.0.0.11": PBL,
  },
  refused: (code) => code.startsWith("127.255.255."),
};

const KNOWN_LISTS: readonly DnsblList[] = [
  SPAMHAUS_ZEN,
  { zone: "bl.spamcop.net", name: "SpamCop", lookupUrl: "https://www.spamcop.net/bl.shtml", ipv6: false, codes: { "127.0.0.2": listed("SpamCop") } },
  {
    zone: "b.barracudacentral.org",
    name: "Barracuda BRBL",
    lookupUrl: "https://www.barracudacentral.org/lookups",
    ipv6: false,
    codes: { "127.0.0.2": listed("BRBL") },
  },
  {
    zone: "dnsbl-1.uceprotect.net",
    name: "UCEPROTECT level 1",
    lookupUrl: "https://www.uceprotect.net/en/rblcheck.php",
    ipv6: false,
    codes: { "127.0.0.2": listed("UCEPROTECT-1") },
  },
  { zone: "psbl.surriel.com", name: "PSBL", lookupUrl: "https://psbl.org/", ipv6: false, codes: { "127.0.0.2": listed("PSBL") } },
];

/** Zones asked when the configuration names none. */
export const DEFAULT_ZONES: readonly string[] = ["zen.spamhaus.org", "bl.spamcop.net"];

export function knownList(zone: string): DnsblList | null {
  return KNOWN_LISTS.find((list) => list.zone === zone) ?? null;
}

/** RFC 5782 section 2.1: a listing is an A record in 127.0.0.0/8. */
export function isLoopbackCode(code: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(code);
}
