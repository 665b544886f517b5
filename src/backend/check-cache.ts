/**
 * Remembers finished checks for a short time, and lets identical checks in flight
 * share one run. Popular domains (the big mailbox providers) are checked again and
 * again; their answers only change when DNS does, which the resolver cache already
 * delays by the records' TTLs. Checks that hit DNS failures are never remembered.
 *
 * Memory is bounded in bytes (each answer measured as the JSON it is sent as), expired
 * entries are swept out, and a run in flight is shared only by requests of the same
 * client, so no client's request is tied to another client's budget or cancellation.
 */
import type { CheckReport, LiveCheckRequest } from "../checks/types";
import { CHECK_FIELDS, type CheckInput } from "../spf/check-input";

export interface CheckContext {
  /** Who asked (the rate-limit key). */
  client: string;
  /** Aborts when the request is given up. */
  signal?: AbortSignal;
}

/** Runs SPF/DMARC for input, and the live checks when `live` names any. */
export type RunChecks = (input: CheckInput, context: CheckContext, live?: LiveCheckRequest | null) => Promise<CheckReport>;

export interface CheckCacheOptions {
  /** Bytes of remembered answers at most (default 16 MiB). */
  maxBytes?: number;
  now?: () => number;
}

const MAX_ENTRIES = 5000;
const DEFAULT_MAX_BYTES = 16 * 2 ** 20;
/** Expired entries are swept out at most this often (a sweep visits every entry). */
const SWEEP_INTERVAL_MS = 10_000;

interface Entry {
  expiresAt: number;
  checks: CheckReport;
  bytes: number;
}

function settled(checks: CheckReport): boolean {
  if ("error" in checks.spf || "error" in checks.dmarc) return false;
  // A live check that could not run, or met DNS trouble, is asked again next time.
  const live = checks.live;
  if (live && [live.recipientDomain, live.dnsbl, live.reverseDns, live.tlsPolicy].some((outcome) => outcome && "error" in outcome)) return false;
  return checks.spf.result !== "temperror";
}

export function cachedChecks(run: RunChecks, ttlSeconds: number, options: CheckCacheOptions = {}): RunChecks {
  if (ttlSeconds <= 0) return run;
  const now = options.now ?? Date.now;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const done = new Map<string, Entry>();
  const running = new Map<string, Promise<CheckReport>>();
  let bytes = 0;
  let sweptAt = now();

  const forget = (key: string, entry: Entry) => {
    done.delete(key);
    bytes -= entry.bytes;
  };

  const remember = (key: string, checks: CheckReport) => {
    const at = now();
    if (at - sweptAt >= SWEEP_INTERVAL_MS) {
      sweptAt = at;
      for (const [old, entry] of done) if (entry.expiresAt <= at) forget(old, entry);
    }
    // UTF-16 in memory: about twice the JSON's length.
    const size = 2 * (key.length + JSON.stringify(checks).length);
    if (size > maxBytes / 64) return; // an outsized answer is not worth a large share of the cache
    const previous = done.get(key);
    if (previous) forget(key, previous);
    done.set(key, { expiresAt: at + ttlSeconds * 1000, checks, bytes: size });
    bytes += size;
    while (done.size > MAX_ENTRIES || bytes > maxBytes) {
      const [oldestKey, oldest] = done.entries().next().value as [string, Entry];
      forget(oldestKey, oldest);
    }
  };

  return async (input, context, live = null) => {
    // Every field of the contract is part of the key, so a field added to it can never be ignored here.
    // The live request is part of the key too: the same sender with other checks is another question.
    const key = JSON.stringify([CHECK_FIELDS.map((field) => input[field] ?? null), live]);
    const hit = done.get(key);
    if (hit && hit.expiresAt > now()) return hit.checks;
    if (hit) forget(key, hit);
    const runKey = `${context.client}\n${key}`;
    const pending = running.get(runKey);
    if (pending) return pending;
    const work = run(input, context, live).then((checks) => {
      if (settled(checks)) remember(key, checks);
      return checks;
    });
    running.set(runKey, work);
    try {
      return await work;
    } finally {
      running.delete(runKey);
    }
  };
}
