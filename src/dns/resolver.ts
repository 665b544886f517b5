/**
 * The real resolver behind the SPF engine's `Resolver` interface: a stub resolver
 * speaking the DNS wire protocol to configured (or the system's) recursive servers.
 *
 * - Any name SPF can produce is asked for as-is (":", "/", "%", spaces, UTF-8).
 *   A name DNS cannot carry (a label over 63 octets, over 255 octets in all, or an
 *   empty label) cannot exist, so it is answered as NXDOMAIN without a query: RFC 7208
 *   section 4.8 and its test suite treat such a target as a name that does not exist
 *   (a void lookup / no match), not as an error.
 * - UDP with a per-query timeout and retries over the server list; TCP when the
 *   UDP reply is truncated. SERVFAIL, REFUSED, timeouts and garbage become
 *   `{ status: "error" }`; NXDOMAIN and NODATA are told apart.
 * - CNAME chains are followed (across queries when a server stops mid-chain); loops
 *   and chains longer than MAX_CNAME_CHAIN are errors.
 * - Answers are cached for their TTL, negative answers for the SOA minimum (RFC 2308)
 *   or NEGATIVE_TTL_DEFAULT; identical lookups in flight share one query.
 * - lookup() never throws.
 */
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import type { LookupResult, RecordData, RecordType, Resolver } from "../spf/types";
import { exchangeTcp, exchangeUdp, type Exchange, type ServerAddress } from "./transport";
import { QTYPE, RCODE, canonicalName, decodeMessage, encodeQuery, nameToLabels, type Message, type ResourceRecord } from "./wire";

/** @internal exported for its test */
export type { ServerAddress } from "./transport";

export interface ResolverOptions {
  /** Recursive servers, tried in order. Default: the nameservers of /etc/resolv.conf. */
  servers?: ServerAddress[];
  /** Deadline for one exchange with one server (default 2000 ms). */
  timeoutMs?: number;
  /** Extra rounds over the server list after the first (default 1). */
  retries?: number;
  /** Cache answers for their TTL (default true). */
  cache?: boolean;
  /** Cache size bound; least recently used entries go first (default 10000). */
  maxCacheEntries?: number;
  /**
   * Runs each question put to the servers (not cache hits, not lookups sharing a
   * question already in flight), e.g. through a semaphore that bounds queries in flight.
   */
  throttle?: <T>(question: () => Promise<T>) => Promise<T>;
}

const MAX_CNAME_CHAIN = 8;
const NEGATIVE_TTL_DEFAULT = 30;
const MAX_TTL = 86_400;
const FALLBACK_SERVER: ServerAddress = { host: "127.0.0.1", port: 53 };

type AnyRecord = RecordData[RecordType];
type AnyResult = LookupResult<AnyRecord>;

interface CacheEntry {
  expiresAt: number;
  result: AnyResult;
  /** When the entry last moved to the most recent end of the cache. */
  touchedAt: number;
  /** The result as last served, with the TTL left then (in whole seconds, so it is reused for up to a second). */
  served?: AnyResult;
}

/**
 * Recency is kept to this resolution: moving an entry on every hit (Map order is
 * recency order) costs more than an exact order is worth when the same names are
 * asked for thousands of times a second.
 */
const RECENCY_RESOLUTION_MS = 1000;

/** Nameservers listed in resolv.conf ("nameserver ADDRESS" lines; IPv6 scope ids dropped). @internal exported for its test */
export function parseResolvConf(text: string): ServerAddress[] {
  const servers: ServerAddress[] = [];
  for (const line of text.split("\n")) {
    const match = /^\s*nameserver\s+(\S+)/.exec(line);
    if (match) servers.push({ host: match[1].replace(/%.*$/, ""), port: 53 });
  }
  return servers;
}

function systemServers(path = "/etc/resolv.conf"): ServerAddress[] {
  try {
    const servers = parseResolvConf(readFileSync(path, "utf8"));
    return servers.length > 0 ? servers : [FALLBACK_SERVER];
  } catch {
    return [FALLBACK_SERVER];
  }
}

function toRecordData(rr: ResourceRecord): AnyRecord | null {
  const d = rr.data;
  if ("address" in d) return d.address;
  if ("strings" in d) return d.strings;
  if ("exchange" in d) return { priority: d.priority, exchange: canonicalName(d.exchange) };
  if ("target" in d) return canonicalName(d.target);
  return null;
}

/** What one reply says about `name`: a final result, or "ask again for this CNAME target". */
type Reading = { result: AnyResult; ttl: number } | { follow: string; ttl: number };

function readReply(reply: Message, name: string, qtype: number): Reading {
  let current = name;
  let ttl = MAX_TTL;
  const seen = new Set([current]);
  for (;;) {
    const owned = reply.answers.filter((rr) => canonicalName(rr.name) === current);
    const records = owned.filter((rr) => rr.type === qtype);
    if (records.length > 0) {
      for (const rr of records) ttl = Math.min(ttl, rr.ttl);
      const data = records.map(toRecordData).filter((r): r is AnyRecord => r !== null);
      return { result: { status: "ok", records: data, ttl }, ttl };
    }
    const cname = owned.find((rr) => rr.type === QTYPE.CNAME);
    if (!cname || !("target" in cname.data)) break;
    ttl = Math.min(ttl, cname.ttl);
    current = canonicalName(cname.data.target);
    if (seen.has(current)) return { result: { status: "error", message: `CNAME loop at ${current}` }, ttl: 0 };
    seen.add(current);
  }
  const soa = reply.authorities.find((rr) => rr.type === QTYPE.SOA);
  const negativeTtl = soa && "soa" in soa.data ? Math.min(soa.ttl, soa.data.soa.minimum) : NEGATIVE_TTL_DEFAULT;
  if (reply.rcode === RCODE.NXDOMAIN) return { result: { status: "nxdomain" }, ttl: Math.min(ttl, negativeTtl) };
  // The chain ended at a name this reply says nothing about: ask for it directly.
  if (current !== name && !soa) return { follow: current, ttl };
  return { result: { status: "nodata" }, ttl: Math.min(ttl, negativeTtl) };
}

export function createResolver(options: ResolverOptions = {}): Resolver {
  const servers = options.servers && options.servers.length > 0 ? options.servers : systemServers();
  const timeoutMs = options.timeoutMs ?? 2000;
  const retries = options.retries ?? 1;
  const useCache = options.cache ?? true;
  const maxCacheEntries = options.maxCacheEntries ?? 10_000;
  const throttle = options.throttle ?? ((question) => question());
  const cache = new Map<string, CacheEntry>();
  const inFlight = new Map<string, Promise<AnyResult>>();

  /** One question to the servers, trying each in turn for 1 + retries rounds. */
  async function ask(name: string, qtype: number): Promise<Message | Error> {
    let lastError = new Error("no servers configured");
    for (let round = 0; round <= retries; round++) {
      for (const server of servers) {
        const id = randomInt(0, 0x10000);
        const query = encodeQuery(id, name, qtype);
        const reply = await exchangeChecked(exchangeUdp, server, query, id, name, qtype);
        const final =
          reply instanceof Error || !reply.truncated ? reply : await exchangeChecked(exchangeTcp, server, query, id, name, qtype);
        if (final instanceof Error) {
          lastError = final;
          continue;
        }
        if (final.rcode === RCODE.NOERROR || final.rcode === RCODE.NXDOMAIN) return final;
        lastError = new Error(`server ${server.host}:${server.port} answered rcode ${final.rcode}`);
      }
    }
    return lastError;
  }

  async function exchangeChecked(
    exchange: Exchange,
    server: ServerAddress,
    query: Buffer,
    id: number,
    name: string,
    qtype: number,
  ): Promise<Message | Error> {
    const raw = await exchange(server, query, id, timeoutMs);
    if (raw instanceof Error) return raw;
    try {
      const reply = decodeMessage(raw);
      const q = reply.questions[0];
      // A reply must be a response to exactly our question (guards against spoofed or stale packets).
      if (!reply.response || reply.id !== id || !q || q.type !== qtype || canonicalName(q.name) !== canonicalName(name)) {
        return new Error("reply does not match the question");
      }
      return reply;
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  }

  async function resolveUncached(name: string, type: RecordType): Promise<{ result: AnyResult; ttl: number }> {
    const qtype = QTYPE[type];
    let target = name;
    let ttl = MAX_TTL;
    for (let hop = 0; hop <= MAX_CNAME_CHAIN; hop++) {
      const reply = await throttle(() => ask(target, qtype));
      if (reply instanceof Error) return { result: { status: "error", message: reply.message }, ttl: 0 };
      const reading = readReply(reply, target, qtype);
      ttl = Math.min(ttl, reading.ttl);
      if ("result" in reading) return { result: reading.result, ttl };
      if (canonicalName(reading.follow) === canonicalName(name)) break;
      target = reading.follow;
    }
    return { result: { status: "error", message: `CNAME chain from ${name} too long or looping` }, ttl: 0 };
  }

  function fromCache(key: string, now: number): AnyResult | undefined {
    const entry = cache.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      cache.delete(key);
      return undefined;
    }
    if (now - entry.touchedAt >= RECENCY_RESOLUTION_MS) {
      entry.touchedAt = now;
      cache.delete(key); // re-insert: Map order doubles as recency order
      cache.set(key, entry);
    }
    const result = entry.result;
    if (result.status !== "ok") return result;
    const ttl = Math.ceil((entry.expiresAt - now) / 1000);
    if (entry.served?.status !== "ok" || entry.served.ttl !== ttl) entry.served = { ...result, ttl };
    return entry.served;
  }

  function remember(key: string, result: AnyResult, ttl: number): void {
    if (!useCache || result.status === "error" || ttl <= 0) return;
    const now = Date.now();
    cache.set(key, { expiresAt: now + Math.min(ttl, MAX_TTL) * 1000, result, touchedAt: now });
    while (cache.size > maxCacheEntries) cache.delete(cache.keys().next().value as string);
  }

  async function lookup(name: string, type: RecordType): Promise<AnyResult> {
    try {
      if (!(type in QTYPE)) return { status: "error", message: `unsupported record type ${type}` };
      const canonical = canonicalName(name);
      const key = `${type} ${canonical}`;
      // The cache first: it only ever holds names that could be sent, so a hit needs no wire encoding.
      const cached = useCache ? fromCache(key, Date.now()) : undefined;
      if (cached) return cached;
      if (nameToLabels(canonical) === null) return { status: "nxdomain" };
      const pending = inFlight.get(key);
      if (pending) return await pending;
      const work = resolveUncached(canonical, type)
        .then(({ result, ttl }) => {
          remember(key, result, ttl);
          return result;
        })
        .catch((err: unknown): AnyResult => ({ status: "error", message: err instanceof Error ? err.message : String(err) }))
        .finally(() => inFlight.delete(key));
      inFlight.set(key, work);
      return await work;
    } catch (err) {
      return { status: "error", message: err instanceof Error ? err.message : String(err) };
    }
  }

  return { lookup: lookup as Resolver["lookup"] };
}
