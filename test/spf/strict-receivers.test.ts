/**
 * The strict-receiver lens, through the real resolver and the loopback DNS server:
 * each reading where receivers differ from RFC 7208 is warned about, a clean record
 * gets no such warning, and the strict reading names the rule that changed the answer.
 */
import { createResolver } from "../../src/dns/resolver";
import { analyzeSpf } from "../../src/spf/analyzer";
import { answerSize, splitInsideTerm } from "../../src/spf/strict-receivers";
import type { SpfReport } from "../../src/spf/types";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import type { Zone, ZoneRecord } from "../support/zone";

const txt = (...strings: string[]): ZoneRecord => ({ type: "TXT", strings });
const a = (address: string): ZoneRecord => ({ type: "A", address });
const mxs = (count: number, prefix: string): ZoneRecord[] =>
  Array.from({ length: count }, (_, i) => ({ type: "MX", priority: i, exchange: `${prefix}${i}.example.net` }));
const long = (n: number) => `ip4:10.${n}.0.0/16 `.repeat(14);

const zone: Zone = new Map<string, ZoneRecord[]>([
  ["clean.example", [txt("v=spf1 ip4:192.0.2.0/24 mx:mail.example -all")]],
  ["mail.example", [{ type: "MX", priority: 10, exchange: "mx1.example.net" }]],
  ["mx1.example.net", [a("198.51.100.1")]],
  ["self.example", [txt("v=spf1 ip4:192.0.2.1 include:self.example -all")]],
  ["voidmx.example", [txt("v=spf1 mx:hosts.example a:nx1.example -all")]],
  ["hosts.example", mxs(3, "gone")],
  ["manymx.example", [txt("v=spf1 mx:twelve.example -all")]],
  ["twelve.example", mxs(12, "m")],
  ["ptr.example", [txt("v=spf1 ptr -all")]],
  ["1.2.0.192.in-addr.arpa", Array.from({ length: 11 }, (_, i) => ({ type: "PTR", target: `p${i}.ptr.example` }))],
  ["big.example", [txt("v=spf1 " + long(1), long(2), long(3) + "-all")]],
  ["split.example", [txt("v=spf1 ip4:192.0.2.1 inc", "lude:clean.example -all")]],
  ["after.example", [txt("v=spf1 -all ip4:192.0.2.1 mx")]],
  ["redirect.example", [txt("v=spf1 ~all redirect=clean.example")]],
]);

let dns: DnsServer;
beforeAll(async () => {
  dns = await startDnsServer(zone);
});
afterAll(() => dns.close());

async function analyze(domain: string, ip = "192.0.2.1"): Promise<SpfReport> {
  const resolver = createResolver({ servers: [{ host: dns.host, port: dns.port }], timeoutMs: 1000, retries: 0 });
  return analyzeSpf({ domain, ip, sender: `user@${domain}`, helo: `mail.${domain}` }, resolver);
}

const strictCodes = (report: SpfReport) => report.problems.filter((p) => p.code.startsWith("strict-")).map((p) => p.code);

describe("the strict-receiver lens", () => {
  it("says nothing about a record every receiver reads alike", async () => {
    const report = await analyze("clean.example");
    expect(report.result).toBe("pass");
    expect(strictCodes(report)).toEqual([]);
    expect(report.strictReceivers).toEqual({ result: "pass", rule: null });
  });

  it("a record that includes itself: pass by the RFC (ip4 matches first), permerror at strict receivers", async () => {
    const report = await analyze("self.example");
    expect(report.result).toBe("pass");
    expect(report.strictReceivers).toEqual({ result: "permerror", rule: "self-include" });
    expect(strictCodes(report)).toEqual(["strict-self-include"]);
    expect(report.problems.find((p) => p.code === "strict-self-include")!.term).toBe("include:self.example");
  });

  it("void lookups per query: MX hosts without addresses push strict receivers over the limit, the RFC counts one term", async () => {
    const report = await analyze("voidmx.example");
    expect(report.result).toBe("fail"); // RFC: one void term (a:nx1), the MX query itself answered
    expect(report.strictReceivers).toEqual({ result: "permerror", rule: "void-per-query" });
    expect(strictCodes(report)).toContain("strict-void-per-query");
  });

  it("void lookups per query without an IP: MX hosts without addresses counted as strict receivers do", async () => {
    const resolver = createResolver({ servers: [{ host: dns.host, port: dns.port }], timeoutMs: 1000, retries: 0 });
    const report = await analyzeSpf({ domain: "voidmx.example" }, resolver);
    expect(report.lookups.voidLookups).toBe(1);
    expect(report.problems.find((p) => p.code === "strict-void-per-query")?.params?.hosts).toBe("gone0.example.net, gone1.example.net, gone2.example.net");
    expect(strictCodes(await analyzeSpf({ domain: "clean.example" }, resolver))).toEqual([]);
  });

  it("more than 10 MX names: permerror under RFC 7208, a first-10 reading under RFC 4408", async () => {
    const report = await analyze("manymx.example");
    expect(report.result).toBe("permerror");
    expect(strictCodes(report)).toContain("strict-mx-names");
  });

  it("more than 10 PTR names for the client, with a ptr term", async () => {
    const report = await analyze("ptr.example");
    const risk = report.problems.find((p) => p.code === "strict-ptr-names");
    expect(risk?.params).toMatchObject({ count: 11, limit: 10, ip: "192.0.2.1" });
    expect(strictCodes(await analyze("ptr.example", "192.0.2.9"))).not.toContain("strict-ptr-names");
  });

  it("an answer over 512 bytes: warned exactly where the server had to answer over TCP", async () => {
    const before = dns.log().length;
    const big = await analyze("big.example");
    const tcp = dns.log().slice(before).filter((entry) => entry.transport === "tcp").map((entry) => entry.name.toLowerCase());
    expect(tcp).toContain("big.example");
    expect(big.problems.find((p) => p.code === "strict-needs-tcp")?.params?.size).toBeGreaterThan(512);
    expect(strictCodes(await analyze("clean.example"))).not.toContain("strict-needs-tcp");
  });

  it("a record split inside a term", async () => {
    const report = await analyze("split.example");
    expect(report.record).toBe("v=spf1 ip4:192.0.2.1 include:clean.example -all");
    expect(report.problems.find((p) => p.code === "strict-odd-split")?.params).toMatchObject({ before: "v=spf1 ip4:192.0.2.1 inc".slice(-20), after: "lude:clean.example -" });
  });

  it("mechanisms after all, and a redirect next to all", async () => {
    const after = await analyze("after.example");
    expect(after.result).toBe("fail");
    expect(after.problems.find((p) => p.code === "strict-after-all")?.params).toMatchObject({ terms: "ip4:192.0.2.1 mx", all: "-all" });
    expect((await analyze("redirect.example")).problems.map((p) => p.code)).toContain("redirect-with-all");
  });
});

describe("lens helpers", () => {
  it("answerSize counts the header, the question and each string with its length octet", () => {
    // 12 + ("a.example" 9 + 2 + 4) + (2 + 10 + 1 + 3)
    expect(answerSize("a.example", [["abc"]])).toBe(12 + 15 + 16);
  });

  it("splitInsideTerm ignores boundaries at a space", () => {
    expect(splitInsideTerm(["v=spf1 ", "ip4:192.0.2.1 -all"])).toBeNull();
    expect(splitInsideTerm(["v=spf1 ip4:192.0.2.1", " -all"])).toBeNull();
    expect(splitInsideTerm(["v=spf1 ip4:192.0", ".2.1 -all"])).toEqual({ before: "v=spf1 ip4:192.0", after: ".2.1 -all" });
  });
});
