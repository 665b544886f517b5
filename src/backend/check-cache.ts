/**
 * Remembers finished checks for a short time, and lets identical checks in flight
 * share one run. Popular domains (the big mailbox providers) are checked again and
 * again; their answers only change when DNS does, which the resolver cache already
 * delays by the records' TTLs. Checks that hit DNS failures are never remembered.
 */
import type { CheckReport, LiveCheckRequest } from "../checks/types";
import { CHECK_FIELDS, type CheckInput } from "../spf/check-input";

const MAX_ENTRIES = 5000;

function settled(checks: CheckReport): boolean {
  if ("error" in checks.spf || "error" in checks.dmarc) return false;
  const live = checks.live;
  if (live && [live.recipientDomain, live.dnsbl, live.reverseDns, live.tlsPolicy].some((outcome) => outcome && "error" in outcome)) return false;
  return checks.spf.result !== "temperror";
}

export function cachedChecks(
  run: (input: CheckInput, live?: LiveCheckRequest | null) => Promise<CheckReport>,
  ttlSeconds: number,
  now: () => number = Date.now,
): (input: CheckInput, live?: LiveCheckRequest | null) => Promise<CheckReport> {
  if (ttlSeconds <= 0) return run;
  const done = new Map<string, { expiresAt: number; checks: CheckReport }>();
  const running = new Map<string, Promise<CheckReport>>();

  return async (input, live = null) => {
    // The live request is part of the key too: the same sender with other checks is another question.
    // Every field of the contract is part of the key, so a field added to it can never be ignored here.
    const key = JSON.stringify([CHECK_FIELDS.map((field) => input[field] ?? null), live]);
    const hit = done.get(key);
    if (hit && hit.expiresAt > now()) return hit.checks;
    if (hit) done.delete(key);
    const pending = running.get(key);
    if (pending) return pending;
    const work = run(input, live).then((checks) => {
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
