/**
 * Wires the pure handler to the real parts: the configured DNS resolver (bounded by
 * a semaphore shared by all checks), the SPF/DMARC engine behind a short-lived
 * result cache, and the rate limiter.
 */
import { createResolver } from "../dns/resolver";
import { runChecks } from "../spf/index";
import type { Resolver } from "../spf/types";
import { cachedChecks } from "./check-cache";
import type { BackendConfig } from "./config";
import { handleCheck, type BackendRequest, type BackendResponse, type RequestLogEntry } from "./handler";
import { createRateLimiter } from "./rate-limit";
import { Semaphore } from "./semaphore";

export interface Backend {
  handle(request: BackendRequest): Promise<BackendResponse>;
}

/** A resolver whose lookups wait for a slot, so no burst of checks can flood the DNS servers. */
export function boundedResolver(resolver: Resolver, semaphore: Semaphore): Resolver {
  return { lookup: (name, type) => semaphore.use(() => resolver.lookup(name, type)) };
}

export function createBackend(config: BackendConfig, options: { log?: (entry: RequestLogEntry) => void } = {}): Backend {
  const resolver = boundedResolver(
    createResolver({ servers: config.dnsServers, timeoutMs: config.dnsTimeoutMs, retries: config.dnsRetries }),
    new Semaphore(config.maxConcurrentDns),
  );
  const deps = {
    allowedOrigins: config.allowedOrigins,
    maxBodyBytes: config.maxBodyBytes,
    checkBudgetMs: config.checkBudgetMs,
    rateLimiter: createRateLimiter(config.rateLimit),
    runChecks: cachedChecks((input) => runChecks(input, resolver), config.checkCacheSeconds),
    log: options.log,
  };
  return { handle: (request) => handleCheck(request, deps) };
}
