import { checkDmarc, parseDmarcRecord } from "../../src/spf/dmarc";
import { createMemoryResolver, zoneFrom } from "../support/memory-resolver";

const zone = zoneFrom({
  "_dmarc.strict.example.com": ["TXT v=DMARC1; p=reject; sp=quarantine; adkim=s; aspf=s; rua=mailto:agg@strict.example.com,mailto:copy@report.example.net!10m; ruf=mailto:forensic@strict.example.com; fo=1"],
  "_dmarc.example.co.uk": ["TXT v=DMARC1; p=quarantine; sp=reject; rua=mailto:d@example.co.uk"],
  "_dmarc.monitor.example.org": ["TXT v=DMARC1; p=none; pct=20"],
  "_dmarc.twice.example.org": ["TXT v=DMARC1; p=none", "TXT v=DMARC1; p=reject"],
  "_dmarc.messy.example.org": ["TXT v=DMARC1; p=block; pct=150; adkim=x; rua=dmarc@messy.example.org; colour=blue; p=none"],
  "_dmarc.other.example.org": ["TXT some unrelated text"],
  "_dmarc.slow.example.org": ["TIMEOUT"],
});
const resolver = createMemoryResolver(zone);

describe("checkDmarc", () => {
  it("parses the domain's own record", async () => {
    const report = await checkDmarc("Strict.Example.com.", resolver);
    expect(report).toMatchObject({ domain: "strict.example.com", orgDomain: "example.com", recordDomain: "_dmarc.strict.example.com" });
    expect(report.policy).toEqual({
      p: "reject",
      sp: "quarantine",
      pct: 100,
      adkim: "s",
      aspf: "s",
      rua: ["mailto:agg@strict.example.com", "mailto:copy@report.example.net!10m"],
      ruf: ["mailto:forensic@strict.example.com"],
    });
    expect(report.problems).toEqual([]);
  });

  it("falls back to the organizational domain from the public suffix list", async () => {
    const report = await checkDmarc("mail.shop.example.co.uk", resolver);
    expect(report).toMatchObject({ orgDomain: "example.co.uk", recordDomain: "_dmarc.example.co.uk" });
    expect(report.policy?.sp).toBe("reject");
    expect(report.problems.find((p) => p.code === "org-domain-record")?.params).toMatchObject({ orgDomain: "example.co.uk", policy: "reject" });
  });

  it("reports a missing record", async () => {
    for (const domain of ["none.example.net", "other.example.org"]) {
      const report = await checkDmarc(domain, resolver);
      expect(report).toMatchObject({ recordDomain: null, record: null, policy: null });
      expect(report.problems.map((p) => [p.code, p.severity])).toEqual([["no-record", "warning"]]);
    }
  });

  it("reports p=none, pct below 100 and the missing rua", async () => {
    const report = await checkDmarc("monitor.example.org", resolver);
    expect(report.policy).toMatchObject({ p: "none", pct: 20, rua: [] });
    expect(report.problems.map((p) => p.code)).toEqual(["policy-none", "pct-below-100", "no-rua"]);
  });

  it("reports several records, and then applies none", async () => {
    const report = await checkDmarc("twice.example.org", resolver);
    expect(report.policy).toBeNull();
    expect(report.problems.map((p) => [p.code, p.severity])).toEqual([["several-records", "error"]]);
  });

  it("reports invalid, duplicate and unknown tags", async () => {
    const report = await checkDmarc("messy.example.org", resolver);
    const invalid = report.problems.filter((p) => p.code === "invalid-tag").map((p) => p.params?.tag);
    expect(invalid).toEqual(["p", "pct", "adkim", "rua"]);
    expect(report.problems.map((p) => p.code)).toEqual(expect.arrayContaining(["duplicate-tag", "unknown-tag", "no-policy"]));
    expect(report.policy).toMatchObject({ p: null, pct: 100, adkim: "r", rua: [] });
  });

  it("throws on a DNS failure (runChecks turns it into an error)", async () => {
    await expect(checkDmarc("slow.example.org", resolver)).rejects.toThrow(/_dmarc.slow.example.org/);
  });

  it("refuses names that are not domains", async () => {
    const report = await checkDmarc("localhost", resolver);
    expect(report.problems[0].code).toBe("invalid-domain");
  });
});

describe("parseDmarcRecord", () => {
  it("accepts spacing and case variations", () => {
    const { policy, problems } = parseDmarcRecord("v=DMARC1 ;  P = Reject ; ASPF=S;", "example.com");
    expect(policy).toMatchObject({ p: "reject", aspf: "s" });
    expect(problems.map((p) => p.code)).toEqual(["no-rua"]);
  });

  it("treats a missing p= as an error", () => {
    const { problems } = parseDmarcRecord("v=DMARC1; rua=mailto:a@example.com", "example.com");
    expect(problems[0]).toMatchObject({ code: "no-policy", severity: "error" });
    expect(problems[0].message).toMatch(/treat it as p=none/);
  });
});
