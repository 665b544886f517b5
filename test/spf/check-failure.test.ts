/**
 * settle(): only check failures (DNS, nothing checkable, an abort, the deadline) become
 * { error }; a programming error propagates, so it is a 500 and not "could not be checked".
 */
import { runChecks } from "../../src/spf";
import { DnsLookupError, NotCheckableError, settle } from "../../src/spf/check-failure";
import type { Resolver } from "../../src/spf/types";

test.each<[string, Error]>([
  ["a DNS failure", new DnsLookupError("DNS error looking up _dmarc.example.com: SERVFAIL")],
  ["nothing to check", new NotCheckableError("no recipient domain to check")],
  ["an abort", new DOMException("the check was cancelled", "AbortError")],
])("%s is reported as { error }", async (_, failure) => {
  await expect(settle(async () => { throw failure; }, 1000, "SPF")).resolves.toEqual({ error: failure.message });
});

test("the deadline is reported as { error }", async () => {
  const never = () => new Promise<never>(() => undefined);
  await expect(settle(never, 20, "DMARC")).resolves.toEqual({ error: "the DMARC check took longer than 20 ms" });
});

test.each([
  ["a TypeError", new TypeError("Cannot read properties of undefined (reading 'records')")],
  ["a RangeError", new RangeError("Invalid array length")],
  ["a plain Error", new Error("unexpected state")],
])("%s propagates", async (_, bug) => {
  await expect(settle(async () => { throw bug; }, 1000, "SPF")).rejects.toBe(bug);
});

test("runChecks: a DNS error on DMARC is { error }, a resolver that breaks its contract is a rejection", async () => {
  const servfail: Resolver = { lookup: async () => ({ status: "error", message: "SERVFAIL" }) };
  const checks = await runChecks({ domain: "example.com" }, servfail);
  expect(checks.dmarc).toEqual({ error: expect.stringMatching(/DNS error looking up _dmarc\.example\.com: SERVFAIL/) });

  // Resolvers never throw (src/spf/types.ts): one that does is a bug, not a DNS failure.
  const broken: Resolver = { lookup: async () => { throw new TypeError("lookup is not a function"); } };
  await expect(runChecks({ domain: "example.com" }, broken)).rejects.toThrow(TypeError);
});
