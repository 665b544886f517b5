/**
 * Contracts of the mail-authentication checks: the DNS resolver the engine asks,
 * and the reports the backend returns as { spf, dmarc } (schema version CHECKS_SCHEMA).
 */

export const CHECKS_SCHEMA = "bounce-doctor/checks@1";

/** Record data per DNS type, as the SPF engine needs it. */
export interface RecordData {
  A: string; // dotted quad
  AAAA: string; // textual IPv6
  TXT: string[]; // the record's character-strings, not yet joined
  SPF: string[];
  MX: { priority: number; exchange: string };
  PTR: string;
  /** DANE (RFC 6698 section 2.1): certificate usage, selector, matching type, association data in hex. */
  TLSA: { usage: number; selector: number; matchingType: number; data: string };
}
export type RecordType = keyof RecordData;

/**
 * One lookup's outcome. NXDOMAIN and NODATA are told apart (both are "void" for
 * RFC 7208 section 4.6.4); temporary failures (timeout, SERVFAIL, network) are "error".
 */
export type LookupResult<T> =
  | { status: "ok"; records: T[]; ttl?: number }
  | { status: "nxdomain" }
  | { status: "nodata" }
  | { status: "error"; message: string };

/** DNS behind one interface: the real resolver (src/dns) and test doubles implement it. */
export interface Resolver {
  /** Must accept any name SPF can produce (":", "/", "%", spaces, long labels), never throw. */
  lookup: <T extends RecordType>(name: string, type: T) => Promise<LookupResult<RecordData[T]>>;
}

export type SpfResult = "pass" | "fail" | "softfail" | "neutral" | "none" | "permerror" | "temperror";

type Severity = "error" | "warning" | "info";

/** A finding about a domain's SPF or DMARC set-up. `code` is stable; guidance localizes from it. */
export interface Problem {
  code: string; // e.g. "no-record", "too-many-lookups", "ptr", "plus-all", "void-lookups"
  severity: Severity;
  /** English sentence for logs/CLI; the task pane uses code + params. */
  message: string;
  hint?: string;
  domain?: string;
  term?: string;
  params?: Record<string, string | number>;
}

/** One record in the include/redirect tree. */
export interface SpfNode {
  domain: string;
  via: "root" | "include" | "redirect";
  /** The SPF record found, or null (none, several, or lookup error: see error). */
  record: string | null;
  /** DNS-querying terms in this record itself (include, a, mx, ptr, exists, redirect). */
  lookups: number;
  /** lookups of this record plus everything below it (worst case). */
  totalLookups: number;
  voidLookups: number;
  error?: string;
  children: SpfNode[];
}

export interface SpfReport {
  domain: string;
  ip: string | null;
  sender: string | null;
  helo: string | null;
  /** check_host() result for ip, or null when no ip was given. */
  result: SpfResult | null;
  /** exp= explanation text for a fail, when the record gives one. */
  explanation?: string;
  /** Which term of which record decided the result. */
  decidedBy?: { domain: string; record: string; term: string } | null;
  /** The domain's SPF record (null when none or several). */
  record: string | null;
  tree: SpfNode | null;
  lookups: { total: number; limit: number; voidLookups: number; voidLimit: number };
  /** Authorized networks, flattened over the tree (CIDR strings). */
  networks: { ip4: string[]; ip6: string[]; addressCount4: number };
  problems: Problem[];
  /**
   * check_host() for ip as the strictest deployed receivers read the record (strict-receivers.ts),
   * with the strict-only rule that changed the answer; null without an ip.
   */
  strictReceivers?: { result: SpfResult; rule: "self-include" | "void-per-query" | null } | null;
}

export interface DmarcPolicy {
  p: "none" | "quarantine" | "reject" | null;
  sp: "none" | "quarantine" | "reject" | null;
  pct: number;
  adkim: "r" | "s";
  aspf: "r" | "s";
  rua: string[];
  ruf: string[];
}

/** A rua=/ruf= destination outside the policy's organizational domain (RFC 7489 7.1). */
export interface ReportDestination {
  uri: string;
  domain: string;
  /** <policy-domain>._report._dmarc.<destination-domain>, where the authorization is published. */
  name: string;
  /** null when DNS could not tell. */
  authorized: boolean | null;
}

export interface DmarcReport {
  domain: string;
  /** Organizational domain (public suffix list), where the fallback record lives. */
  orgDomain: string;
  /** The name the record was found at (_dmarc.domain or _dmarc.orgDomain), or null. */
  recordDomain: string | null;
  record: string | null;
  policy: DmarcPolicy | null;
  problems: Problem[];
  /** External report destinations and whether each authorizes the reports (absent when none). */
  reportDestinations?: ReportDestination[];
}

/** What the backend returns for /api/check. A check that could not run carries an error. */
export interface Checks {
  schema: typeof CHECKS_SCHEMA;
  spf: SpfReport | { error: string };
  dmarc: DmarcReport | { error: string };
  /** The key of each DKIM signature asked about (CheckInput.dkim); absent when none was. */
  dkim?: DkimKeyReport[] | { error: string };
  /** DMARC alignment of the SPF domain and each DKIM domain with the From domain; absent without one. */
  alignment?: AlignmentReport | { error: string };
}

export interface DkimKeyReport {
  domain: string;
  selector: string;
  /** <selector>._domainkey.<domain> */
  name: string;
  /**
   * valid: a usable key; missing: no key record at the name; revoked: p= empty (RFC 6376 3.6.1);
   * invalid: the record or the key cannot be read; error: DNS trouble, nothing can be said.
   */
  status: "valid" | "missing" | "revoked" | "invalid" | "error";
  /** k=: "rsa" (the default) or "ed25519" (RFC 8463). */
  keyType: string | null;
  /** Key size in bits (RSA modulus length; 256 for Ed25519), when it could be read. */
  bits: number | null;
  /** t=y: the domain is testing DKIM (RFC 6376 3.6.1). */
  testing: boolean;
  record: string | null;
  problems: Problem[];
}

export type AlignmentMode = "r" | "s";

/**
 * What decides, most telling first:
 * aligned-pass: an aligned identifier passes (or can: a valid aligned key), so DMARC is not why;
 * dkim-key-missing / dkim-key-revoked / dkim-weak-key: the From domain signs, but its key cannot verify;
 * strict-subdomain: aligned only in relaxed mode, and the record asks for strict;
 * dkim-other-domain: signed, but only by another domain (the sending service's), and SPF is not aligned;
 * spf-unaligned-no-dkim: SPF is for another domain (the service's bounce domain), and nothing signs;
 * spf-not-passing: the envelope is the From domain's, but SPF does not pass, and nothing aligned signs;
 * unknown: the From domain is not known.
 */
export type AlignmentFact =
  | "aligned-pass"
  | "dkim-key-missing"
  | "dkim-key-revoked"
  | "dkim-weak-key"
  | "strict-subdomain"
  | "dkim-other-domain"
  | "spf-unaligned-no-dkim"
  | "spf-not-passing"
  | "unknown";

export interface AlignmentReport {
  fromDomain: string | null;
  orgDomain: string | null;
  mode: { spf: AlignmentMode; dkim: AlignmentMode };
  spf: { domain: string; result: SpfResult | null; aligned: boolean; alignedRelaxed: boolean } | null;
  dkim: Array<{ domain: string; selector: string; aligned: boolean; alignedRelaxed: boolean; key: DkimKeyReport["status"] | null; keyType: string | null; bits: number | null }>;
  deciding: AlignmentFact;
  /** Params of the deciding fact (the domains and selector it names). */
  params: Record<string, string | number>;
  problems: Problem[];
}
