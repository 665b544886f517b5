/**
 * bounce-doctor diagnose runs the live checks the rejection calls for beside SPF, against a
 * loopback DNS server; --offline runs none.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { run } from "../../src/cli/commands/diagnose";
import { captureIo } from "../support/cli-io";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import { liveZone } from "../support/live-zone";
import { postfixBounce } from "../support/postfix-bounce";


let dns: DnsServer;
let file: string;
const env = { DNSBL_ZONES: process.env.DNSBL_ZONES };

beforeAll(async () => {
  dns = await startDnsServer(liveZone());
  file = path.join(mkdtempSync(path.join(tmpdir(), "bd-live-")), "bounce.eml");
  writeFileSync(file, postfixBounce("bob@good.example", "5.7.1", "554 5.7.1 Client host [203.0.113.7] blocked using zen.spamhaus.org", "203.0.113.7"));
  process.env.DNSBL_ZONES = "none"; // only the zone the rejection names
});
afterAll(async () => {
  if (env.DNSBL_ZONES === undefined) delete process.env.DNSBL_ZONES;
  else process.env.DNSBL_ZONES = env.DNSBL_ZONES;
  await dns?.close();
});

test("--json carries live beside spf and dmarc, and the guidance uses it", async () => {
  const io = captureIo();
  expect(await run([file, "--json", "--lang", "en-US", "--dns", `127.0.0.1:${dns.port}`, "--timeout", "3"], io)).toBe(0);
  const { checks, guidance } = JSON.parse(io.out);
  expect(checks.live.dnsbl.results).toEqual([expect.objectContaining({ zone: "zen.spamhaus.org", status: "listed", named: true })]);
  expect(guidance.summary).toContain("203.0.113.7 is listed now on Spamhaus ZEN (XBL, PBL).");
});

test("--offline asks nothing", async () => {
  const before = dns.queryCount();
  const io = captureIo();
  expect(await run([file, "--offline", "--json", "--dns", `127.0.0.1:${dns.port}`], io)).toBe(0);
  expect(JSON.parse(io.out).checks).toBeNull();
  expect(dns.queryCount()).toBe(before);
});
