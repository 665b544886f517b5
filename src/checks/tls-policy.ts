/**
 * What TLS the recipient's domain demands of senders:
 * - MTA-STS (RFC 8461): the _mta-sts TXT record, then the policy over HTTPS through a
 *   PolicyFetcher (bounded there), its mode and mx patterns, and which of the domain's
 *   MX hosts no pattern matches: under "enforce", senders refuse to deliver to those.
 * - DANE (RFC 7672): TLSA records at _25._tcp.<mx> for the first MAX_TLSA_HOSTS MX hosts.
 *   Presence only: this resolver does not validate DNSSEC, which DANE needs.
 * - TLS-RPT (RFC 8460 section 3): the _smtp._tls TXT record and where reports go.
 */
import { singleLine } from "../text/sanitize";
import type { Resolver } from "../spf/types";
import { mxMatches, parsePolicy, readStsRecords } from "./mta-sts";
import type { DaneHost, MtaStsReport, PolicyFetcher, TlsPolicyReport, TlsRptReport } from "./types";

const MAX_TLSA_HOSTS = 5;
const MAX_MX = 20;
const MAX_RUA = 5;

async function mxHosts(domain: string, resolver: Resolver): Promise<string[]> {
  const mx = await resolver.lookup(domain, "MX");
  if (mx.status !== "ok") return [];
  return [...mx.records]
    .sort((a, b) => a.priority - b.priority)
    .map((r) => r.exchange.replace(/\.$/, "").toLowerCase())
    .filter((host) => host !== "")
    .slice(0, MAX_MX);
}

async function mtaSts(domain: string, mx: Promise<string[]>, resolver: Resolver, fetcher: PolicyFetcher | null): Promise<MtaStsReport> {
  const base: MtaStsReport = { status: "none", id: null, mode: null, mxPatterns: [], maxAge: null, unmatchedMx: [] };
  const txt = await resolver.lookup(`_mta-sts.${domain}`, "TXT");
  if (txt.status === "error") return { ...base, status: "error", error: txt.message };
  if (txt.status !== "ok") return base;
  const record = readStsRecords(txt.records);
  if (!record) return base;
  if (!record.ok) return { ...base, status: "invalid", error: record.problem };
  const withId = { ...base, id: record.id };
  if (!fetcher) return { ...withId, status: "fetch-failed", error: "policies are not fetched here" };
  const fetched = await fetcher.fetchPolicy(domain);
  if (fetched.status === "error") return { ...withId, status: "fetch-failed", error: singleLine(fetched.message, 200) };
  const reading = parsePolicy(fetched.body);
  if (!reading.ok) return { ...withId, status: "invalid", error: reading.problem };
  const hosts = await mx;
  const { mode, mx: patterns, maxAge } = reading.policy;
  const unmatchedMx = mode === "none" ? [] : hosts.filter((host) => !patterns.some((pattern) => mxMatches(pattern, host)));
  return { ...withId, status: "ok", mode, mxPatterns: patterns, maxAge, unmatchedMx };
}

async function dane(mx: string[], resolver: Resolver): Promise<DaneHost[]> {
  return Promise.all(
    mx.slice(0, MAX_TLSA_HOSTS).map(async (host): Promise<DaneHost> => {
      const tlsa = await resolver.lookup(`_25._tcp.${host}`, "TLSA");
      return { mx: host, tlsa: tlsa.status === "ok" ? tlsa.records.length > 0 : tlsa.status === "error" ? null : false };
    }),
  );
}

async function tlsRpt(domain: string, resolver: Resolver): Promise<TlsRptReport> {
  const txt = await resolver.lookup(`_smtp._tls.${domain}`, "TXT");
  if (txt.status !== "ok") return { record: null, rua: [] };
  const record = txt.records
    .slice(0, 20)
    .map((strings) => strings.slice(0, 16).join(""))
    .find((text) => /^v=TLSRPTv1\s*(;|$)/.test(text));
  if (!record) return { record: null, rua: [] };
  const rua = /(?:^|;)\s*rua=([^;]*)/.exec(record)?.[1] ?? "";
  return {
    record: singleLine(record, 500),
    rua: rua
      .split(",")
      .map((uri) => singleLine(uri, 200))
      .filter((uri) => /^(mailto:|https:)/i.test(uri))
      .slice(0, MAX_RUA),
  };
}

export async function checkTlsPolicy(domain: string, resolver: Resolver, fetcher: PolicyFetcher | null): Promise<TlsPolicyReport> {
  const mxPromise = mxHosts(domain, resolver);
  // All three start at once; DANE and the MX match wait only for the MX answer.
  const [mx, sts, daneHosts, rpt] = await Promise.all([
    mxPromise,
    mtaSts(domain, mxPromise, resolver, fetcher),
    mxPromise.then((hosts) => dane(hosts, resolver)),
    tlsRpt(domain, resolver),
  ]);
  return { domain, mx, mtaSts: sts, dane: daneHosts, tlsRpt: rpt };
}
