/**
 * Does the recipient's domain exist and take mail?
 *
 * - MX first; with no MX records the domain's own address is the mail host (the
 *   implicit MX of RFC 5321 section 5.1).
 * - A single MX whose exchange is the root (".") is a null MX: the domain takes no
 *   mail at all (RFC 7505 section 3).
 * - NXDOMAIN (no such name) is told apart from SERVFAIL and timeouts, which say nothing.
 * - The MX hosts' addresses are looked up for at most MAX_MX_HOSTS hosts.
 */
import type { Resolver } from "../spf/types";
import type { MxHost, RecipientDomainReport } from "./types";
import { suggestDomain } from "./typo";

/** Hosts whose addresses are looked up (a domain may publish any number of MX records). */
const MAX_MX_HOSTS = 5;
/** MX records kept in the report. */
const MAX_MX_RECORDS = 20;

async function hasAddress(resolver: Resolver, name: string): Promise<boolean | null> {
  const [a, aaaa] = await Promise.all([resolver.lookup(name, "A"), resolver.lookup(name, "AAAA")]);
  if (a.status === "ok" || aaaa.status === "ok") return true;
  if (a.status === "error" && aaaa.status === "error") return null;
  return false;
}

export async function checkRecipientDomain(domain: string, resolver: Resolver): Promise<RecipientDomainReport> {
  const base = { domain, mx: [] as MxHost[], implicitMx: false, suggestion: null };
  const mx = await resolver.lookup(domain, "MX");
  if (mx.status === "error") return { ...base, status: "error", error: mx.message };
  if (mx.status === "nxdomain") return { ...base, status: "not-found", suggestion: suggestDomain(domain) };
  if (mx.status === "ok") {
    const records = [...mx.records].sort((x, y) => x.priority - y.priority).slice(0, MAX_MX_RECORDS);
    // RFC 7505 section 3: a domain that takes no mail publishes one MX, with the root as exchange.
    if (records.length === 1 && records[0].exchange.replace(/\.$/, "") === "") {
      return { ...base, status: "null-mx", mx: [{ priority: records[0].priority, exchange: ".", resolves: null }], suggestion: suggestDomain(domain) };
    }
    const hosts = records.filter((r) => r.exchange.replace(/\.$/, "") !== "");
    const resolved = await Promise.all(hosts.slice(0, MAX_MX_HOSTS).map((r) => hasAddress(resolver, r.exchange)));
    const list: MxHost[] = hosts.map((r, i) => ({ priority: r.priority, exchange: r.exchange, resolves: i < resolved.length ? resolved[i] : null }));
    return { ...base, status: "accepts-mail", mx: list };
  }
  // NODATA for MX: the domain's own address, if it has one, is the mail host.
  const fallback = await hasAddress(resolver, domain);
  if (fallback === null) return { ...base, status: "error", error: "the domain's address could not be looked up" };
  return fallback
    ? { ...base, status: "accepts-mail", implicitMx: true }
    : { ...base, status: "no-mail-host", suggestion: suggestDomain(domain) };
}
