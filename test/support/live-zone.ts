/**
 * The world the live-check tests run in, served by the loopback DNS server: recipient
 * domains (a good one, a null MX, a SERVFAIL, an address-only one), list zones with
 * Spamhaus's and SpamCop's documented answers, reverse zones, and MTA-STS / DANE /
 * TLS-RPT records. Addresses are the documentation ranges (RFC 5737, RFC 3849).
 */
import type { Zone, ZoneRecord } from "./zone";

/** Listed on Spamhaus XBL and PBL, and on SpamCop. */
export const LISTED_IP = "203.0.113.7";
/** Spamhaus answers 127.255.255.254 for it: the query was refused. */
export const REFUSED_IP = "203.0.113.8";
/** On no list (delisted). */
export const CLEAN_IP = "203.0.113.9";
/** An IPv6 address listed on Spamhaus (nibble form). */
export const LISTED_IP6 = "2001:db8::7";

/** 203.0.113.7 -> "7.113.0.203" */
const rev = (ip: string) => ip.split(".").reverse().join(".");
const nibbles = "7.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2";

export function liveZone(mtaStsAddress = "127.0.0.1"): Zone {
  const z: Record<string, ZoneRecord[]> = {
    // Recipient domains
    "good.example": [{ type: "MX", priority: 10, exchange: "mx1.good.example" }, { type: "MX", priority: 20, exchange: "mx2.good.example" }],
    "mx1.good.example": [{ type: "A", address: "192.0.2.25" }],
    "null.example": [{ type: "MX", priority: 0, exchange: "" }],
    "broken.example": [{ type: "SERVFAIL" }],
    "implicit.example": [{ type: "A", address: "192.0.2.26" }],
    "nomail.example": [{ type: "TXT", strings: ["just a name"] }],
    // Spamhaus ZEN and SpamCop
    [`${rev(LISTED_IP)}.zen.spamhaus.org`]: [
      { type: "A", address: "127.0.0.4" },
      { type: "A", address: "127.0.0.10" },
      { type: "TXT", strings: ["https://www.spamhaus.org/query/ip/203.0.113.7\u001b[31m"] },
    ],
    [`${rev(REFUSED_IP)}.zen.spamhaus.org`]: [{ type: "A", address: "127.255.255.254" }],
    [`${rev(LISTED_IP)}.bl.spamcop.net`]: [{ type: "A", address: "127.0.0.2" }],
    [`${nibbles}.zen.spamhaus.org`]: [{ type: "A", address: "127.0.0.3" }],
    // A zone that answers everything with a public address: not a DNSBL answer.
    [`${rev(LISTED_IP)}.wildcard.example`]: [{ type: "A", address: "192.0.2.80" }],
    [`${rev(LISTED_IP)}.dnsbl.example.net`]: [{ type: "A", address: "127.0.0.2" }],
    // Reverse DNS: confirmed, generic and not confirming, missing
    [`${rev(LISTED_IP)}.in-addr.arpa`]: [{ type: "PTR", target: "mail.good.example" }],
    "mail.good.example": [{ type: "A", address: LISTED_IP }],
    [`${rev(REFUSED_IP)}.in-addr.arpa`]: [{ type: "PTR", target: "203-0-113-8.dsl.isp.example" }],
    "203-0-113-8.dsl.isp.example": [{ type: "A", address: "198.51.100.1" }],
    // TLS policy: enforce with an MX the policy does not cover, DANE on it, TLS-RPT
    "sts.example": [{ type: "MX", priority: 10, exchange: "mx.sts.example" }],
    "_mta-sts.sts.example": [{ type: "TXT", strings: ["v=STSv1; id=20240101T000000"] }],
    "mta-sts.sts.example": [{ type: "A", address: mtaStsAddress }],
    "_25._tcp.mx.sts.example": [{ type: "TLSA", usage: 3, selector: 1, matchingType: 1, data: "ab".repeat(32) }],
    "_smtp._tls.sts.example": [{ type: "TXT", strings: ["v=TLSRPTv1; rua=mailto:tls-reports@sts.example"] }],
    // TLS policy: a matching policy
    "okpolicy.example": [{ type: "MX", priority: 10, exchange: "mx1.okpolicy.example" }],
    "_mta-sts.okpolicy.example": [{ type: "TXT", strings: ["v=STSv1; id=1"] }],
    "mta-sts.okpolicy.example": [{ type: "A", address: mtaStsAddress }],
    // TLS policy: a policy server that never answers, one that sends too much, one that redirects
    "slow.example": [{ type: "MX", priority: 10, exchange: "mx.slow.example" }],
    "_mta-sts.slow.example": [{ type: "TXT", strings: ["v=STSv1; id=2"] }],
    "mta-sts.slow.example": [{ type: "A", address: mtaStsAddress }],
    "big.example": [{ type: "MX", priority: 10, exchange: "mx.big.example" }],
    "_mta-sts.big.example": [{ type: "TXT", strings: ["v=STSv1; id=3"] }],
    "mta-sts.big.example": [{ type: "A", address: mtaStsAddress }],
    "moved.example": [{ type: "MX", priority: 10, exchange: "mx.moved.example" }],
    "_mta-sts.moved.example": [{ type: "TXT", strings: ["v=STSv1; id=4"] }],
    "mta-sts.moved.example": [{ type: "A", address: mtaStsAddress }],
    "hostile.example": [{ type: "MX", priority: 10, exchange: "mx.hostile.example" }],
    "_mta-sts.hostile.example": [{ type: "TXT", strings: ["v=STSv1; id=5"] }],
    "mta-sts.hostile.example": [{ type: "A", address: mtaStsAddress }],
  };
  return new Map(Object.entries(z));
}

/** The MTA-STS hosts the test certificate covers, and what each serves. */
export const POLICY_HOSTS = ["mta-sts.sts.example", "mta-sts.okpolicy.example", "mta-sts.slow.example", "mta-sts.big.example", "mta-sts.moved.example", "mta-sts.hostile.example"];

export const POLICIES = {
  "mta-sts.sts.example": { policy: "version: STSv1\r\nmode: enforce\r\nmx: *.other.example\r\nmax_age: 604800\r\n" },
  "mta-sts.okpolicy.example": { policy: "version: STSv1\nmode: testing\nmx: *.okpolicy.example\nmax_age: 86400\n" },
  "mta-sts.slow.example": { silent: true as const },
  "mta-sts.big.example": { bytes: 1024 * 1024 },
  "mta-sts.moved.example": { redirect: "https://mta-sts.okpolicy.example/.well-known/mta-sts.txt" },
  "mta-sts.hostile.example": { policy: "version: STSv1\nmode: enforce\nmx: <script>alert(1)</script>\nmax_age: 1\n" },
};
