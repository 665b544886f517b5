import { backendResolver } from "../../src/backend/app";
import { createResolver } from "../../src/dns/resolver";
import { runChecks } from "../../src/spf/index";
import { startDnsServer, type QueryLogEntry } from "../support/dns-server";
import type { Zone } from "../support/zone";

/** Most queries the server was holding at one moment. */
function peakInFlight(log: QueryLogEntry[]): number {
  const events = log.flatMap((e) => [
    { at: e.receivedAt, delta: 1 },
    { at: e.answeredAt ?? Infinity, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let peak = 0;
  for (const event of events) peak = Math.max(peak, (current += event.delta));
  return peak;
}

test("the backend resolver bounds the DNS queries in flight across concurrent checks", async () => {
  const zone: Zone = new Map([["example.com", [{ type: "TXT", strings: ["v=spf1 include:a.example.com include:b.example.com include:c.example.com -all"] }]]]);
  for (const name of ["a", "b", "c"]) zone.set(`${name}.example.com`, [{ type: "TXT", strings: ["v=spf1 ip4:192.0.2.0/24 -all"] }]);
  const dns = await startDnsServer(zone, { delayMs: 15 });
  try {
    const free = createResolver({ servers: [dns] });
    await runChecks({ domain: "example.com", ip: "198.51.100.1" }, free);
    expect(peakInFlight(dns.log())).toBeGreaterThan(2); // unbounded, the engine fetches in parallel

    const before = dns.log().length;
    const bounded = backendResolver({ dnsServers: [dns], dnsTimeoutMs: 2000, dnsRetries: 1, maxConcurrentDns: 2 });
    const results = await Promise.all(
      ["198.51.100.1", "192.0.2.1"].map((ip) => runChecks({ domain: "example.com", ip }, bounded)),
    );
    expect(results.map((r) => "result" in r.spf && r.spf.result)).toEqual(["fail", "pass"]);
    expect(peakInFlight(dns.log().slice(before))).toBe(2);
    // Answers now in the cache need no slot: a third check asks nothing and is not held up.
    const queries = dns.log().length;
    expect(await runChecks({ domain: "example.com", ip: "192.0.2.1" }, bounded)).toMatchObject({ spf: { result: "pass" } });
    expect(dns.log().length).toBe(queries);
  } finally {
    await dns.close();
  }
});
