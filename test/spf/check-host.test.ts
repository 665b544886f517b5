import { checkHost, defaultExplanation } from "../../src/spf/check-host";
import { createMemoryResolver, zoneFrom } from "../support/memory-resolver";
import { createRoundResolver } from "../support/round-resolver";
import { loadSpfSuite } from "../support/spf-suite";

const zone = zoneFrom({
  "example.com": ["TXT v=spf1 ip4:192.0.2.0/24 include:_spf.example.net a:mail.example.com -all exp=why.example.com", "A 198.51.100.1"],
  "_spf.example.net": ["TXT v=spf1 ip6:2001:db8::/32 ~all exp=never.example.net"],
  "mail.example.com": ["A 203.0.113.5"],
  "why.example.com": ["TXT %{i} is not one of %{d}'s senders (sender %{s}, local part %{l}, helo %{h})"],
  "never.example.net": ["TXT included records never explain"],
  "soft.example.com": ["TXT v=spf1 ~all"],
  "neutral.example.com": ["TXT v=spf1 ip4:10.0.0.1"],
  "redir.example.com": ["TXT v=spf1 ip4:10.0.0.1 redirect=example.com"],
  "helo.example.org": ["TXT v=spf1 -all exp=why.example.com"],
  "dead.example.com": ["TIMEOUT"],
  "timeout-include.example.com": ["TXT v=spf1 include:dead.example.com -all"],
  "two.example.com": ["TXT v=spf1 -all", "TXT v=spf1 +all"],
  "notspf.example.com": ["TXT google-site-verification=abc"],
});
const resolver = createMemoryResolver(zone);

describe("check_host() results", () => {
  it.each([
    ["192.0.2.77", "a@example.com", "pass", "ip4:192.0.2.0/24", "example.com"],
    ["203.0.113.5", "a@example.com", "pass", "a:mail.example.com", "example.com"],
    ["2001:db8::25", "a@example.com", "pass", "include:_spf.example.net", "example.com"],
    ["198.51.100.9", "a@example.com", "fail", "-all", "example.com"],
    ["198.51.100.9", "a@soft.example.com", "softfail", "~all", "soft.example.com"],
    ["10.0.0.1", "a@redir.example.com", "pass", "ip4:10.0.0.1", "redir.example.com"],
    ["198.51.100.9", "a@redir.example.com", "fail", "-all", "example.com"],
  ])("%s sending as %s: %s, decided by %s", async (ip, sender, result, term, domain) => {
    const outcome = await checkHost({ ip, sender, helo: "mx.example.org" }, resolver);
    expect(outcome.result).toBe(result);
    expect(outcome.decidedBy?.term).toBe(term);
    expect(outcome.decidedBy?.domain).toBe(domain);
  });

  it("falls back to neutral when nothing matches and there is no redirect", async () => {
    const outcome = await checkHost({ ip: "10.9.9.9", sender: "a@neutral.example.com" }, resolver);
    expect(outcome).toMatchObject({ result: "neutral", decidedBy: null });
    expect(outcome.reason).toMatch(/no mechanism of neutral.example.com matched/);
  });

  it("explains a fail with the exp= text of the deciding record, macros expanded", async () => {
    const outcome = await checkHost({ ip: "198.51.100.9", sender: "joe@example.com", helo: "mx.example.org" }, resolver);
    expect(outcome.explanation).toBe("198.51.100.9 is not one of example.com's senders (sender joe@example.com, local part joe, helo mx.example.org)");
  });

  it("cuts the explanation to 1,024 characters, however far its macros would expand (RFC 7208 6.2)", async () => {
    const bomb = createMemoryResolver(zoneFrom({ "bomb.example.com": ["TXT v=spf1 -all exp=exp.bomb.example.com"], "exp.bomb.example.com": [`TXT ${"%{s}".repeat(16_000)}`] }));
    const sender = `${"s".repeat(64)}@bomb.example.com`;
    const outcome = await checkHost({ ip: "198.51.100.9", domain: "bomb.example.com", sender }, bomb);
    expect(outcome.result).toBe("fail");
    expect(outcome.explanation).toHaveLength(1024);
    expect(outcome.explanation).toBe(sender.repeat(20).slice(0, 1024));
  });

  it("gives the default explanation when the record has no exp=", async () => {
    const outcome = await checkHost({ ip: "198.51.100.9", sender: "a@two-step.example.com" }, createMemoryResolver(zoneFrom({ "two-step.example.com": ["TXT v=spf1 -all"] })));
    expect(outcome.explanation).toBe(defaultExplanation("two-step.example.com", "198.51.100.9"));
    expect(outcome.explanation).toBe("two-step.example.com does not designate 198.51.100.9 as a permitted sender");
  });

  it("checks the HELO identity as postmaster@helo when the sender is empty", async () => {
    const outcome = await checkHost({ ip: "198.51.100.9", sender: "", helo: "helo.example.org" }, resolver);
    expect(outcome.result).toBe("fail");
    expect(outcome.explanation).toContain("sender postmaster@helo.example.org, local part postmaster");
  });

  it("returns none for malformed domains and domains without SPF", async () => {
    for (const sender of ["a@localhost", "a@[192.0.2.1]", "a@x..example.com", "a@notspf.example.com", "a@nowhere.example.com"]) {
      expect((await checkHost({ ip: "192.0.2.1", sender }, resolver)).result).toBe("none");
    }
  });

  it("says permerror for several records, with the reason", async () => {
    const outcome = await checkHost({ ip: "192.0.2.1", sender: "a@two.example.com" }, resolver);
    expect(outcome.result).toBe("permerror");
    expect(outcome.reason).toMatch(/publishes 2 SPF records/);
  });

  it("says temperror when a lookup times out, naming the include", async () => {
    const outcome = await checkHost({ ip: "192.0.2.1", sender: "a@timeout-include.example.com" }, resolver);
    expect(outcome.result).toBe("temperror");
    expect(outcome.reason).toMatch(/dead.example.com/);
    expect(outcome.decidedBy).toMatchObject({ domain: "timeout-include.example.com", term: "include:dead.example.com" });
  });

  it("names the term of a syntax error", async () => {
    const bad = createMemoryResolver(zoneFrom({ "bad.example.com": ["TXT v=spf1 ip4:192.0.2.1 a:foo -all"] }));
    const outcome = await checkHost({ ip: "192.0.2.1", sender: "a@bad.example.com" }, bad);
    expect(outcome.result).toBe("permerror");
    expect(outcome.decidedBy?.term).toBe("a:foo");
    expect(outcome.reason).toMatch(/term "a:foo" at position 21/);
  });

  it("refuses an input that is not an IP address", async () => {
    await expect(checkHost({ ip: "not-an-ip", sender: "a@example.com" }, resolver)).rejects.toThrow(/not an IP address/);
  });
});

describe("RFC 7208 4.6.4 limits", () => {
  const terms = (count: number, term: (i: number) => string) => Array.from({ length: count }, (_, i) => term(i)).join(" ");
  const limitZone = zoneFrom({
    "ten.example.com": [`TXT v=spf1 ${terms(10, () => "a")} ip4:192.0.2.1 -all`, "A 198.51.100.1"],
    "eleven.example.com": [`TXT v=spf1 ${terms(11, () => "a")} ip4:192.0.2.1 -all`, "A 198.51.100.1"],
    "two-void.example.com": ["TXT v=spf1 a:void1.example.com mx:void2.example.com ip4:192.0.2.1 -all"],
    "three-void.example.com": ["TXT v=spf1 a:void1.example.com mx:void2.example.com exists:void3.example.com ip4:192.0.2.1 -all"],
    "many-mx.example.com": ["TXT v=spf1 mx -all", ...Array.from({ length: 11 }, (_, i) => `MX ${i} mx${i}.example.com`)],
    "ten-mx.example.com": ["TXT v=spf1 mx -all", ...Array.from({ length: 10 }, (_, i) => `MX ${i} mx${i}.example.com`)],
    "mx9.example.com": ["A 192.0.2.9"],
    "ptr.example.com": ["TXT v=spf1 ptr -all"],
    "1.2.0.192.in-addr.arpa": Array.from({ length: 11 }, (_, i) => `PTR host${i}.ptr.example.com`),
    "host10.ptr.example.com": ["A 192.0.2.1"],
    "host9.ptr.example.com": ["A 192.0.2.2"],
    "2.2.0.192.in-addr.arpa": ["PTR host9.ptr.example.com"],
  });
  const limits = createMemoryResolver(limitZone);
  const check = (domain: string, ip = "192.0.2.1") => checkHost({ ip, sender: `a@${domain}` }, limits);

  it("allows 10 DNS-querying terms and refuses the 11th", async () => {
    expect((await check("ten.example.com")).result).toBe("pass");
    const over = await check("eleven.example.com");
    expect(over).toMatchObject({ result: "permerror", lookups: 11 });
    expect(over.reason).toMatch(/more than 10 DNS-querying terms/);
  });

  it("allows 2 void lookups and refuses the 3rd", async () => {
    expect(await check("two-void.example.com")).toMatchObject({ result: "pass", voidLookups: 2 });
    expect(await check("three-void.example.com")).toMatchObject({ result: "permerror", voidLookups: 3 });
  });

  it("refuses mx with more than 10 MX names, allows 10", async () => {
    expect((await check("many-mx.example.com", "192.0.2.9")).result).toBe("permerror");
    expect((await check("ten-mx.example.com", "192.0.2.9")).result).toBe("pass");
  });

  it("validates at most 10 PTR names", async () => {
    // host10 would validate 192.0.2.1 but is the 11th name; host9 validates 192.0.2.2.
    expect((await check("ptr.example.com", "192.0.2.1")).result).toBe("fail");
    expect((await check("ptr.example.com", "192.0.2.2")).result).toBe("pass");
  });
});

describe("concurrent fetching", () => {
  /** Root with 4 includes, each with 2 includes (depth 3 of TXT), plus a and mx. */
  const treeZone = zoneFrom({
    "tree.example.com": ["TXT v=spf1 a mx include:b0.example.com include:b1.example.com include:b2.example.com -all", "A 198.51.100.1", "MX 10 mx.tree.example.com"],
    "mx.tree.example.com": ["A 198.51.100.2"],
    "b0.example.com": ["TXT v=spf1 include:c0.example.com include:c1.example.com ~all"],
    "b1.example.com": ["TXT v=spf1 include:c2.example.com ~all"],
    "b2.example.com": ["TXT v=spf1 ip4:203.0.113.0/24 ~all"],
    "c0.example.com": ["TXT v=spf1 ip4:203.0.113.10 ~all"],
    "c1.example.com": ["TXT v=spf1 ip4:203.0.113.11 ~all"],
    "c2.example.com": ["TXT v=spf1 ip4:203.0.113.12 ~all"],
  });

  it("needs about (tree depth) round trips, not one per lookup", async () => {
    const rounds = createRoundResolver(createMemoryResolver(treeZone));
    const parallel = await rounds.run(() => checkHost({ ip: "192.0.2.99", sender: "a@tree.example.com" }, rounds));
    const serial = await rounds.run(() => checkHost({ ip: "192.0.2.99", sender: "a@tree.example.com" }, rounds, { prefetch: false }));
    expect(parallel.value.result).toBe("fail");
    expect(serial.value.result).toBe("fail");
    // root TXT, then (A, MX, b*) together, then (mx A, c*): three dependent steps.
    expect(parallel.rounds).toBe(3);
    expect(serial.rounds).toBe(parallel.queries);
    expect(serial.rounds).toBeGreaterThanOrEqual(10);
  });

  it("never prefetches more terms than the lookup limit allows", async () => {
    const includes = Array.from({ length: 15 }, (_, i) => `include:i${i}.example.com`).join(" ");
    const spec: Record<string, string[]> = { "wide.example.com": [`TXT v=spf1 ${includes} -all`] };
    for (let i = 0; i < 15; i++) spec[`i${i}.example.com`] = ["TXT v=spf1 -all"];
    const memory = createMemoryResolver(zoneFrom(spec));
    const outcome = await checkHost({ ip: "192.0.2.1", sender: "a@wide.example.com" }, memory);
    expect(outcome.result).toBe("permerror");
    const includeQueries = memory.queries.filter((query) => /^TXT i\d+\.example\.com$/.test(query));
    expect(includeQueries).toHaveLength(10);
  });

  it("gives the same result with and without prefetching on every RFC 7208 suite case", async () => {
    for (const scenario of loadSpfSuite("rfc7208-tests.yml")) {
      for (const test of scenario.cases) {
        const input = { ip: test.host, sender: test.mailfrom, helo: test.helo };
        const withPrefetch = await checkHost(input, createMemoryResolver(scenario.zone));
        const without = await checkHost(input, createMemoryResolver(scenario.zone), { prefetch: false });
        expect([test.name, withPrefetch.result, withPrefetch.explanation]).toEqual([test.name, without.result, without.explanation]);
      }
    }
  });
});
