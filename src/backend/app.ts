/**
 * Wires the pure handler to the real parts: the configured DNS resolver (its queries
 * bounded by a semaphore shared by all checks), the SPF/DMARC engine behind a short-lived
 * result cache, the live checks (with the MTA-STS policy fetcher) beside it, and the rate limiter.
 */
import { runLiveChecks } from "../checks/index";
import type { CheckReport, LiveCheckRequest, PolicyFetcher } from "../checks/types";
import { createResolver } from "../dns/resolver";
import { createPolicyFetcher } from "../fetch/mta-sts-fetcher";
import { runChecks } from "../spf/index";
import type { CheckInput } from "../spf/check-input";
import type { Resolver } from "../spf/types";
import { cachedChecks } from "./check-cache";
import type { BackendConfig } from "./config";
import { handleCheck, type BackendRequest, type BackendResponse, type RequestLogEntry } from "./handler";
import { createRateLimiter } from "./rate-limit";
import { Semaphore } from "./semaphore";

export interface Backend {
  handle(request: BackendRequest): Promise<BackendResponse>;
}

/**
 * The configured DNS resolver. Its questions to the servers wait for a slot, so no
 * burst of checks can flood them; answers from its cache need no slot.
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

/** Leaves the live checks this much of the budget, so a slow one reports itself rather than failing the whole request. */
const LIVE_MARGIN_MS = 250;

/** SPF/DMARC and the live checks, all at once, on one resolver (so one budget and one DNS semaphore cover them). */
export function checkRunner(
  resolver: Resolver,
  config: Pick<BackendConfig, "checkBudgetMs" | "dnsblZones" | "spamhausDqsKey">,
  fetcher: PolicyFetcher,
): (input: CheckInput, live?: LiveCheckRequest | null) => Promise<CheckReport> {
  const timeoutMs = Math.max(100, config.checkBudgetMs - LIVE_MARGIN_MS);
  return async (input, live) => {
    const [checks, liveChecks] = await Promise.all([
      runChecks(input, resolver),
      live ? runLiveChecks(live, resolver, { zones: config.dnsblZones, spamhausDqsKey: config.spamhausDqsKey, fetcher, timeoutMs }) : null,
    ]);
    return liveChecks ? { ...checks, live: liveChecks } : checks;
  };
}

export interface BackendOptions {
  log?: (entry: RequestLogEntry) => void;
  /** The MTA-STS policy fetcher (default: HTTPS to mta-sts.<domain>:443); tests give one that trusts their CA. */
  fetcher?: PolicyFetcher;
}

export function createBackend(config: BackendConfig, options: BackendOptions = {}): Backend {
  const resolver = backendResolver(config);
  const fetcher = options.fetcher ?? createPolicyFetcher({ resolver });
  const deps = {
    allowedOrigins: config.allowedOrigins,
    maxBodyBytes: config.maxBodyBytes,
    checkBudgetMs: config.checkBudgetMs,
    rateLimiter: createRateLimiter(config.rateLimit),
    runChecks: cachedChecks(checkRunner(resolver, config, fetcher), config.checkCacheSeconds),
    log: options.log,
  };
  return { handle: (request) => handleCheck(request, deps) };
}
