/**
 * The live checks against real packets: a loopback DNS server serving recipient domains,
 * list zones and reverse zones, and a loopback HTTPS server (certificate from a CA only
 * these tests trust) for MTA-STS policies.
 */
import { createResolver } from "../../src/dns/resolver";
import { createPolicyFetcher } from "../../src/fetch/mta-sts-fetcher";
import { runLiveChecks, type DnsblReport, type PolicyFetcher } from "../../src/checks";
import { checkDnsbl } from "../../src/checks/dnsbl";
import { checkRecipientDomain } from "../../src/checks/recipient-domain";
import { checkReverseDns } from "../../src/checks/reverse-dns";
import { checkTlsPolicy } from "../../src/checks/tls-policy";
import type { Resolver } from "../../src/spf/types";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import { CLEAN_IP, LISTED_IP, LISTED_IP6, POLICIES, POLICY_HOSTS, REFUSED_IP, liveZone } from "../support/live-zone";
import { startPolicyServer, type PolicyServer } from "../support/policy-server";
import { makeTestCertificates, type TestCertificates } from "../support/test-ca";

let dns: DnsServer;
let resolver: Resolver;
let https: PolicyServer;
let certs: TestCertificates;
let fetcher: PolicyFetcher;

beforeAll(async () => {
  certs = makeTestCertificates(POLICY_HOSTS);
  https = await startPolicyServer(certs, POLICIES);
  dns = await startDnsServer(liveZone());
  resolver = createResolver({ servers: [{ host: dns.host, port: dns.port }], timeoutMs: 300, retries: 0 });
  fetcher = createPolicyFetcher({ resolver, port: https.port, ca: certs.ca, allowPrivateAddresses: true, timeoutMs: 800, maxBytes: 64 * 1024 });
});

afterAll(async () => {
  await https?.close();
  await dns?.close();
});

describe("recipient domain", () => {
  test("a domain with MX hosts takes mail; an MX host without an address is flagged", async () => {
    const report = await checkRecipientDomain("good.example", resolver);
    expect(report.status).toBe("accepts-mail");
    expect(report.mx).toEqual([
      { priority: 10, exchange: "mx1.good.example", resolves: true },
      { priority: 20, exchange: "mx2.good.example", resolves: false },
    ]);
  });

  test("a typo domain does not exist and gets the nearest mail domain", async () => {
    expect(await checkRecipientDomain("gmial.com", resolver)).toMatchObject({ status: "not-found", suggestion: "gmail.com" });
    expect(await checkRecipientDomain("outlok.com", resolver)).toMatchObject({ status: "not-found", suggestion: "outlook.com" });
    expect(await checkRecipientDomain("no-such-company.example", resolver)).toMatchObject({ status: "not-found", suggestion: null });
  });

  test("a null MX (RFC 7505) says the domain takes no mail", async () => {
    const report = await checkRecipientDomain("null.example", resolver);
    expect(report.status).toBe("null-mx");
    expect(report.mx).toEqual([{ priority: 0, exchange: ".", resolves: null }]);
  });

  test("SERVFAIL is an error, not a missing domain", async () => {
    const report = await checkRecipientDomain("broken.example", resolver);
    expect(report.status).toBe("error");
    expect(report.suggestion).toBeNull();
  });

  test("no MX falls back to the domain's address (RFC 5321 5.1); no address either is no mail host", async () => {
    expect(await checkRecipientDomain("implicit.example", resolver)).toMatchObject({ status: "accepts-mail", implicitMx: true });
    expect(await checkRecipientDomain("nomail.example", resolver)).toMatchObject({ status: "no-mail-host" });
  });
});

describe("DNS blocklists", () => {
  const zones = ["zen.spamhaus.org", "bl.spamcop.net"];
  const byZone = (report: DnsblReport, zone: string) => report.results.find((r) => r.zone === zone);

  test("an IP on XBL and PBL, and on SpamCop, with the lists' own meanings and the TXT reason cleaned", async () => {
    const report = await checkDnsbl(LISTED_IP, [], resolver, { zones });
    const zen = byZone(report, "zen.spamhaus.org");
    expect(zen).toMatchObject({ status: "listed", codes: ["127.0.0.4", "127.0.0.10"], lookupUrl: "https://check.spamhaus.org/" });
    expect(zen?.meanings.map((m) => [m.label, m.policy])).toEqual([["XBL", false], ["PBL", true]]);
    expect(zen?.reason).toBe("https://www.spamhaus.org/query/ip/203.0.113.7 [31m");
    expect(byZone(report, "bl.spamcop.net")).toMatchObject({ status: "listed", meanings: [{ label: "SpamCop" }] });
  });

  test("Spamhaus's 127.255.255.254 is a refused query, never a listing", async () => {
    const zen = byZone(await checkDnsbl(REFUSED_IP, [], resolver, { zones }), "zen.spamhaus.org");
    expect(zen?.status).toBe("refused");
    expect(zen?.meanings).toEqual([]);
    expect(zen?.error).toMatch(/refused/);
  });

  test("a delisted IP is on no list", async () => {
    const report = await checkDnsbl(CLEAN_IP, [], resolver, { zones });
    expect(report.results.map((r) => r.status)).toEqual(["not-listed", "not-listed"]);
  });

  test("IPv6 goes to the lists that take it, as nibbles; IPv4-only lists say so", async () => {
    const report = await checkDnsbl(LISTED_IP6, [], resolver, { zones });
    expect(byZone(report, "zen.spamhaus.org")).toMatchObject({ status: "listed", meanings: [{ label: "SBL CSS" }] });
    expect(byZone(report, "bl.spamcop.net")?.status).toBe("unsupported");
  });

  test("the named zone comes first; an unknown list is read by RFC 5782; a wildcard answer is no listing", async () => {
    const report = await checkDnsbl(LISTED_IP, ["dnsbl.example.net", "wildcard.example"], resolver, { zones });
    expect(report.results.map((r) => [r.zone, r.named, r.status])).toEqual([
      ["dnsbl.example.net", true, "listed"],
      ["wildcard.example", true, "error"],
      ["zen.spamhaus.org", false, "listed"],
      ["bl.spamcop.net", false, "listed"],
    ]);
  });

  test("a zone that is not a host name is never asked, and the named zones are capped", async () => {
    const before = dns.queryCount();
    const report = await checkDnsbl(CLEAN_IP, ["zen.spamhaus.org;rm -rf", "../etc", "a b.example", "http://x.example/"], resolver, { zones: [] });
    expect(report.results).toEqual([]);
    expect(dns.queryCount()).toBe(before);
  });

  test("a Spamhaus DQS key goes into the name asked, never into the report", async () => {
    const report = await checkDnsbl(CLEAN_IP, [], resolver, { zones: ["zen.spamhaus.org"], spamhausDqsKey: "abc123key" });
    const asked = dns.log().map((e) => e.name);
    expect(asked).toContain("9.113.0.203.abc123key.zen.dq.spamhaus.net");
    expect(JSON.stringify(report)).not.toContain("abc123key");
  });

  test("a private address is not asked about", async () => {
    await expect(checkDnsbl("192.168.1.10", [], resolver, { zones })).rejects.toThrow(/not a public address/);
  });
});

describe("reverse DNS", () => {
  test("a PTR that resolves back confirms (FCrDNS)", async () => {
    expect(await checkReverseDns(LISTED_IP, resolver)).toEqual({
      ip: LISTED_IP,
      status: "confirmed",
      names: ["mail.good.example"],
      confirmedName: "mail.good.example",
      generic: false,
    });
  });

  test("a PTR that points elsewhere does not confirm, and a pool name is flagged generic", async () => {
    expect(await checkReverseDns(REFUSED_IP, resolver)).toMatchObject({ status: "not-confirming", names: ["203-0-113-8.dsl.isp.example"], generic: true });
  });

  test("no PTR record", async () => {
    expect(await checkReverseDns(CLEAN_IP, resolver)).toMatchObject({ status: "no-ptr", names: [] });
  });
});

describe("TLS policy", () => {
  test("MTA-STS enforce whose mx patterns miss the domain's MX; DANE TLSA and TLS-RPT found", async () => {
    const report = await checkTlsPolicy("sts.example", resolver, fetcher);
    expect(report.mtaSts).toEqual({
      status: "ok",
      id: "20240101T000000",
      mode: "enforce",
      mxPatterns: ["*.other.example"],
      maxAge: 604800,
      unmatchedMx: ["mx.sts.example"],
    });
    expect(report.dane).toEqual([{ mx: "mx.sts.example", tlsa: true }]);
    expect(report.tlsRpt).toEqual({ record: "v=TLSRPTv1; rua=mailto:tls-reports@sts.example", rua: ["mailto:tls-reports@sts.example"] });
  });

  test("a policy that matches its MX", async () => {
    const report = await checkTlsPolicy("okpolicy.example", resolver, fetcher);
    expect(report.mtaSts).toMatchObject({ status: "ok", mode: "testing", unmatchedMx: [] });
    expect(report.dane).toEqual([{ mx: "mx1.okpolicy.example", tlsa: false }]);
  });

  test("a policy server that never answers is cut off at the deadline", async () => {
    const started = Date.now();
    const report = await checkTlsPolicy("slow.example", resolver, fetcher);
    expect(report.mtaSts).toMatchObject({ status: "fetch-failed", id: "2" });
    expect(report.mtaSts.error).toMatch(/no policy within 800 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test("an oversized policy is refused at the byte limit", async () => {
    const report = await checkTlsPolicy("big.example", resolver, fetcher);
    expect(report.mtaSts).toMatchObject({ status: "fetch-failed" });
    expect(report.mtaSts.error).toMatch(/over the 65536-byte limit/);
  });

  test("a redirect is not followed (RFC 8461 3.3)", async () => {
    const before = https.requests.length;
    const report = await checkTlsPolicy("moved.example", resolver, fetcher);
    expect(report.mtaSts).toMatchObject({ status: "fetch-failed", error: "HTTP 301 from mta-sts.moved.example" });
    expect(https.requests.slice(before)).toEqual(["mta-sts.moved.example /.well-known/mta-sts.txt"]);
  });

  test("a hostile policy file is invalid, and its text comes back cut and cleaned", async () => {
    const report = await checkTlsPolicy("hostile.example", resolver, fetcher);
    expect(report.mtaSts.status).toBe("invalid");
    expect(report.mtaSts.error).toMatch(/^mx pattern "<script>alert\(1\)<\/script>" is not a host name/);
  });

  test("a certificate from a CA the fetcher does not trust is refused", async () => {
    const untrusting = createPolicyFetcher({ resolver, port: https.port, allowPrivateAddresses: true, timeoutMs: 800 });
    const fetched = await untrusting.fetchPolicy("sts.example");
    expect(fetched).toMatchObject({ status: "error", reason: "tls" });
  });

  test("a policy host on a loopback address is not fetched unless allowed", async () => {
    const strict = createPolicyFetcher({ resolver, port: https.port, ca: certs.ca, timeoutMs: 800 });
    expect(await strict.fetchPolicy("sts.example")).toMatchObject({ status: "error", reason: "address" });
  });
});

describe("runLiveChecks", () => {
  test("runs the asked checks in parallel; a check without its input reports an error", async () => {
    const live = await runLiveChecks(
      { checks: ["dnsbl", "reverse-dns", "recipient-domain", "tls-policy"], ip: LISTED_IP, zones: ["zen.spamhaus.org"] },
      resolver,
      { zones: [], fetcher },
    );
    expect(live.checks).toEqual(["dnsbl", "reverse-dns", "recipient-domain", "tls-policy"]);
    expect(live.dnsbl).toMatchObject({ ip: LISTED_IP, results: [{ zone: "zen.spamhaus.org", status: "listed" }] });
    expect(live.reverseDns).toMatchObject({ status: "confirmed" });
    expect(live.recipientDomain).toEqual({ error: "no recipient domain to check" });
    expect(live.tlsPolicy).toEqual({ error: "no recipient domain to check" });
  });

  test("a check over its deadline reports so, without holding up the others", async () => {
    const slow: Resolver = {
      lookup: (name, type) => (name.endsWith("in-addr.arpa") ? new Promise(() => undefined) : resolver.lookup(name, type)),
    };
    const live = await runLiveChecks({ checks: ["reverse-dns", "recipient-domain"], ip: LISTED_IP, recipientDomain: "good.example" }, slow, { timeoutMs: 300 });
    expect(live.reverseDns).toEqual({ error: "the reverse DNS check took longer than 300 ms" });
    expect(live.recipientDomain).toMatchObject({ status: "accepts-mail" });
  });
});
