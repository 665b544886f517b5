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
  let check: (input: { domain: string; ip?: string }, client?: string) => Promise<Checks>;
  let cacheOptions: { maxBytes?: number } = {};

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
    const cached = cachedChecks(counted, 30, { ...cacheOptions, now: () => clock });
    check = (input, client = "192.0.2.100") => cached(input, { client });
  });
  afterEach(() => {
    cacheOptions = {};
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

  test("identical checks of different clients run apart: no client waits on another's run", async () => {
    const all = await Promise.all(["192.0.2.100", "192.0.2.101", "192.0.2.100"].map((client) => check({ domain: "example.com" }, client)));
    expect(all[0]).toBe(all[2]);
    expect(runs).toBe(2);
  });

  describe("with a byte budget", () => {
    beforeAll(() => {
      cacheOptions = { maxBytes: 64 * 2 * 2000 }; // room for one answer of about 2 KB (entries over 1/64 of it are not kept)
    });

    test("keeps the newest answers within it", async () => {
      await check({ domain: "example.com", ip: "192.0.2.1" });
      await check({ domain: "example.com", ip: "192.0.2.1" });
      expect(runs).toBe(1);
      for (let i = 2; i <= 300; i++) await check({ domain: "example.com", ip: `192.0.${i >> 8}.${i & 255}` });
      expect(runs).toBe(300);
      await check({ domain: "example.com", ip: "192.0.1.44" }); // the newest is kept
      expect(runs).toBe(300);
      await check({ domain: "example.com", ip: "192.0.2.1" }); // the oldest went
      expect(runs).toBe(301);
    });
  });

  test("checks that met DNS failures are not kept", async () => {
    const failed = await check({ domain: "slow.example.com", ip: "192.0.2.1" });
    expect(failed.spf).toMatchObject({ result: "temperror" });
    await check({ domain: "slow.example.com", ip: "192.0.2.1" });
    expect(runs).toBe(2);
  });
});
