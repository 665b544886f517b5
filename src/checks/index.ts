/**
 * The live checks beside SPF, run in parallel for one bounce: the recipient's domain,
 * DNS blocklists, reverse DNS and the recipient's TLS policy. Pure TypeScript: DNS comes
 * through the Resolver interface and the MTA-STS policy through a PolicyFetcher.
 */
import type { Resolver } from "../spf/types";
import { checkDnsbl } from "./dnsbl";
import { DEFAULT_ZONES } from "./dnsbl-lists";
import { hostName, parseIp } from "./names";
import { checkRecipientDomain } from "./recipient-domain";
import { checkReverseDns } from "./reverse-dns";
import { settle } from "./settle";
import { checkTlsPolicy } from "./tls-policy";
import { CHECK_KINDS, LIVE_SCHEMA, type CheckKind, type LiveCheckRequest, type LiveChecks, type PolicyFetcher } from "./types";
import { NotCheckableError } from "../spf/check-failure";

export * from "./types";
export { selectChecks } from "./select";
export { DEFAULT_ZONES } from "./dnsbl-lists";
export { hostName } from "./names";
export { readLiveRequest } from "./request";

export interface LiveCheckOptions {
  /** The configured DNSBL zones (default DEFAULT_ZONES). */
  zones?: readonly string[];
  spamhausDqsKey?: string;
  /** MTA-STS policies are fetched through this; null: not fetched (reported as such). */
  fetcher?: PolicyFetcher | null;
  /** Deadline of each check (default 10000 ms). */
  timeoutMs?: number;
}

function isCheckKind(value: string): value is CheckKind {
  return (CHECK_KINDS as readonly string[]).includes(value);
}

/** Runs the requested checks at once; a check without the input it needs, or that fails, reports { error }. */
export async function runLiveChecks(request: LiveCheckRequest, resolver: Resolver, options: LiveCheckOptions = {}): Promise<LiveChecks> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const checks = [...new Set(request.checks.filter(isCheckKind))];
  const domain = hostName(request.recipientDomain);
  const ip = request.ip && parseIp(request.ip) ? request.ip : null;
  const missing = (what: string) => async (): Promise<never> => {
    throw new NotCheckableError(`no ${what} to check`);
  };
  const run = (kind: CheckKind) => {
    switch (kind) {
      case "recipient-domain":
        return settle(domain ? () => checkRecipientDomain(domain, resolver) : missing("recipient domain"), timeoutMs, "recipient domain");
      case "dnsbl":
        return settle(
          ip ? () => checkDnsbl(ip, request.zones ?? [], resolver, { zones: options.zones ?? DEFAULT_ZONES, spamhausDqsKey: options.spamhausDqsKey }) : missing("sending IP"),
          timeoutMs,
          "blocklist",
        );
      case "reverse-dns":
        return settle(ip ? () => checkReverseDns(ip, resolver) : missing("sending IP"), timeoutMs, "reverse DNS");
      case "tls-policy":
        return settle(domain ? () => checkTlsPolicy(domain, resolver, options.fetcher ?? null) : missing("recipient domain"), timeoutMs, "TLS policy");
    }
  };
  const outcomes = await Promise.all(checks.map(run));
  const live: LiveChecks = { schema: LIVE_SCHEMA, checks };
  checks.forEach((kind, i) => {
    const outcome = outcomes[i];
    if (kind === "recipient-domain") live.recipientDomain = outcome as LiveChecks["recipientDomain"];
    else if (kind === "dnsbl") live.dnsbl = outcome as LiveChecks["dnsbl"];
    else if (kind === "reverse-dns") live.reverseDns = outcome as LiveChecks["reverseDns"];
    else live.tlsPolicy = outcome as LiveChecks["tlsPolicy"];
  });
  return live;
}
