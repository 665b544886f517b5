/**
 * Every setting of the backend, read from the environment in one place.
 * DNS servers come only from here, never from a request.
 *
 *   PORT                      listening port of the local server (7071)
 *   HOST                      listening address of the local server (127.0.0.1)
 *   ALLOWED_ORIGINS           comma-separated CORS origins
 *                             (https://localhost:3000,http://localhost:3000)
 *   DNS_SERVERS               host:port,... recursive resolvers ([v6]:port for IPv6;
 *                             default: the system's, from /etc/resolv.conf)
 *   DNS_TIMEOUT_MS            per-query timeout (2000)
 *   DNS_RETRIES               extra rounds over the server list (1)
 *   MAX_CONCURRENT_DNS        DNS queries in flight at once, across all checks (64)
 *   MAX_DNS_PER_CLIENT        of those, held by one client at most (16)
 *   MAX_DNS_PER_CHECK         DNS lookups one check may ask (300)
 *   MAX_ANSWER_BYTES_PER_CHECK  bytes of DNS answers one check may receive (2 MiB)
 *   DNS_CACHE_MB              memory for cached DNS answers (32)
 *   CHECK_BUDGET_MS           overall time allowed for one check (8000)
 *   CHECK_CACHE_SECONDS       how long a finished check is reused for the same
 *                             input; 0 turns it off (30)
 *   CHECK_CACHE_MB            memory for remembered check results (16)
 *   RATE_LIMIT_PER_MINUTE     sustained checks per client per minute (30)
 *   RATE_LIMIT_BURST          checks a client may make at once (10)
 *   DNSBL_ZONES               comma-separated DNS blocklist zones asked about the sending
 *                             IP besides those a rejection names ("none" for none;
 *                             default zen.spamhaus.org,bl.spamcop.net)
 *   SPAMHAUS_DQS_KEY          a Spamhaus Data Query Service key: Spamhaus is then asked
 *                             through DQS, which answers from any resolver (unset)
 *   TRUST_PROXY               "true" behind one reverse proxy: the client is the last
 *                             X-Forwarded-For address, the one the proxy appended (false)
 */
import type { ServerAddress } from "../dns/transport";
import { parseServer } from "../dns/server-address";
import { DEFAULT_ZONES } from "../checks/dnsbl-lists";
import { hostName } from "../checks/names";

export interface RateLimitConfig {
  requestsPerMinute: number;
  burst: number;
}

export interface BackendConfig {
  port: number;
  host: string;
  allowedOrigins: string[];
  /** undefined: the system resolvers. */
  dnsServers: ServerAddress[] | undefined;
  dnsTimeoutMs: number;
  dnsRetries: number;
  maxConcurrentDns: number;
  maxDnsPerClient: number;
  maxDnsPerCheck: number;
  maxAnswerBytesPerCheck: number;
  dnsCacheBytes: number;
  checkBudgetMs: number;
  checkCacheSeconds: number;
  checkCacheBytes: number;
  maxBodyBytes: number;
  rateLimit: RateLimitConfig;
  trustProxy: boolean;
  dnsblZones: string[];
  /** Never logged, never returned. */
  spamhausDqsKey: string | undefined;
}

const MAX_BODY_BYTES = 4096;

/** @internal exported for its test */
export class ConfigError extends Error {
  override name = "ConfigError";
}

type Env = Record<string, string | undefined>;

function integer(env: Env, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${key} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function dnsServer(text: string): ServerAddress {
  try {
    return parseServer(text);
  } catch (error) {
    throw new ConfigError(`DNS_SERVERS: ${(error as Error).message}`);
  }
}

function list(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function dnsblZones(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === "") return [...DEFAULT_ZONES];
  if (raw.trim().toLowerCase() === "none") return [];
  return list(raw).map((zone) => {
    const name = hostName(zone);
    if (!name) throw new ConfigError(`DNSBL_ZONES: "${zone}" is not a DNS zone name`);
    return name;
  });
}

function dqsKey(raw: string | undefined): string | undefined {
  const key = raw?.trim();
  if (!key) return undefined;
  // A DQS key is one DNS label of letters and digits.
  if (!/^[A-Za-z0-9]{1,63}$/.test(key)) throw new ConfigError("SPAMHAUS_DQS_KEY must be letters and digits only");
  return key;
}

export function loadConfig(env: Env = process.env): BackendConfig {
  const origins = env.ALLOWED_ORIGINS === undefined ? ["https://localhost:3000", "http://localhost:3000"] : list(env.ALLOWED_ORIGINS);
  const servers = list(env.DNS_SERVERS).map(dnsServer);
  return {
    port: integer(env, "PORT", 7071, 0, 65535),
    host: env.HOST?.trim() || "127.0.0.1",
    allowedOrigins: origins.map((origin) => origin.replace(/\/$/, "")),
    dnsServers: servers.length > 0 ? servers : undefined,
    dnsTimeoutMs: integer(env, "DNS_TIMEOUT_MS", 2000, 50, 30_000),
    dnsRetries: integer(env, "DNS_RETRIES", 1, 0, 5),
    maxConcurrentDns: integer(env, "MAX_CONCURRENT_DNS", 64, 1, 10_000),
    maxDnsPerClient: integer(env, "MAX_DNS_PER_CLIENT", 16, 1, 10_000),
    maxDnsPerCheck: integer(env, "MAX_DNS_PER_CHECK", 300, 10, 100_000),
    maxAnswerBytesPerCheck: integer(env, "MAX_ANSWER_BYTES_PER_CHECK", 2 * 2 ** 20, 65_536, 2 ** 30),
    dnsCacheBytes: integer(env, "DNS_CACHE_MB", 32, 1, 4096) * 2 ** 20,
    checkBudgetMs: integer(env, "CHECK_BUDGET_MS", 8000, 100, 60_000),
    checkCacheSeconds: integer(env, "CHECK_CACHE_SECONDS", 30, 0, 3600),
    checkCacheBytes: integer(env, "CHECK_CACHE_MB", 16, 1, 4096) * 2 ** 20,
    maxBodyBytes: MAX_BODY_BYTES,
    rateLimit: {
      requestsPerMinute: integer(env, "RATE_LIMIT_PER_MINUTE", 30, 1, 10_000_000),
      burst: integer(env, "RATE_LIMIT_BURST", 10, 1, 10_000_000),
    },
    trustProxy: env.TRUST_PROXY === "true",
    dnsblZones: dnsblZones(env.DNSBL_ZONES),
    spamhausDqsKey: dqsKey(env.SPAMHAUS_DQS_KEY),
  };
}
