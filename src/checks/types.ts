/**
 * Contracts of the live checks beside SPF: what a bounce's checks are asked about,
 * and the report each returns. The backend returns them as `live` next to { spf, dmarc }.
 * Every report is built from DNS answers (and one MTA-STS policy file): remote data,
 * cleaned and bounded before it lands here.
 */

import type { Checks } from "../spf/types";

export const LIVE_SCHEMA = "bounce-doctor/live@1";

/** The checks, named as the API and the CLI name them. */
export const CHECK_KINDS = ["recipient-domain", "dnsbl", "reverse-dns", "tls-policy"] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** What the live checks are asked about: names and an IP only, never any text of the message. */
export interface LiveCheckRequest {
  checks: CheckKind[];
  /** The failed recipient's domain (recipient-domain, tls-policy). */
  recipientDomain?: string;
  /** The sending IP (dnsbl, reverse-dns), normalized. */
  ip?: string;
  /** DNSBL zones the rejection names ("zen.spamhaus.org"), checked before the configured ones. */
  zones?: string[];
}

/** One MX record, and whether its host has an address. */
export interface MxHost {
  priority: number;
  exchange: string;
  /** true: A or AAAA found; false: the name has none; null: could not tell (DNS error) or not asked. */
  resolves: boolean | null;
}

export interface RecipientDomainReport {
  domain: string;
  /**
   * accepts-mail: MX hosts, or an address to fall back to (RFC 5321 section 5.1);
   * null-mx: the domain says it accepts no mail (RFC 7505);
   * no-mail-host: the name exists but has neither MX nor address;
   * not-found: NXDOMAIN, the name does not exist;
   * error: SERVFAIL, timeout or network trouble: nothing can be said.
   */
  status: "accepts-mail" | "null-mx" | "no-mail-host" | "not-found" | "error";
  mx: MxHost[];
  /** Mail goes to the domain's own address (no MX: the implicit MX of RFC 5321 section 5.1). */
  implicitMx: boolean;
  /** A widely used mail domain a few keystrokes away, for a domain that does not exist or takes no mail. */
  suggestion: string | null;
  error?: string;
}

/**
 * One list's answer for one IP.
 * listed / not-listed: the list answered;
 * refused: the list refused the query itself (Spamhaus's 127.255.255.x answers, say): "could not check", never "listed";
 * unsupported: the list does not take this kind of address (IPv6 on an IPv4-only list);
 * error: DNS trouble (SERVFAIL, timeout), or an answer the list does not document.
 */
export interface DnsblResult {
  /** The zone as named (a DQS key never appears here). */
  zone: string;
  /** The list's name as people know it, or the zone. */
  name: string;
  status: "listed" | "not-listed" | "refused" | "unsupported" | "error";
  /** The A records answered (127.0.0.x). */
  codes: string[];
  /** What the codes mean, as the list documents them ("XBL", "PBL"), one per distinct meaning. */
  meanings: DnsblMeaning[];
  /** The list's TXT reason, cleaned and cut, when listed. */
  reason: string | null;
  /** Where the listing can be looked up and removal requested; null when not known. */
  lookupUrl: string | null;
  /** Named by the rejection (true) or from the configured set (false). */
  named: boolean;
  error?: string;
}

/** A documented return code's meaning: a stable id (for guidance) and the list's own name for it. */
export interface DnsblMeaning {
  id: string;
  label: string;
  /** Policy lists (Spamhaus PBL) say where mail should come from, not that the IP did wrong. */
  policy: boolean;
}

export interface DnsblReport {
  ip: string;
  results: DnsblResult[];
}

export interface ReverseDnsReport {
  ip: string;
  /**
   * confirmed: a PTR name resolves back to the IP (FCrDNS);
   * not-confirming: PTR names exist but none resolves back;
   * no-ptr: no PTR record (NXDOMAIN or NODATA);
   * error: DNS trouble.
   */
  status: "confirmed" | "not-confirming" | "no-ptr" | "error";
  /** PTR names, at most MAX_PTR_NAMES. */
  names: string[];
  /** The name that confirms, or null. */
  confirmedName: string | null;
  /** The name looks like an ISP's generic pool name (dynamic, dsl, the IP in it). */
  generic: boolean;
  error?: string;
}

export interface MtaStsReport {
  /**
   * none: no _mta-sts TXT record (the domain asks for nothing);
   * ok: a policy was fetched and read;
   * invalid: the TXT record or the policy file is malformed (RFC 8461 section 3);
   * fetch-failed: the TXT record is there but the policy could not be fetched;
   * error: DNS trouble.
   */
  status: "none" | "ok" | "invalid" | "fetch-failed" | "error";
  /** The TXT record's id=. */
  id: string | null;
  mode: "enforce" | "testing" | "none" | null;
  mxPatterns: string[];
  maxAge: number | null;
  /** The domain's MX hosts no pattern matches (under enforce, senders refuse to deliver to them). */
  unmatchedMx: string[];
  error?: string;
}

export interface DaneHost {
  mx: string;
  /** TLSA records at _25._tcp.<mx>: present, absent, or null when the lookup failed. */
  tlsa: boolean | null;
}

export interface TlsRptReport {
  record: string | null;
  rua: string[];
}

export interface TlsPolicyReport {
  domain: string;
  mx: string[];
  mtaSts: MtaStsReport;
  /** DANE TLSA presence per MX host (RFC 7672); not DNSSEC-validated here. */
  dane: DaneHost[];
  tlsRpt: TlsRptReport;
}

/** A check that could not run (a budget ran out, input missing) carries an error instead. */
export type Outcome<T> = T | { error: string };

export interface LiveChecks {
  schema: typeof LIVE_SCHEMA;
  /** The checks run, in the order they matter for the bounce. */
  checks: CheckKind[];
  recipientDomain?: Outcome<RecipientDomainReport>;
  dnsbl?: Outcome<DnsblReport>;
  reverseDns?: Outcome<ReverseDnsReport>;
  tlsPolicy?: Outcome<TlsPolicyReport>;
}

/** What /api/check answers: the SPF/DMARC reports, and the live checks when any were asked for. */
export type CheckReport = Checks & { live?: LiveChecks };

/** The MTA-STS policy file, fetched from https://mta-sts.<domain>/.well-known/mta-sts.txt. */
export type PolicyFetch = { status: "ok"; body: string } | { status: "error"; reason: "timeout" | "too-large" | "http" | "tls" | "network" | "address"; message: string };

/**
 * Fetches one domain's MTA-STS policy: only from mta-sts.<domain>, port 443, no redirects,
 * certificate verified, bounded in bytes and time (RFC 8461 section 3.3). Never throws.
 */
export interface PolicyFetcher {
  fetchPolicy: (domain: string) => Promise<PolicyFetch>;
}
