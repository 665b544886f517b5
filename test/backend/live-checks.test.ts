/**
 * The live checks through the real backend over HTTP: loopback DNS for the list zones,
 * reverse zones and recipient domains, a loopback HTTPS server for MTA-STS. Only the
 * names and the IP the request carries are ever queried.
 */
import http from "node:http";
import { createBackend } from "../../src/backend/app";
import { ConfigError, loadConfig, type BackendConfig } from "../../src/backend/config";
import { startBackendServer, type RunningServer } from "../../src/backend/http";
import type { Resolver } from "../../src/spf/types";
import { createPolicyFetcher } from "../../src/fetch/mta-sts-fetcher";
import { LIVE_SCHEMA } from "../../src/checks";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import { LISTED_IP, POLICIES, POLICY_HOSTS, REFUSED_IP, liveZone } from "../support/live-zone";
import { startPolicyServer, type PolicyServer } from "../support/policy-server";
import { makeTestCertificates } from "../support/test-ca";

function post(base: string, payload: unknown): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/check`, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(body) }));
    });
    req.on("error", reject);
    req.end(JSON.stringify(payload));
  });
}

describe("backend /api/check with live checks", () => {
  let dns: DnsServer;
  let policies: PolicyServer;
  let server: RunningServer;
  let config: BackendConfig;

  beforeAll(async () => {
    const certs = makeTestCertificates(POLICY_HOSTS);
    policies = await startPolicyServer(certs, POLICIES);
    const zone = liveZone();
    zone.set("sender.example", [{ type: "TXT", strings: ["v=spf1 ip4:203.0.113.0/24 -all"] }]);
    dns = await startDnsServer(zone);
    config = {
      ...loadConfig({ DNS_SERVERS: `127.0.0.1:${dns.port}`, DNS_TIMEOUT_MS: "300", DNS_RETRIES: "0", RATE_LIMIT_BURST: "1000", CHECK_CACHE_SECONDS: "0" }),
      port: 0,
    };
    const fetcherFor = (resolver: Resolver) => createPolicyFetcher({ resolver, port: policies.port, ca: certs.ca, allowPrivateAddresses: true, timeoutMs: 800 });
    server = await startBackendServer(createBackend(config, { fetcherFor }), config);
  });
  afterAll(async () => {
    await server?.close();
    await policies?.close();
    await dns?.close();
  });

  test("a blocklist bounce: the named zone and the configured ones, beside SPF", async () => {
    const reply = await post(server.url, { domain: "sender.example", ip: LISTED_IP, checks: ["dnsbl", "reverse-dns"], zones: ["zen.spamhaus.org"] });
    expect(reply.status).toBe(200);
    expect(reply.json.spf).toMatchObject({ result: "pass" });
    expect(reply.json.live.schema).toBe(LIVE_SCHEMA);
    expect(reply.json.live.dnsbl.results.map((r: any) => [r.zone, r.named, r.status])).toEqual([
      ["zen.spamhaus.org", true, "listed"],
      ["bl.spamcop.net", false, "listed"],
    ]);
    expect(reply.json.live.reverseDns).toMatchObject({ status: "confirmed" });
  });

  test("a refused Spamhaus query says so", async () => {
    const reply = await post(server.url, { domain: "sender.example", ip: REFUSED_IP, checks: "dnsbl" });
    expect(reply.json.live.dnsbl.results[0]).toMatchObject({ zone: "zen.spamhaus.org", status: "refused" });
  });

  test("recipient domain and TLS policy for the recipient's domain", async () => {
    const typo = await post(server.url, { domain: "sender.example", checks: "recipient-domain", recipientDomain: "gmial.com" });
    expect(typo.json.live.recipientDomain).toMatchObject({ status: "not-found", suggestion: "gmail.com" });
    const tls = await post(server.url, { domain: "sender.example", checks: ["tls-policy"], recipientDomain: "sts.example" });
    expect(tls.json.live.tlsPolicy.mtaSts).toMatchObject({ mode: "enforce", unmatchedMx: ["mx.sts.example"] });
  });

  test("only the request's names and IP are queried; bad live fields are refused before any query", async () => {
    const before = dns.queryCount();
    for (const [payload, message] of [
      [{ domain: "sender.example", checks: ["dnsbl"], zones: ["zen.spamhaus.org;drop"] }, /"zones" holds a name that is not a DNS zone name/],
      [{ domain: "sender.example", checks: ["dnsbl"], zones: ["a.example", "b.example", "c.example", "d.example"] }, /at most 3/],
      [{ domain: "sender.example", checks: ["portscan"] }, /unknown check "portscan"/],
      [{ domain: "sender.example", checks: "recipient-domain", recipientDomain: "http://x.example/" }, /"recipientDomain" is not a domain name/],
      [{ domain: "sender.example", zones: ["zen.spamhaus.org"] }, /"zones" needs "checks"/],
    ] as const) {
      const reply = await post(server.url, payload);
      expect(reply.status).toBe(400);
      expect(reply.json.error).toMatch(message);
    }
    expect(dns.queryCount()).toBe(before);
  });

  test("GET takes the live fields comma-separated", async () => {
    const reply = await new Promise<{ status: number; json: any }>((resolve, reject) => {
      http
        .get(`${server.url}/api/check?domain=sender.example&ip=${LISTED_IP}&checks=dnsbl,reverse-dns&zones=zen.spamhaus.org`, (res) => {
          let body = "";
          res.on("data", (chunk) => (body += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(body) }));
        })
        .on("error", reject);
    });
    expect(reply.status).toBe(200);
    expect(reply.json.live.checks).toEqual(["dnsbl", "reverse-dns"]);
    expect(reply.json.live.dnsbl.results[0]).toMatchObject({ zone: "zen.spamhaus.org", named: true, status: "listed" });
  });

  test("without checks the answer is the SPF/DMARC one alone", async () => {
    const reply = await post(server.url, { domain: "sender.example", ip: LISTED_IP });
    expect(reply.json.live).toBeUndefined();
  });
});

describe("live-check settings", () => {
  test("DNSBL_ZONES and SPAMHAUS_DQS_KEY", () => {
    expect(loadConfig({}).dnsblZones).toEqual(["zen.spamhaus.org", "bl.spamcop.net"]);
    expect(loadConfig({ DNSBL_ZONES: "none" }).dnsblZones).toEqual([]);
    expect(loadConfig({ DNSBL_ZONES: "b.barracudacentral.org, Zen.Spamhaus.org" }).dnsblZones).toEqual(["b.barracudacentral.org", "zen.spamhaus.org"]);
    expect(() => loadConfig({ DNSBL_ZONES: "zen.spamhaus.org;x" })).toThrow(ConfigError);
    expect(loadConfig({ SPAMHAUS_DQS_KEY: "abc123" }).spamhausDqsKey).toBe("abc123");
    expect(() => loadConfig({ SPAMHAUS_DQS_KEY: "abc.evil" })).toThrow(/letters and digits/);
  });
});
