/**
 * The seed case 5.7.23 (rejected for SPF) through every branch, with Checks made by the
 * real runChecks over the real resolver, asking a DNS server on loopback that serves a
 * zone built for each branch:
 *   (a) no SPF record, (b) broken record, (c) more than 10 lookups,
 *   (d) IP not allowed: Microsoft's pool, and an unknown IP, (e) the IP passes today.
 */
import { createResolver } from "../../src/dns/resolver";
import { diagnose } from "../../src/guidance";
import { spfCase } from "../../src/guidance/advice/spf";
import { runChecks } from "../../src/spf/index";
import type { Checks, Resolver } from "../../src/spf/types";
import { type DnsServer, startDnsServer } from "../support/dns-server";
import type { Zone, ZoneRecord } from "../support/zone";
import { spfBounce } from "./fixtures";

const txt = (...strings: string[]): ZoneRecord => ({ type: "TXT", strings });
const MICROSOFT_SPF = "v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 ip4:104.47.0.0/17 ip6:2a01:111:f400::/48 -all";

const zone: Zone = new Map<string, ZoneRecord[]>([
  ["spf.protection.outlook.com", [txt(MICROSOFT_SPF)]],
  // (a) a domain with TXT records, none of them SPF
  ["none.example", [txt("google-site-verification=abc123"), { type: "MX", priority: 10, exchange: "mx.none.example" }]],
  // (b) a misspelt mechanism: permerror
  ["broken.example", [txt("v=spf1 ip4:192.0.2.0/24 inclde:spf.protection.outlook.com -all")]],
  // (c) 3 + 4 + 1 + 1 + 3 = 12 lookups
  ["mid.heavy.example", [txt("v=spf1 a mx exists:%{i}.x.heavy.example include:leaf2.heavy.example -all")]],
  ["leaf.heavy.example", [txt("v=spf1 ip4:198.51.100.0/24 -all")]],
  ["leaf2.heavy.example", [txt("v=spf1 ip4:203.0.113.0/24 -all")]],
  ["heavy.example", [txt("v=spf1 include:big.heavy.example include:mid.heavy.example include:spf.protection.outlook.com a mx -all"), { type: "A", address: "192.0.2.1" }, { type: "MX", priority: 10, exchange: "heavy.example" }]],
  ["big.heavy.example", [txt("v=spf1 a mx include:leaf.heavy.example -all"), { type: "A", address: "192.0.2.2" }]],
  // (d) Microsoft 365 customer; and a domain listing only its own network
  ["m365.example", [txt("v=spf1 include:spf.protection.outlook.com -all")]],
  ["_dmarc.m365.example", [txt("v=DMARC1; p=reject; rua=mailto:d@m365.example")]],
  ["own.example", [txt("v=spf1 ip4:192.0.2.0/24 -all")]],
  // (e) the IP is allowed today
  ["fixed.example", [txt("v=spf1 ip4:203.0.113.0/24 include:spf.protection.outlook.com -all")]],
]);

let server: DnsServer;
let resolver: Resolver;

beforeAll(async () => {
  server = await startDnsServer(zone);
  resolver = createResolver({ servers: [{ host: server.host, port: server.port }], timeoutMs: 1000, retries: 0, cache: false });
});
afterAll(() => server.close());

async function checksFor(domain: string, ip: string): Promise<Checks> {
  return runChecks({ domain, ip, sender: `alice@${domain}` }, resolver, { timeoutMs: 10_000 });
}

function stepsOf(guidance: ReturnType<typeof diagnose>, actor?: string): string {
  return guidance.steps
    .filter((s) => !actor || s.actor === actor)
    .map((s) => s.text)
    .join("\n");
}

test("(a) no SPF record: says so and suggests a record for the service the mail came from", async () => {
  const checks = await checksFor("none.example", "40.107.22.10");
  expect("error" in checks.spf).toBe(false);
  expect(spfCase("error" in checks.spf ? null : checks.spf, "40.107.22.10")).toBe("no-record");
  const g = diagnose(spfBounce("none.example", "40.107.22.10"), checks, "en-US");
  expect(g.reason).toBe("spf-failure");
  expect(g.whoActs).toEqual(["your-admin"]);
  expect(g.summary).toContain("none.example publishes no SPF record");
  expect(stepsOf(g, "your-admin")).toContain("v=spf1 include:spf.protection.outlook.com -all");
  expect(stepsOf(g)).toContain("Microsoft 365");

  // A Google Workspace sender gets Google's include instead.
  const google = diagnose(spfBounce("none.example", "209.85.220.41", { format: "gmail", reportingMta: "mail-sor-f41.google.com" }), checks, "en-US");
  expect(stepsOf(google)).toContain("include:_spf.google.com");
  expect(stepsOf(google)).not.toContain("spf.protection.outlook.com");
});

test("(b) broken record: names the term and the error", async () => {
  const checks = await checksFor("broken.example", "40.107.22.10");
  const spf = "error" in checks.spf ? null : checks.spf;
  expect(spf?.result).toBe("permerror");
  expect(spfCase(spf, "40.107.22.10")).toBe("broken-record");
  const g = diagnose(spfBounce("broken.example", "40.107.22.10"), checks, "en-US");
  expect(g.summary).toContain("is broken");
  expect(stepsOf(g, "your-admin")).toMatch(/inclde/);
});

test("(c) more than 10 lookups: the cost of each include and what to replace", async () => {
  const checks = await checksFor("heavy.example", "40.107.22.10");
  const spf = "error" in checks.spf ? null : checks.spf;
  expect(spf!.lookups.total).toBeGreaterThan(spf!.lookups.limit);
  expect(spfCase(spf, "40.107.22.10")).toBe("too-many-lookups");
  const g = diagnose(spfBounce("heavy.example", "40.107.22.10"), checks, "en-US");
  expect(g.summary).toMatch(new RegExp(`needs ${spf!.lookups.total} DNS lookups; the limit is 10`));
  const steps = stepsOf(g, "your-admin");
  expect(steps).toMatch(/include:big\.heavy\.example = \d+/);
  expect(steps).toMatch(/include:mid\.heavy\.example = \d+/);
  // The root's own a and mx terms: 2 lookups.
  expect(steps).toContain("heavy.example (a, mx, exists, ptr) = 2");
  expect(steps).toMatch(/replace the largest \(include:(big|mid)\.heavy\.example\)/);
});

test("(d) a Microsoft IP outside the Microsoft 365 include: High Risk Delivery Pool and relay pool", async () => {
  const ip = "40.95.44.10"; // Microsoft's network, not in spf.protection.outlook.com
  const checks = await checksFor("m365.example", ip);
  const spf = "error" in checks.spf ? null : checks.spf;
  expect(spf?.result).toBe("fail");
  expect(spfCase(spf, ip)).toBe("microsoft-pool");
  const g = diagnose(spfBounce("m365.example", ip), checks, "en-US");
  expect(g.whoActs).toEqual(["your-admin"]);
  expect(stepsOf(g)).toContain("High Risk Delivery Pool");
  expect(stepsOf(g)).toMatch(/outbound spam and restricted \(blocked\) senders/);
  expect(stepsOf(g)).toContain("relay pool");
  const zh = diagnose(spfBounce("m365.example", ip), checks, "zh-TW");
  expect(stepsOf(zh)).toContain("高風險傳遞集區");
});

test("(d) an IP the record does not allow, not Microsoft's: add it only if it is yours", async () => {
  const ip = "198.51.100.77";
  const checks = await checksFor("own.example", ip);
  const spf = "error" in checks.spf ? null : checks.spf;
  expect(spfCase(spf, ip)).toBe("ip-not-allowed");
  const g = diagnose(spfBounce("own.example", ip, { format: "postfix", reportingMta: "mail.own.example" }), checks, "en-US");
  expect(g.summary).toContain("does not allow 198.51.100.77");
  expect(stepsOf(g)).toContain("ip4:198.51.100.77");
  expect(stepsOf(g)).toContain("someone else may be sending as your domain");
  expect(stepsOf(g)).not.toContain("High Risk Delivery Pool");
});

test("(e) the IP passes today: maybe fixed or cached, or another hop; write to the recipient's admin", async () => {
  const ip = "203.0.113.25";
  const checks = await checksFor("fixed.example", ip);
  const spf = "error" in checks.spf ? null : checks.spf;
  expect(spf?.result).toBe("pass");
  expect(spfCase(spf, ip)).toBe("ip-passes");
  const g = diagnose(spfBounce("fixed.example", ip), checks, "en-US");
  expect(g.whoActs).toContain("recipient-admin");
  expect(stepsOf(g)).toMatch(/DNS cache/);
  expect(stepsOf(g, "recipient-admin")).toMatch(/different hop/);
  expect(g.draft?.to).toBe("postmaster@example.org");
  expect(g.draft?.text).toContain(`pass for ${ip}`);
});

test("offline (no checks) and a failed check still give advice", () => {
  const offline = diagnose(spfBounce("m365.example", "40.95.44.10"), null, "en-US");
  expect(offline.reason).toBe("spf-failure");
  expect(stepsOf(offline)).toContain("40.95.44.10");
  const failed = diagnose(
    spfBounce("m365.example", "40.95.44.10"),
    { schema: "bounce-doctor/checks@1", spf: { error: "DNS timeout" }, dmarc: { error: "DNS timeout" } },
    "zh-TW",
  );
  expect(failed.summary).toContain("DNS timeout");
});
