import { run } from "../../src/cli/commands/check";
import { captureIo } from "../support/cli-io";
import { startDnsServer, type DnsServer } from "../support/dns-server";
import { LISTED_IP, REFUSED_IP, liveZone } from "../support/live-zone";


describe("bounce-doctor check against a loopback DNS server", () => {
  let dns: DnsServer;
  let dnsArg: string[];
  beforeAll(async () => {
    dns = await startDnsServer(liveZone());
    dnsArg = ["--dns", `127.0.0.1:${dns.port}`, "--timeout", "2"];
  });
  afterAll(() => dns.close());

  test("--ip: blocklists with the lists' meanings and the delisting page, then reverse DNS", async () => {
    const io = captureIo();
    expect(await run(["--ip", LISTED_IP, ...dnsArg], io)).toBe(0);
    expect(io.out).toMatch(/Spamhaus ZEN +listed \(XBL, PBL\) \[127\.0\.0\.4, 127\.0\.0\.10\]/);
    expect(io.out).toContain("look up and delist: https://check.spamhaus.org/");
    expect(io.out).toContain("reason: https://www.spamhaus.org/query/ip/203.0.113.7 [31m");
    expect(io.out).toContain("Reverse DNS for 203.0.113.7: confirmed");
  });

  test("a refused query and a non-confirming generic PTR", async () => {
    const io = captureIo();
    expect(await run(["--ip", REFUSED_IP, "--only", "dnsbl,reverse-dns", ...dnsArg], io)).toBe(0);
    expect(io.out).toMatch(/Spamhaus ZEN +refused \[127\.255\.255\.254\]/);
    expect(io.out).toContain("Reverse DNS for 203.0.113.8: not-confirming (generic-looking name)");
  });

  test("--recipient with --json: a typo domain and its suggestion", async () => {
    const io = captureIo();
    expect(await run(["--recipient", "gmial.com", "--only", "recipient-domain", "--json", ...dnsArg], io)).toBe(0);
    expect(JSON.parse(io.out).recipientDomain).toMatchObject({ domain: "gmial.com", status: "not-found", suggestion: "gmail.com" });
  });

  test("every check failing on DNS trouble exits 1", async () => {
    const io = captureIo();
    expect(await run(["--recipient", "broken.example", "--only", "recipient-domain", ...dnsArg], io)).toBe(1);
    expect(io.out).toContain("Recipient domain broken.example: error");
  });

  test("bad usage: no target, a zone that is no DNS name, an unknown check", async () => {
    for (const [args, message] of [
      [[], /give --recipient DOMAIN, --ip IP, or both/],
      [["--ip", LISTED_IP, "--zone", "zen.spamhaus.org;x"], /--zone holds a name that is not a DNS zone name/],
      [["--ip", LISTED_IP, "--only", "whois"], /--only has an unknown check "whois"/],
      [["--ip", "300.1.1.1"], /--ip is not an IPv4/],
    ] as const) {
      const io = captureIo();
      expect(await run([...args], io)).toBe(2);
      expect(io.err).toMatch(message);
    }
  });
});
