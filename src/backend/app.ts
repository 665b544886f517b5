/**
 * Wires the pure handler to the real parts: the configured DNS resolver (its questions
 * bounded by slots shared fairly between clients), a budget of DNS work per check that
 * every check's resolver goes through, the SPF/DMARC engine behind a short-lived result
 * cache, and the rate limiter.
 */
import { createResolver, type ContextResolver } from "../dns/resolver";
import { runChecks } from "../spf/index";
import type { Resolver } from "../spf/types";
import { budgetedResolver, type CheckBudget } from "./check-budget";
import { cachedChecks, type CheckContext } from "./check-cache";
import type { BackendConfig } from "./config";
import { FairSlots } from "./fair-slots";
import { handleCheck, type BackendRequest, type BackendResponse, type RequestLogEntry } from "./handler";
import { createRateLimiter } from "./rate-limit";

export interface Backend {
  handle(request: BackendRequest): Promise<BackendResponse>;
}

type ResolverConfig = Pick<BackendConfig, "dnsServers" | "dnsTimeoutMs" | "dnsRetries" | "maxConcurrentDns"> & Partial<Pick<BackendConfig, "maxDnsPerClient" | "dnsCacheBytes">>;

/**
 * The configured DNS resolver. Its questions to the servers wait for a slot, at most
 * maxDnsPerClient of them per client, so no burst of checks can flood the servers or
 * starve other clients; answers from its cache need no slot.
 */
export function backendResolver(config: ResolverConfig): ContextResolver {
  const slots = new FairSlots(config.maxConcurrentDns, config.maxDnsPerClient ?? config.maxConcurrentDns);
  return createResolver({
    servers: config.dnsServers,
    timeoutMs: config.dnsTimeoutMs,
    retries: config.dnsRetries,
    maxCacheBytes: config.dnsCacheBytes,
    throttle: (question, context) => slots.use(context.client ?? "", question, context.signal),
  });
}

/**
 * Runs `check` with a resolver held to `budget`: over budget, the check's DNS work is
 * cancelled and the promise rejects with OverBudgetError (the handler answers 504).
 * Every check the backend runs (SPF and DMARC, and any other check given a Resolver)
 * goes through here.
 */
export function withCheckBudget<I, O>(
  check: (input: I, resolver: Resolver) => Promise<O>,
  dns: ContextResolver,
  budget: CheckBudget,
): (input: I, context: CheckContext) => Promise<O> {
  return async (input, context) => {
    const budgeted = budgetedResolver(dns, budget, context.client, context.signal);
    try {
      return await Promise.race([check(input, budgeted.resolver), budgeted.exceeded]);
    } finally {
      budgeted.cancel();
    }
  };
}

export function createBackend(config: BackendConfig, options: { log?: (entry: RequestLogEntry) => void } = {}): Backend {
  const dns = backendResolver(config);
  const budget = { maxQuestions: config.maxDnsPerCheck, maxAnswerBytes: config.maxAnswerBytesPerCheck };
  const deps = {
    allowedOrigins: config.allowedOrigins,
    maxBodyBytes: config.maxBodyBytes,
    checkBudgetMs: config.checkBudgetMs,
    rateLimiter: createRateLimiter(config.rateLimit),
    runChecks: cachedChecks(withCheckBudget(runChecks, dns, budget), config.checkCacheSeconds, { maxBytes: config.checkCacheBytes }),
    log: options.log,
  };
  return { handle: (request) => handleCheck(request, deps) };
}
