import { run } from "../../src/cli/commands/spf";
import { captureIo } from "../support/cli-io";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import type { Zone } from "../support/zone";

const zone: Zone = new Map([
  ["example.com", [{ type: "TXT", strings: ["v=spf1 mx include:_spf.example.net ", "-all exp=why.example.com"] }, { type: "MX", priority: 10, exchange: "mx.example.com" }]],
  ["mx.example.com", [{ type: "A", address: "192.0.2.25" }]],
  ["_spf.example.net", [{ type: "TXT", strings: ["v=spf1 ip4:198.51.100.0/24 ip6:2001:db8::/32 ~all"] }]],
  ["why.example.com", [{ type: "TXT", strings: ["%{i} may not send mail for %{d}"] }]],
  ["mail.example.org", [{ type: "TXT", strings: ["v=spf1 a -all"] }, { type: "A", address: "203.0.113.9" }]],
  ["escape.example.com", [{ type: "TXT", strings: ["v=spf1 \u001b[31mred -all"] }]],
  ["bidi.example.com", [{ type: "TXT", strings: ["v=spf1 \u202eli\u2067a-\u0090x -all"] }]],
  ["slow.example.com", [{ type: "TIMEOUT" }]],
]);


describe("bounce-doctor spf against a loopback DNS server", () => {
  let dns: DnsServer;
  let dnsArg: string[];
  beforeAll(async () => {
    dns = await startDnsServer(zone);
    dnsArg = ["--dns", `127.0.0.1:${dns.port}`, "--timeout", "0.3"];
  });
  afterAll(() => dns.close());

  test("prints a readable report with the include tree and the deciding term", async () => {
    const io = captureIo();
    expect(await run(["example.com", "--ip", "198.51.100.7", ...dnsArg], io)).toBe(0);
    expect(io.err).toBe("");
    expect(io.out).toContain("SPF for example.com");
    expect(io.out).toContain("record:  v=spf1 mx include:_spf.example.net -all exp=why.example.com");
    expect(io.out).toMatch(/result:\s+pass\s+\(decided by "include:_spf.example.net" in example.com\)/);
    expect(io.out).toMatch(/^ {2}example\.com {2}\[2 lookups, 2 with children\]/m);
    expect(io.out).toMatch(/^ {2}└─ include _spf\.example\.net {2}\[0 lookups\] {2}v=spf1 ip4:198\.51\.100\.0\/24/m);
    expect(io.out).toContain("DNS lookups 2 of 10");
  });

  test("--json prints the SpfReport, with the exp= explanation for a fail", async () => {
    const io = captureIo();
    expect(await run(["example.com", "--ip", "192.0.2.99", "--json", ...dnsArg], io)).toBe(0);
    const report = JSON.parse(io.out);
    expect(report).toMatchObject({ domain: "example.com", ip: "192.0.2.99", result: "fail", explanation: "192.0.2.99 may not send mail for example.com" });
    expect(report.decidedBy).toMatchObject({ domain: "example.com", term: "-all" });
    expect(report.tree.children.map((child: { domain: string }) => child.domain)).toEqual(["_spf.example.net"]);
  });

  test("the domain defaults to the sender's, or to the HELO name for a null sender", async () => {
    const fromSender = captureIo();
    expect(await run(["--sender", "alice@Example.com", "--ip", "192.0.2.25", "--json", ...dnsArg], fromSender)).toBe(0);
    expect(JSON.parse(fromSender.out)).toMatchObject({ domain: "example.com", sender: "alice@Example.com", result: "pass" });

    const fromHelo = captureIo();
    expect(await run(["--sender", "", "--helo", "mail.example.org", "--ip", "203.0.113.9", "--json", ...dnsArg], fromHelo)).toBe(0);
    expect(JSON.parse(fromHelo.out)).toMatchObject({ domain: "mail.example.org", result: "pass" });
  });

  test("--help prints the usage", async () => {
    const io = captureIo();
    expect(await run(["--help"], io)).toBe(0);
    expect(io.out).toMatch(/^usage: bounce-doctor spf \[DOMAIN\]/);
  });

  test("without --ip it analyses the record only", async () => {
    const io = captureIo();
    expect(await run(["example.com", ...dnsArg], io)).toBe(0);
    expect(io.out).toContain("result:  (no IP given: record analysed only)");
  });

  test("terminal escapes in DNS text are not printed", async () => {
    const io = captureIo();
    expect(await run(["escape.example.com", ...dnsArg], io)).toBe(0);
    expect(io.out).not.toContain("\u001b");
    expect(io.out).toContain("v=spf1 ?[31mred -all");
  });

  test("C1 controls and bidi overrides in DNS text are not printed either", async () => {
    const io = captureIo();
    await run(["bidi.example.com", ...dnsArg], io);
    expect(io.out).toContain("v=spf1 ?li?a-?x -all");
    expect(io.out).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  test("exit 1 with a one-line error when DNS does not answer", async () => {
    const io = captureIo();
    expect(await run(["slow.example.com", "--ip", "192.0.2.1", ...dnsArg], io)).toBe(1);
    expect(io.err).toMatch(/^bounce-doctor spf: .*temperror.*\n$/);
  });

  test.each([
    [["--ip", "192.0.2.1"], /DOMAIN is required/],
    [["example.com", "--ip", "999.1.1.1"], /--ip is not/],
    [["example.com", "--helo", "mx\u001b]0;title\u0007.example.com"], /--helo contains control characters/],
    [["example.com", "--bogus"], /Unknown option '--bogus'/],
    [["example.com", "other.com"], /one domain at a time/],
    [["example.com", "--dns", "1.2.3.4:0"], /--dns: not a DNS server address/],
    [["example.com", "--timeout", "soon"], /--timeout must be a number/],
  ])("exit 2 for bad usage %j", async (args, message) => {
    const io = captureIo();
    expect(await run(args, io)).toBe(2);
    expect(io.out).toBe("");
    expect(io.err).toMatch(message);
    expect(io.err.trimEnd().split("\n")).toHaveLength(1);
  });
});
