/**
 * Remembers finished checks for a short time, and lets identical checks in flight
 * share one run. Popular domains (the big mailbox providers) are checked again and
 * again; their answers only change when DNS does, which the resolver cache already
 * delays by the records' TTLs. Checks that hit DNS failures are never remembered.
 */
import type { Checks } from "../spf/types";
import { CHECK_FIELDS, type CheckInput } from "../spf/check-input";

const MAX_ENTRIES = 5000;

function settled(checks: Checks): boolean {
  if ("error" in checks.spf || "error" in checks.dmarc) return false;
  return checks.spf.result !== "temperror";
}

export function cachedChecks(
  run: (input: CheckInput) => Promise<Checks>,
  ttlSeconds: number,
  now: () => number = Date.now,
): (input: CheckInput) => Promise<Checks> {
  if (ttlSeconds <= 0) return run;
  const done = new Map<string, { expiresAt: number; checks: Checks }>();
  const running = new Map<string, Promise<Checks>>();

  return async (input) => {
    // Every field of the contract is part of the key, so a field added to it can never be ignored here.
    const key = JSON.stringify(CHECK_FIELDS.map((field) => input[field] ?? null));
    const hit = done.get(key);
    if (hit && hit.expiresAt > now()) return hit.checks;
    if (hit) done.delete(key);
    const pending = running.get(key);
    if (pending) return pending;
    const work = run(input).then((checks) => {
      if (settled(checks)) {
        done.set(key, { expiresAt: now() + ttlSeconds * 1000, checks });
        while (done.size > MAX_ENTRIES) done.delete(done.keys().next().value as string);
      }
      return checks;
    });
    running.set(key, work);
    try {
      return await work;
    } finally {
      running.delete(key);
    }
  };
}
