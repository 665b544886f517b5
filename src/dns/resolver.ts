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
 *   or NEGATIVE_TTL_DEFAULT, within a budget of bytes (and of entries); expired entries
 *   are swept out. Identical lookups in flight for the same client share one query.
 * - Replies are accepted only from the configured server's address and port, for our
 *   id, question, type and class (IN); a mismatched datagram is ignored and the wait goes
 *   on. A server configured by host name is resolved once, on first use.
 * - A lookup can carry an AbortSignal: its queued and in-flight questions are dropped
 *   once no lookup waits for them any more.
 * - Error messages name the kind of failure, never the server (they reach answers).
 * - lookup() never throws.
 */
import { randomInt } from "node:crypto";
import { lookup as lookupHost } from "node:dns/promises";
import { readFileSync } from "node:fs";
import net from "node:net";
import type { LookupResult, RecordData, RecordType, Resolver } from "../spf/types";
import { AbortedError, exchangeTcp, exchangeUdp, type ServerAddress } from "./transport";
import { CLASS_IN, QTYPE, RCODE, canonicalName, decodeMessage, encodeQuery, nameToLabels, type Message, type ResourceRecord } from "./wire";

/** @internal exported for its test */
export type { ServerAddress } from "./transport";

/** Who a lookup is for, and when to give it up. @internal exported for its test */
export interface LookupContext {
  /** Aborting gives the lookup up: it answers { status: "error" } at once, and its questions are dropped. */
  signal?: AbortSignal;
  /** The client a check runs for: questions in flight are shared per client, and the throttle sees it. */
  client?: string;
}

/** A Resolver whose lookups can say who they are for and be cancelled. */
export interface ContextResolver extends Resolver {
  lookup: <T extends RecordType>(name: string, type: T, context?: LookupContext) => Promise<LookupResult<RecordData[T]>>;
}

type Throttle = <T>(question: () => Promise<T>, context: LookupContext) => Promise<T>;

export interface ResolverOptions {
  /** Recursive servers, tried in order. Default: the nameservers of /etc/resolv.conf. */
  servers?: ServerAddress[];
  /** Deadline for one exchange with one server (default 2000 ms). */
  timeoutMs?: number;
  /** Extra rounds over the server list after the first (default 1). */
  retries?: number;
  /** Cache answers for their TTL (default true). */
  cache?: boolean;
  /** Cache size bound in entries; least recently used entries go first (default 10000). */
  maxCacheEntries?: number;
  /** Cache size bound in bytes (an estimate of the answers' size in memory; default 32 MiB). */
  maxCacheBytes?: number;
  /**
   * Runs each question put to the servers (not cache hits, not lookups sharing a
   * question already in flight), e.g. through slots that bound queries in flight;
   * the context's signal fires when no lookup waits for the question any more.
   */
  throttle?: Throttle;
}

const MAX_CNAME_CHAIN = 8;
const NEGATIVE_TTL_DEFAULT = 30;
const MAX_TTL = 86_400;
const FALLBACK_SERVER: ServerAddress = { host: "127.0.0.1", port: 53 };
/** Expired cache entries are swept out at most this often (a sweep visits every entry). */
const SWEEP_INTERVAL_MS = 10_000;
/** Estimated bytes of a cache entry besides its records (key, objects, Map slot). */
const ENTRY_OVERHEAD_BYTES = 200;

type AnyRecord = RecordData[RecordType];
type AnyResult = LookupResult<AnyRecord>;

interface CacheEntry {
  expiresAt: number;
  result: AnyResult;
  bytes: number;
  /** When the entry last moved to the most recent end of the cache. */
  touchedAt: number;
  /** The result as last served, with the TTL left then (in whole seconds, so it is reused for up to a second). */
  served?: AnyResult;
}

/** A question in flight, and how many lookups still wait for it. */
interface Pending {
  work: Promise<AnyResult>;
  waiters: number;
  controller: AbortController;
}

/**
 * Recency is kept to this resolution: moving an entry on every hit (Map order is
 * recency order) costs more than an exact order is worth when the same names are
 * asked for thousands of times a second.
 */
const RECENCY_RESOLUTION_MS = 1000;

const RCODE_NAMES: Record<number, string> = { 1: "FORMERR", 2: "SERVFAIL", 4: "NOTIMP", 5: "REFUSED" };

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

/** The servers with host names replaced by their address (resolved once): replies are accepted from that address only. */
async function resolveServers(servers: ServerAddress[]): Promise<ServerAddress[]> {
  return Promise.all(
    servers.map(async (server) => (net.isIP(server.host) ? server : { host: (await lookupHost(server.host)).address, port: server.port })),
  );
}

function toRecordData(rr: ResourceRecord): AnyRecord | null {
  const d = rr.data;
  if ("address" in d) return d.address;
  if ("strings" in d) return d.strings;
  if ("exchange" in d) return { priority: d.priority, exchange: canonicalName(d.exchange) };
  if ("target" in d) return canonicalName(d.target);
  if ("tlsa" in d) return { ...d.tlsa };
  return null;
}

/** Estimated bytes the result holds in memory (UTF-16 strings, object overheads). */
function resultBytes(result: AnyResult): number {
  if (result.status !== "ok") return 0;
  let bytes = 0;
  for (const record of result.records) {
    if (typeof record === "string") bytes += 40 + record.length * 2;
    else if (Array.isArray(record)) for (const s of record) bytes += 40 + s.length * 2;
    else if ("exchange" in record) bytes += 80 + record.exchange.length * 2;
    else bytes += 120 + record.data.length * 2;
  }
  return bytes;
}

/** What one reply says about `name`: a final result, or "ask again for this CNAME target". */
type Reading = { result: AnyResult; ttl: number } | { follow: string; ttl: number };

function readReply(reply: Message, name: string, qtype: number): Reading {
  let current = name;
  let ttl = MAX_TTL;
  const seen = new Set([current]);
  // Only Internet-class data answers an IN question.
  const answers = reply.answers.filter((rr) => rr.class === CLASS_IN);
  for (;;) {
    const owned = answers.filter((rr) => canonicalName(rr.name) === current);
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

/** The reply to our query, or null when the datagram is not one (RFC 5452 section 9.1: id, question, type, class). */
function acceptReply(id: number, name: string, qtype: number): (raw: Buffer) => Message | null {
  return (raw) => {
    if (raw.length < 2 || raw.readUInt16BE(0) !== id) return null;
    try {
      const reply = decodeMessage(raw);
      const q = reply.questions[0];
      const matches = reply.response && reply.questions.length === 1 && q.type === qtype && q.class === CLASS_IN && canonicalName(q.name) === canonicalName(name);
      return matches ? reply : null;
    } catch {
      return null;
    }
  };
}

export function createResolver(options: ResolverOptions = {}): ContextResolver {
  const configured = options.servers && options.servers.length > 0 ? options.servers : systemServers();
  const timeoutMs = options.timeoutMs ?? 2000;
  const retries = options.retries ?? 1;
  const useCache = options.cache ?? true;
  const maxCacheEntries = options.maxCacheEntries ?? 10_000;
  const maxCacheBytes = options.maxCacheBytes ?? 32 * 2 ** 20;
  const throttle: Throttle = options.throttle ?? ((question) => question());
  const cache = new Map<string, CacheEntry>();
  let cacheBytes = 0;
  let sweptAt = Date.now();
  const inFlight = new Map<string, Pending>();
  let servers: Promise<ServerAddress[] | Error> | undefined;

  function serverAddresses(): Promise<ServerAddress[] | Error> {
    servers ??= resolveServers(configured).catch(() => new Error("the DNS server's name does not resolve"));
    return servers;
  }

  /** One question to the servers, trying each in turn for 1 + retries rounds. */
  async function ask(name: string, qtype: number, signal: AbortSignal): Promise<Message | Error> {
    const addresses = await serverAddresses();
    if (addresses instanceof Error) return addresses;
    let lastError = new Error("no servers configured");
    for (let round = 0; round <= retries; round++) {
      for (const server of addresses) {
        if (signal.aborted) return new AbortedError();
        const id = randomInt(0, 0x10000);
        const query = encodeQuery(id, name, qtype);
        const accept = acceptReply(id, name, qtype);
        const reply = await exchangeUdp(server, query, accept, timeoutMs, signal);
        const final = reply instanceof Error || !reply.truncated ? reply : await exchangeTcp(server, query, accept, timeoutMs, signal);
        if (final instanceof AbortedError) return final;
        if (final instanceof Error) {
          lastError = final;
          continue;
        }
        if (final.rcode === RCODE.NOERROR || final.rcode === RCODE.NXDOMAIN) return final;
        lastError = new Error(`the name server answered ${RCODE_NAMES[final.rcode] ?? `rcode ${final.rcode}`}`);
      }
    }
    return lastError;
  }

  async function resolveUncached(name: string, type: RecordType, context: LookupContext & { signal: AbortSignal }): Promise<{ result: AnyResult; ttl: number }> {
    const qtype = QTYPE[type];
    let target = name;
    let ttl = MAX_TTL;
    for (let hop = 0; hop <= MAX_CNAME_CHAIN; hop++) {
      const reply = context.signal.aborted ? new AbortedError() : await throttle(() => ask(target, qtype, context.signal), context);
      if (reply instanceof Error) return { result: { status: "error", message: reply.message }, ttl: 0 };
      const reading = readReply(reply, target, qtype);
      ttl = Math.min(ttl, reading.ttl);
      if ("result" in reading) return { result: reading.result, ttl };
      if (canonicalName(reading.follow) === canonicalName(name)) break;
      target = reading.follow;
    }
    return { result: { status: "error", message: `CNAME chain from ${name} too long or looping` }, ttl: 0 };
  }

  function forget(key: string, entry: CacheEntry): void {
    cache.delete(key);
    cacheBytes -= entry.bytes;
  }

  function fromCache(key: string, now: number): AnyResult | undefined {
    const entry = cache.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      forget(key, entry);
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

  function sweepExpired(now: number): void {
    if (now - sweptAt < SWEEP_INTERVAL_MS) return;
    sweptAt = now;
    for (const [key, entry] of cache) if (entry.expiresAt <= now) forget(key, entry);
  }

  function remember(key: string, result: AnyResult, ttl: number): void {
    if (!useCache || result.status === "error" || ttl <= 0) return;
    const now = Date.now();
    sweepExpired(now);
    const bytes = ENTRY_OVERHEAD_BYTES + key.length * 2 + resultBytes(result);
    if (bytes > maxCacheBytes / 16) return; // one answer never takes a large share of the cache
    const previous = cache.get(key);
    if (previous) forget(key, previous);
    cache.set(key, { expiresAt: now + Math.min(ttl, MAX_TTL) * 1000, result, bytes, touchedAt: now });
    cacheBytes += bytes;
    while (cache.size > maxCacheEntries || cacheBytes > maxCacheBytes) {
      const [oldestKey, oldest] = cache.entries().next().value as [string, CacheEntry];
      forget(oldestKey, oldest);
    }
  }

  /** Starts the question for `key`, or joins the one in flight; leaving it aborts it once nobody waits. */
  function shared(key: string, canonical: string, type: RecordType, context: LookupContext): Promise<AnyResult> {
    let pending = inFlight.get(key);
    if (!pending) {
      const controller = new AbortController();
      const work = resolveUncached(canonical, type, { client: context.client, signal: controller.signal })
        .then(({ result, ttl }) => {
          remember(`${type} ${canonical}`, result, ttl);
          return result;
        })
        .catch((err: unknown): AnyResult => ({ status: "error", message: err instanceof Error ? err.message : String(err) }))
        .finally(() => inFlight.delete(key));
      pending = { work, waiters: 0, controller };
      inFlight.set(key, pending);
    }
    const joined = pending;
    joined.waiters += 1;
    const signal = context.signal;
    if (!signal) return joined.work.finally(() => (joined.waiters -= 1));
    return new Promise<AnyResult>((resolve) => {
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        signal.removeEventListener("abort", onAbort);
        joined.waiters -= 1;
      };
      const onAbort = () => {
        leave();
        if (joined.waiters === 0) joined.controller.abort();
        resolve({ status: "error", message: new AbortedError().message });
      };
      if (signal.aborted) { onAbort(); return; }
      signal.addEventListener("abort", onAbort, { once: true });
      void joined.work.then((result) => {
        leave();
        resolve(result);
      });
    });
  }

  async function lookup(name: string, type: RecordType, context: LookupContext = {}): Promise<AnyResult> {
    try {
      if (!(type in QTYPE)) return { status: "error", message: `unsupported record type ${type}` };
      if (context.signal?.aborted) return { status: "error", message: new AbortedError().message };
      const canonical = canonicalName(name);
      const key = `${type} ${canonical}`;
      // The cache first: it only ever holds names that could be sent, so a hit needs no wire encoding.
      const cached = useCache ? fromCache(key, Date.now()) : undefined;
      if (cached) return cached;
      if (nameToLabels(canonical) === null) return { status: "nxdomain" };
      return await shared(context.client === undefined ? key : `${context.client}\n${key}`, canonical, type, context);
    } catch (err) {
      return { status: "error", message: err instanceof Error ? err.message : String(err) };
    }
  }

  return { lookup: lookup as ContextResolver["lookup"] };
}
