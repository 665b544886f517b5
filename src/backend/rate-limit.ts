/**
 * Per-client token buckets: `burst` requests at once, refilled at
 * `requestsPerMinute`. The table of clients is bounded, so a flood of distinct
 * addresses cannot grow memory without limit (the stalest buckets go first).
 */
import type { RateLimitConfig } from "./config";

type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  take: (client: string, nowMs: number) => RateDecision;
}

const MAX_TRACKED_CLIENTS = 50_000;

export function createRateLimiter(config: RateLimitConfig, maxClients = MAX_TRACKED_CLIENTS): RateLimiter {
  const perMs = config.requestsPerMinute / 60_000;
  const buckets = new Map<string, { tokens: number; updatedAt: number }>();

  return {
    take(client, nowMs) {
      const previous = buckets.get(client);
      const tokens = previous
        ? Math.min(config.burst, previous.tokens + (nowMs - previous.updatedAt) * perMs)
        : config.burst;
      buckets.delete(client); // re-inserted below: Map order tracks recency
      if (tokens < 1) {
        buckets.set(client, { tokens, updatedAt: nowMs });
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
      }
      buckets.set(client, { tokens: tokens - 1, updatedAt: nowMs });
      while (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string);
      return { allowed: true };
    },
  };
}
