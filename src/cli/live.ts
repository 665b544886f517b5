/**
 * The CLI runs the checks itself, as the backend does: the real resolver, and the
 * MTA-STS policy fetched over HTTPS (certificate verified, public addresses only).
 * SPAMHAUS_DQS_KEY and DNSBL_ZONES mean what they mean to the backend.
 */
import { DEFAULT_ZONES, hostName, runLiveChecks } from "../checks";
import type { LiveCheckRequest, LiveChecks } from "../checks/types";
import { createResolver } from "../dns/resolver";
import { createPolicyFetcher } from "../fetch/mta-sts-fetcher";
import type { Resolver } from "../spf/types";

export function cliResolver(dns: { host: string; port: number }[] | undefined, timeoutMs: number): Resolver {
  return createResolver({ servers: dns, timeoutMs: Math.min(timeoutMs, 5000), retries: 1 });
}

function configuredZones(env: Record<string, string | undefined> = process.env): string[] {
  const raw = env.DNSBL_ZONES?.trim();
  if (!raw) return [...DEFAULT_ZONES];
  if (raw.toLowerCase() === "none") return [];
  return raw.split(",").flatMap((zone) => hostName(zone) ?? []);
}

export function runCliLiveChecks(live: LiveCheckRequest, resolver: Resolver, timeoutMs: number): Promise<LiveChecks> {
  const key = process.env.SPAMHAUS_DQS_KEY?.trim();
  return runLiveChecks(live, resolver, {
    zones: configuredZones(),
    spamhausDqsKey: key && /^[A-Za-z0-9]{1,63}$/.test(key) ? key : undefined,
    fetcher: createPolicyFetcher({ resolver, timeoutMs: Math.min(timeoutMs, 5000) }),
    timeoutMs,
  });
}
