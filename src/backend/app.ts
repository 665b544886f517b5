/**
 * Wires the pure handler to the real parts: the configured DNS resolver (its questions
 * bounded by slots shared fairly between clients), a budget of DNS work per check that
 * every check's resolver goes through, the SPF/DMARC engine and the live checks (with
 * the MTA-STS policy fetcher) behind a short-lived result cache, and the rate limiter.
 */
import { runLiveChecks } from "../checks/index";
import type { CheckReport, LiveCheckRequest, PolicyFetcher } from "../checks/types";
import { createResolver, type ContextResolver } from "../dns/resolver";
import { createPolicyFetcher } from "../fetch/mta-sts-fetcher";
import type { CheckInput } from "../spf/check-input";
import { runChecks } from "../spf/index";
import type { Resolver } from "../spf/types";
import { budgetedResolver, type CheckBudget } from "./check-budget";
import { cachedChecks, type CheckContext } from "./check-cache";
import type { BackendConfig } from "./config";
import { FairSlots } from "./fair-slots";
import { handleCheck, type BackendRequest, type BackendResponse, type RequestLogEntry } from "./handler";
import { createRateLimiter } from "./rate-limit";
import { type InternalFailure, logInternalFailure } from "./internal-failure";

export interface Backend {
  handle: (request: BackendRequest) => Promise<BackendResponse>;
}

type ResolverConfig = Pick<BackendConfig, "dnsServers" | "dnsTimeoutMs" | "dnsRetries" | "maxConcurrentDns"> & Partial<Pick<BackendConfig, "maxDnsPerClient" | "dnsCacheBytes">>;

/**
 * The configured DNS resolver. Its questions to the servers wait for a slot, at most
 * maxDnsPerClient of them per client, so no burst of checks can flood the servers or
 * starve other clients; answers from its cache need no slot.
 * @internal exported for its test
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
function withCheckBudget<I, O>(
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

/** Leaves the live checks this much of the time budget, so a slow one reports itself rather than failing the whole request. */
const LIVE_MARGIN_MS = 250;

interface CheckRequest {
  input: CheckInput;
  live: LiveCheckRequest | null;
}

/**
 * SPF/DMARC and the live checks, all at once, on the one resolver the budget hands the
 * request: its DNS budget covers every check, the MTA-STS host's address included.
 * @internal exported for scripts/bench-live.ts
 */
export function checkRunner(
  config: Pick<BackendConfig, "checkBudgetMs" | "dnsblZones" | "spamhausDqsKey">,
  fetcherFor: (resolver: Resolver) => PolicyFetcher = (resolver) => createPolicyFetcher({ resolver }),
): (request: CheckRequest, resolver: Resolver) => Promise<CheckReport> {
  const timeoutMs = Math.max(100, config.checkBudgetMs - LIVE_MARGIN_MS);
  return async ({ input, live }, resolver) => {
    const [checks, liveChecks] = await Promise.all([
      runChecks(input, resolver),
      live
        ? runLiveChecks(live, resolver, { zones: config.dnsblZones, spamhausDqsKey: config.spamhausDqsKey, fetcher: fetcherFor(resolver), timeoutMs })
        : null,
    ]);
    return liveChecks ? { ...checks, live: liveChecks } : checks;
  };
}

export interface BackendOptions {
  log?: (entry: RequestLogEntry) => void;
  /** Where a 500's class and stack go (default: a JSON line on stderr). */
  logFailure?: (failure: InternalFailure) => void;
  /** The MTA-STS policy fetcher on a request's resolver (default: HTTPS to mta-sts.<domain>:443); tests give one that trusts their CA. */
  fetcherFor?: (resolver: Resolver) => PolicyFetcher;
}

export function createBackend(config: BackendConfig, options: BackendOptions = {}): Backend {
  const dns = backendResolver(config);
  const budget = { maxQuestions: config.maxDnsPerCheck, maxAnswerBytes: config.maxAnswerBytesPerCheck };
  const budgeted = withCheckBudget(checkRunner(config, options.fetcherFor), dns, budget);
  const deps = {
    allowedOrigins: config.allowedOrigins,
    maxBodyBytes: config.maxBodyBytes,
    checkBudgetMs: config.checkBudgetMs,
    rateLimiter: createRateLimiter(config.rateLimit),
    runChecks: cachedChecks((input, context, live) => budgeted({ input, live: live ?? null }, context), config.checkCacheSeconds, {
      maxBytes: config.checkCacheBytes,
    }),
    log: options.log,
    logFailure: options.logFailure ?? logInternalFailure,
  };
  return { handle: (request) => handleCheck(request, deps) };
}
