/**
 * Our check_host() against pyspf (Debian python3-spf) on random zones from a seed,
 * both asking the loopback DNS server (scripts/spf-differential.ts): every case agrees,
 * or our report warns about the disagreement as a strict-receiver risk and its strict
 * reading gives pyspf's answer. Skipped, with one line saying so, without pyspf.
 */
import { pyspfAvailable, runDifferential } from "../../scripts/spf-differential";

const available = pyspfAvailable();
if (!available) console.log("pyspf differential skipped: /usr/bin/python3 with python3-spf and python3-dnspython is not installed");

(available ? test : test.skip)("60 random zones (seed 7208): every disagreement with pyspf is warned about", async () => {
  const { summary } = await runDifferential(7208, 60);
  expect(summary.unwarned).toEqual([]);
  expect(summary.agree + summary.disagree).toBe(60);
  // The zones are drawn to exercise both strict readings: a run without disagreements proves nothing.
  expect(summary.byWarning["strict-self-include"]).toBeGreaterThan(0);
  expect(summary.byWarning["strict-void-per-query"]).toBeGreaterThan(0);
}, 60_000);
