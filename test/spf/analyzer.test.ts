import { analyzeSpf } from "../../src/spf/analyzer";
import type { SpfReport } from "../../src/spf/types";
import { createMemoryResolver, zoneFrom } from "../support/memory-resolver";
import { expectLinear } from "../support/linear-time";
import { createRoundResolver } from "../support/round-resolver";

const zone = zoneFrom({
  // A healthy tree: root -> two includes, one of which includes another.
  "good.example.com": ["TXT v=spf1 ip4:192.0.2.0/24 include:_spf.provider.example a:mail.good.example.com mx -all", "MX 10 mx.good.example.com"],
  "mail.good.example.com": ["A 198.51.100.10", "AAAA 2001:db8:10::1"],
  "mx.good.example.com": ["A 198.51.100.20"],
  "_spf.provider.example": ["TXT v=spf1 include:_net1.provider.example ip4:203.0.113.0/25 ~all"],
  "_net1.provider.example": ["TXT v=spf1 ip4:203.0.113.128/25 ip6:2001:db8:1::/48 ~all"],

  "heavy.example.com": [`TXT v=spf1 include:h1.example.net include:h2.example.net a mx -all`, "A 198.51.100.1", "MX 10 mx.good.example.com"],
  "h1.example.net": ["TXT v=spf1 a:x1.example.net a:x2.example.net a:x3.example.net a:x4.example.net a:x5.example.net ~all"],
  "h2.example.net": ["TXT v=spf1 include:h3.example.net ~all"],
  "h3.example.net": ["TXT v=spf1 a:x1.example.net a:x2.example.net ~all"],
  ...Object.fromEntries(["x1", "x2", "x3", "x4", "x5"].map((x) => [`${x}.example.net`, ["A 198.51.100.99"]])),

  "sloppy.example.com": ["TXT v=spf1 ptr ip4:10.0.0.0/8 ip4:10.1.2.0/24 ip4:192.0.2.1 ip4:192.0.2.1 a:gone1.example.com a:gone2.example.com mx:gone3.example.com +all"],
  "neutral.example.com": ["TXT v=spf1 ip4:192.0.2.1 ?all"],
  "noall.example.com": ["TXT v=spf1 ip4:192.0.2.1"],
  "both.example.com": ["TXT v=spf1 ip4:192.0.2.1 -all redirect=good.example.com"],
  "badinclude.example.com": ["TXT v=spf1 include:nospf.example.com include:nxdomain.example.com -all"],
  "nospf.example.com": ["TXT just some text"],
  "badredirect.example.com": ["TXT v=spf1 redirect=nowhere.example.com"],
  "loop-a.example.com": ["TXT v=spf1 include:loop-b.example.com -all"],
  "loop-b.example.com": ["TXT v=spf1 include:loop-a.example.com ~all"],
  "twice.example.com": ["TXT v=spf1 -all", "TXT v=spf1 ~all"],
  "broken.example.com": ["TXT v=spf1 ip4:192.0.2.300 -all"],
  "macro.example.com": ["TXT v=spf1 include:%{ir}.%{v}.rbl.example.com exists:%{i}.allow.example.com -all"],
  "mxheavy.example.com": ["TXT v=spf1 mx -all", ...Array.from({ length: 12 }, (_, i) => `MX ${i} mx.good.example.com`)],
  "timeout.example.com": ["TXT v=spf1 include:dead.example.com -all"],
  "dead.example.com": ["TIMEOUT"],
});
const resolver = createMemoryResolver(zone);
const analyze = (domain: string, extra: { ip?: string; sender?: string } = {}) => analyzeSpf({ domain, ...extra }, resolver);
const codes = (report: SpfReport) => report.problems.map((problem) => problem.code);

describe("analyzeSpf: the tree", () => {
  it("walks every include, counts lookups per branch and flattens the networks", async () => {
    const report = await analyze("good.example.com");
    expect(report.record).toBe("v=spf1 ip4:192.0.2.0/24 include:_spf.provider.example a:mail.good.example.com mx -all");
    expect(report.result).toBeNull();
    const tree = report.tree!;
    expect([tree.lookups, tree.totalLookups]).toEqual([3, 4]);
    expect(tree.children.map((child) => [child.domain, child.via, child.lookups, child.totalLookups])).toEqual([["_spf.provider.example", "include", 1, 1]]);
    expect(tree.children[0].children[0]).toMatchObject({ domain: "_net1.provider.example", lookups: 0, totalLookups: 0 });
    expect(report.lookups).toEqual({ total: 4, limit: 10, voidLookups: 0, voidLimit: 2 });
    expect(report.networks.ip4.sort()).toEqual(["192.0.2.0/24", "198.51.100.10/32", "198.51.100.20/32", "203.0.113.0/25", "203.0.113.128/25"]);
    expect(report.networks.ip6.sort()).toEqual(["2001:db8:10::1/128", "2001:db8:1::/48"]);
    expect(report.networks.addressCount4).toBe(256 + 2 + 256);
    expect(report.problems.filter((problem) => problem.severity !== "info")).toEqual([]);
  });

  it("adds check_host()'s verdict for an IP, with the deciding term", async () => {
    const report = await analyze("good.example.com", { ip: "203.0.113.200", sender: "news@good.example.com" });
    expect(report).toMatchObject({ ip: "203.0.113.200", sender: "news@good.example.com", result: "pass" });
    expect(report.decidedBy).toEqual({ domain: "good.example.com", record: report.record, term: "include:_spf.provider.example" });
    const fail = await analyze("good.example.com", { ip: "::ffff:198.51.100.77" });
    expect(fail).toMatchObject({ ip: "198.51.100.77", result: "fail" });
    expect(fail.explanation).toMatch(/does not designate 198.51.100.77/);
  });

  it("needs about (tree depth) round trips", async () => {
    const rounds = createRoundResolver(resolver);
    const { value, rounds: trips } = await rounds.run(() => analyzeSpf({ domain: "heavy.example.com" }, rounds));
    expect(value.lookups.total).toBe(12);
    // root TXT; includes, a and MX; h3 and the a: targets and MX exchanges; h3's a: targets.
    expect(trips).toBeLessThanOrEqual(4);
  });

  it("refuses an IP that is not one", async () => {
    await expect(analyze("good.example.com", { ip: "300.1.1.1" })).rejects.toThrow(/not an IP address/);
  });
});

describe("analyzeSpf: problems", () => {
  it("too many lookups, naming the costliest branches", async () => {
    const report = await analyze("heavy.example.com");
    const problem = report.problems.find((p) => p.code === "too-many-lookups")!;
    expect(problem).toMatchObject({ severity: "error", params: { total: 12, limit: 10 } });
    expect(problem.message).toContain("include:h1.example.net (6), include:h2.example.net (4)");
  });

  it("ptr, +all, void lookups, wide and duplicate networks", async () => {
    const report = await analyze("sloppy.example.com");
    expect(codes(report)).toEqual(expect.arrayContaining(["ptr", "plus-all", "void-lookups", "wide-network", "duplicate-network"]));
    expect(report.lookups.voidLookups).toBe(3);
    const duplicates = report.problems.filter((p) => p.code === "duplicate-network").map((p) => p.params?.network);
    expect(duplicates.sort()).toEqual(["10.1.2.0/24", "192.0.2.1/32"]);
    expect(report.problems.find((p) => p.code === "wide-network")?.params).toMatchObject({ network: "10.0.0.0/8", addresses: "16,777,216" });
    expect(report.networks.addressCount4).toBe(2 ** 24 + 1);
  });

  it.each([
    ["neutral.example.com", "neutral-all", "warning"],
    ["noall.example.com", "no-all", "warning"],
    ["both.example.com", "redirect-with-all", "warning"],
    ["badredirect.example.com", "redirect-without-spf", "error"],
    ["loop-a.example.com", "loop", "error"],
    ["twice.example.com", "several-records", "error"],
    ["broken.example.com", "syntax-error", "error"],
    ["nothing.example.com", "no-record", "error"],
    ["macro.example.com", "unresolved-macro", "info"],
    ["mxheavy.example.com", "too-many-mx", "error"],
    ["timeout.example.com", "dns-error", "warning"],
    ["localhost", "invalid-domain", "error"],
  ])("%s: %s", async (domain, code, severity) => {
    const report = await analyze(domain);
    const problem = report.problems.find((p) => p.code === code);
    expect(problem).toMatchObject({ code, severity });
    expect(problem!.message.length).toBeGreaterThan(20);
    expect(problem!.hint).toBeTruthy();
  });

  it("includes of domains without SPF, each named", async () => {
    const report = await analyze("badinclude.example.com");
    const found = report.problems.filter((p) => p.code === "include-without-spf").map((p) => p.params?.target);
    expect(found).toEqual(["nospf.example.com", "nxdomain.example.com"]);
    expect(report.tree!.children.map((child) => child.error)).toEqual(["no SPF record: no TXT record starts with v=spf1", "no SPF record: the domain does not exist"]);
  });

  it("the syntax error names the term and position", async () => {
    const report = await analyze("broken.example.com");
    expect(report.record).toBe("v=spf1 ip4:192.0.2.300 -all");
    expect(report.problems[0]).toMatchObject({ code: "syntax-error", term: "ip4:192.0.2.300", params: { position: 7 } });
  });

  it("macro targets are followed once the IP is known", async () => {
    const report = await analyze("macro.example.com", { ip: "192.0.2.3" });
    expect(report.tree!.children.map((child) => child.domain)).toEqual(["3.2.0.192.in-addr.rbl.example.com"]);
    expect(codes(report)).not.toContain("unresolved-macro");
  });

  it("sender and HELO macros are followed only when the sender and HELO are given", async () => {
    const memory = createMemoryResolver(zoneFrom({ "per-user.example.com": ["TXT v=spf1 include:%{l}._u.example.com a:%{h} -all"] }));
    const unknown = await analyzeSpf({ domain: "per-user.example.com" }, memory);
    expect(unknown.problems.filter((p) => p.code === "unresolved-macro").map((p) => p.term).sort()).toEqual(["a:%{h}", "include:%{l}._u.example.com"]);
    const known = await analyzeSpf({ domain: "per-user.example.com", sender: "bob@per-user.example.com", helo: "mx.example.org" }, memory);
    expect(known.tree!.children.map((child) => child.domain)).toEqual(["bob._u.example.com"]);
    expect(known.problems.map((p) => p.code)).not.toContain("unresolved-macro");
  });

  it("a loop is reported once per closing term and the walk ends", async () => {
    const report = await analyze("loop-a.example.com");
    expect(report.problems.filter((p) => p.code === "loop")).toHaveLength(1);
    expect(report.tree!.children[0].children[0]).toMatchObject({ domain: "loop-a.example.com", error: "loop" });
  });

  it("stops walking hostile trees: many records, many address terms", async () => {
    const chain: Record<string, string[]> = {};
    for (let i = 0; i < 80; i++) chain[`n${i}.example.com`] = [`TXT v=spf1 include:n${i + 1}.example.com -all`];
    const deep = await analyzeSpf({ domain: "n0.example.com" }, createMemoryResolver(zoneFrom(chain)));
    expect(deep.problems.find((p) => p.code === "tree-too-large")?.params).toMatchObject({ excess: "more than 50 records" });
    const many = Array.from({ length: 500 }, (_, i) => `a:h${i}.example.com`).join(" ");
    const memory = createMemoryResolver(zoneFrom({ "wide.example.com": [`TXT v=spf1 ${many} -all`] }));
    const wide = await analyzeSpf({ domain: "wide.example.com" }, memory);
    expect(wide.problems.find((p) => p.code === "tree-too-large")?.params).toMatchObject({ excess: "more than 50 host names to resolve" });
    // 100 terms checked for void lookups (A), the addresses of 50 of them (A shared, AAAA).
    expect(memory.queries.length).toBeLessThanOrEqual(1 + 100 + 50);
  });

  it("asks a bounded number of questions of 100 mx terms of 10 exchanges each", async () => {
    const spec: Record<string, string[]> = { "amp.example.com": [`TXT v=spf1 ${Array.from({ length: 100 }, (_, i) => `mx:m${i}.example.com`).join(" ")} -all`] };
    for (let i = 0; i < 100; i++) {
      spec[`m${i}.example.com`] = Array.from({ length: 10 }, (_, k) => `MX ${k} e${k}.m${i}.example.com`);
      for (let k = 0; k < 10; k++) spec[`e${k}.m${i}.example.com`] = [`A 198.51.100.${k + 1}`];
    }
    const memory = createMemoryResolver(zoneFrom(spec));
    const report = await analyzeSpf({ domain: "amp.example.com", ip: "192.0.2.1" }, memory);
    expect(report.problems.find((p) => p.code === "tree-too-large")?.params).toMatchObject({ excess: "more than 50 host names to resolve" });
    // The record, 100 MX lookups, the addresses of 50 exchanges, and check_host()'s own 10 terms of 10 names (RFC 7208 4.6.4).
    expect(memory.queries.length).toBeLessThanOrEqual(1 + 100 + 50 * 2 + 10 * 10);
  });

  it("takes at most 1,000 networks from a record and 5,000 from a tree", async () => {
    const networks = (k: number, n: number) => Array.from({ length: n }, (_, i) => `ip4:11.${k}.${i >> 8}.${i & 255}`).join(" ");
    const spec: Record<string, string[]> = { "flood.example.com": [`TXT v=spf1 ${Array.from({ length: 8 }, (_, k) => `include:n${k}.example.com`).join(" ")} -all`] };
    for (let k = 0; k < 8; k++) spec[`n${k}.example.com`] = [`TXT v=spf1 ${networks(k, 1500)} ~all`];
    const report = await analyzeSpf({ domain: "flood.example.com" }, createMemoryResolver(zoneFrom(spec)));
    expect(report.networks.ip4).toHaveLength(5000);
    expect(report.networks.ip4).toContain("11.0.3.231/32"); // the 1,000th of the first include
    expect(report.networks.ip4).not.toContain("11.0.3.232/32");
    expect(report.problems.find((p) => p.code === "tree-too-large")?.params).toMatchObject({ excess: "more than 1000 networks in one record" });
  });

  it("finds duplicate networks in sorted order, not by comparing every pair", async () => {
    // n networks in includes of 500, every one listed twice and inside a wider network listed at the root.
    const resolverFor = (n: number) => {
      const includes = n / 500;
      const spec: Record<string, string[]> = {
        "dup.example.com": [`TXT v=spf1 ip4:11.0.0.0/8 ${Array.from({ length: 2 * includes }, (_, k) => `include:n${k}.dup.example.com`).join(" ")} -all`],
      };
      for (let k = 0; k < 2 * includes; k++) {
        const first = (k % includes) * 500;
        spec[`n${k}.dup.example.com`] = [`TXT v=spf1 ${Array.from({ length: 500 }, (_, i) => `ip4:11.${(first + i) >> 8}.${(first + i) & 255}.0/24`).join(" ")} ~all`];
      }
      return createMemoryResolver(zoneFrom(spec));
    };
    const report = await analyzeSpf({ domain: "dup.example.com" }, resolverFor(2000));
    const duplicates = report.problems.filter((p) => p.code === "duplicate-network");
    expect(duplicates).toHaveLength(10);
    expect(duplicates[0].params).toMatchObject({ network: "11.0.0.0/24", first: 'dup.example.com "ip4:11.0.0.0/8"' });
    expect(report.networks.ip4).toHaveLength(2001);
    // 2,000 networks against 4,000 (under the tree's cap of 5,000): comparing every pair would take four times as long.
    // Runs this short are taken nine times each, the fastest counting, so a collection in one does not decide.
    await expectLinear((n) => {
      const resolver = resolverFor(n / 2);
      return () => analyzeSpf({ domain: "dup.example.com" }, resolver);
    }, 2000, { maxN: 2000, repeats: 9 });
  });

  it("counts addresses in private and reserved ranges found through a and mx, without listing them", async () => {
    const memory = createMemoryResolver(
      zoneFrom({
        "inside.example.com": ["TXT v=spf1 a:db.inside.example.com mx ip4:10.9.9.0/24 -all", "MX 10 mail.inside.example.com"],
        "db.inside.example.com": ["A 10.1.2.3", "AAAA fd00::5"],
        "mail.inside.example.com": ["A 192.168.7.7", "A 198.51.100.25", "AAAA ::ffff:127.0.0.1"],
      }),
    );
    const report = await analyzeSpf({ domain: "inside.example.com" }, memory);
    expect(report.networks.ip4).toEqual(["10.9.9.0/24", "198.51.100.25/32"]); // a literal range is the record's own text
    expect(report.networks.ip6).toEqual([]);
    expect(report.problems.filter((p) => p.code === "private-address").map((p) => p.params)).toEqual([
      { domain: "inside.example.com", term: "a:db.inside.example.com", host: "db.inside.example.com", count: 2 },
      { domain: "inside.example.com", term: "mx", host: "mail.inside.example.com", count: 2 },
    ]);
    expect(JSON.stringify(report)).not.toMatch(/10\.1\.2\.3|fd00|192\.168/);
  });
});
