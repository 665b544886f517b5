import { cachedChecks } from "../../src/backend/check-cache";
import { createResolver } from "../../src/dns/resolver";
import { runChecks } from "../../src/spf/index";
import type { Checks } from "../../src/spf/types";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import type { Zone } from "../support/zone";

const zone: Zone = new Map([
  ["example.com", [{ type: "TXT", strings: ["v=spf1 ip4:192.0.2.0/24 -all"] }]],
  ["slow.example.com", [{ type: "TIMEOUT" }]],
]);

describe("check result cache", () => {
  let dns: DnsServer;
  let runs: number;
  let clock: number;
  let check: (input: { domain: string; ip?: string }) => Promise<Checks>;

  beforeAll(async () => {
    dns = await startDnsServer(zone, { delayMs: 20 });
  });
  afterAll(() => dns.close());
  beforeEach(() => {
    runs = 0;
    clock = 0;
    const resolver = createResolver({ servers: [dns], timeoutMs: 100, retries: 0 });
    const counted = (input: { domain: string; ip?: string }) => {
      runs++;
      return runChecks(input, resolver);
    };
    check = cachedChecks(counted, 30, () => clock);
  });

  test("reuses a finished check for the same input until it expires", async () => {
    const first = await check({ domain: "example.com", ip: "192.0.2.1" });
    expect(first.spf).toMatchObject({ result: "pass" });
    expect(await check({ domain: "example.com", ip: "192.0.2.1" })).toBe(first);
    expect(runs).toBe(1);
    expect((await check({ domain: "example.com", ip: "192.0.2.2" })).spf).toMatchObject({ result: "pass" });
    expect(runs).toBe(2);
    clock = 30_001;
    await check({ domain: "example.com", ip: "192.0.2.1" });
    expect(runs).toBe(3);
  });

  test("identical checks in flight share one run", async () => {
    const all = await Promise.all(Array.from({ length: 5 }, () => check({ domain: "example.com" })));
    expect(new Set(all).size).toBe(1);
    expect(runs).toBe(1);
  });

  test("checks that met DNS failures are not kept", async () => {
    const failed = await check({ domain: "slow.example.com", ip: "192.0.2.1" });
    expect(failed.spf).toMatchObject({ result: "temperror" });
    await check({ domain: "slow.example.com", ip: "192.0.2.1" });
    expect(runs).toBe(2);
  });
});
