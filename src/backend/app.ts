/**
 * Wires the pure handler to the real parts: the configured DNS resolver (its queries
 * bounded by a semaphore shared by all checks), the SPF/DMARC engine behind a short-lived
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
  handle: (request: BackendRequest) => Promise<BackendResponse>;
}

/**
 * The configured DNS resolver. Its questions to the servers wait for a slot, so no
 * burst of checks can flood them; answers from its cache need no slot.
 * @internal exported for its test
 */
export function backendResolver(config: Pick<BackendConfig, "dnsServers" | "dnsTimeoutMs" | "dnsRetries" | "maxConcurrentDns">): Resolver {
  const slots = new Semaphore(config.maxConcurrentDns);
  return createResolver({
    servers: config.dnsServers,
    timeoutMs: config.dnsTimeoutMs,
    retries: config.dnsRetries,
    throttle: (question) => slots.use(question),
  });
}

export function createBackend(config: BackendConfig, options: { log?: (entry: RequestLogEntry) => void } = {}): Backend {
  const resolver = backendResolver(config);
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
