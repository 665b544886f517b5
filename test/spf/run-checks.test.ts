import { CHECKS_SCHEMA, runChecks } from "../../src/spf/index";
import type { Resolver } from "../../src/spf/types";
import { createMemoryResolver, zoneFrom } from "../support/memory-resolver";
import { createRoundResolver } from "../support/round-resolver";

const zone = zoneFrom({
  "example.com": ["TXT v=spf1 include:_spf.example.com -all"],
  "_spf.example.com": ["TXT v=spf1 ip4:192.0.2.0/24 -all"],
  "_dmarc.example.com": ["TXT v=DMARC1; p=reject; rua=mailto:d@example.com"],
  "_dmarc.broken.example.com": ["TIMEOUT"],
  "broken.example.com": ["TXT v=spf1 -all"],
});

describe("runChecks", () => {
  it("returns the SPF report with the verdict and the DMARC report", async () => {
    const checks = await runChecks({ domain: "example.com", ip: "192.0.2.7", sender: "a@example.com" }, createMemoryResolver(zone));
    expect(checks.schema).toBe(CHECKS_SCHEMA);
    if ("error" in checks.spf || "error" in checks.dmarc) throw new Error("unexpected error");
    expect(checks.spf.result).toBe("pass");
    expect(checks.dmarc.policy?.p).toBe("reject");
  });

  it("runs SPF and DMARC concurrently", async () => {
    const rounds = createRoundResolver(createMemoryResolver(zone));
    const { rounds: trips } = await rounds.run(() => runChecks({ domain: "example.com", ip: "192.0.2.7" }, rounds));
    // SPF: root TXT then the include (fetched by the walk and check_host alike); DMARC alongside.
    expect(trips).toBe(2);
  });

  it("turns a failed check into { error } and keeps the other", async () => {
    const checks = await runChecks({ domain: "broken.example.com", ip: "192.0.2.7" }, createMemoryResolver(zone));
    expect(checks.dmarc).toEqual({ error: expect.stringMatching(/_dmarc.broken.example.com/) });
    expect("error" in checks.spf ? null : checks.spf.result).toBe("fail");
    const badIp = await runChecks({ domain: "example.com", ip: "not-an-ip" }, createMemoryResolver(zone));
    expect(badIp.spf).toEqual({ error: '"not-an-ip" is not an IP address' });
  });

  it("gives up after the deadline instead of hanging", async () => {
    const silent: Resolver = { lookup: () => new Promise(() => undefined) };
    const checks = await runChecks({ domain: "example.com" }, silent, { timeoutMs: 50 });
    expect(checks.spf).toEqual({ error: "the SPF check took longer than 50 ms" });
    expect(checks.dmarc).toEqual({ error: "the DMARC check took longer than 50 ms" });
  });
});
