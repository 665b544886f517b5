/**
 * A real authoritative DNS server on 127.0.0.1 (UDP and TCP on one port) serving a
 * test Zone, so resolver, engine, backend and CLI tests exercise real packets.
 *
 * - unknown names: NXDOMAIN; names that exist (or have names below them) without
 *   the asked type: NODATA. Both carry an SOA whose minimum is the negative TTL.
 * - CNAMEs are answered and followed inside the zone, as an authoritative server does.
 * - names with a SERVFAIL entry are answered SERVFAIL.
 * - names with a TIMEOUT entry are never answered (UDP or TCP), except for the
 *   types its `except` lists, which are answered from the name's other records.
 * - UDP answers over 512 octets are truncated (TC bit, no records) to force TCP.
 * - `delayMs` holds every answer back, to model network round trips.
 */
import dgram from "node:dgram";
import net from "node:net";
import type { Zone, ZoneRecord } from "./zone";
import {
  CLASSIC_UDP_LIMIT,
  QTYPE,
  RCODE,
  canonicalName,
  decodeMessage,
  encodeMessage,
  type Message,
  type RData,
  type ResourceRecord,
} from "../../src/dns/wire";

export interface DnsServerOptions {
  /** Delay before each answer, in milliseconds. */
  delayMs?: number;
  /** TTL of every record and of negative answers (default 300 s). */
  ttl?: number;
}

export interface QueryLogEntry {
  name: string;
  type: number;
  transport: "udp" | "tcp";
  receivedAt: number;
  answeredAt: number | null;
}

export interface DnsServer {
  host: string;
  port: number;
  close: () => Promise<void>;
  /** Queries received so far, over UDP and TCP. */
  queryCount: () => number;
  /** Every query with its arrival and answer times (performance.now()), for benchmarks. */
  log: () => QueryLogEntry[];
}

const HOST = "127.0.0.1";
const MAX_CNAME_HOPS = 8;
const ZONE_SOA = "test.invalid";

function rdataOf(record: ZoneRecord): { type: number; data: RData } | null {
  switch (record.type) {
    case "A":
      return { type: QTYPE.A, data: { type: QTYPE.A, address: record.address } };
    case "AAAA":
      return { type: QTYPE.AAAA, data: { type: QTYPE.AAAA, address: record.address } };
    case "TXT":
    case "SPF":
      return { type: QTYPE[record.type], data: { type: QTYPE[record.type], strings: record.strings } };
    case "MX":
      return { type: QTYPE.MX, data: { type: QTYPE.MX, priority: record.priority, exchange: record.exchange } };
    case "PTR":
      return { type: QTYPE.PTR, data: { type: QTYPE.PTR, target: record.target } };
    case "CNAME":
      return { type: QTYPE.CNAME, data: { type: QTYPE.CNAME, target: record.target } };
    case "TLSA": {
      const { usage, selector, matchingType, data } = record;
      return { type: QTYPE.TLSA, data: { type: QTYPE.TLSA, tlsa: { usage, selector, matchingType, data } } };
    }
    default:
      return null;
  }
}

/** Builds the reply to one query, or null when the server must stay silent. */
function answerQuery(zone: Zone, query: Message, ttl: number): Message | null {
  const question = query.questions[0];
  const reply: Message = {
    ...query,
    response: true,
    authoritative: true,
    truncated: false,
    recursionAvailable: false,
    rcode: RCODE.NOERROR,
    questions: query.questions.slice(0, 1),
    answers: [],
    authorities: [],
    additionals: [],
  };
  if (!question || query.opcode !== 0) return { ...reply, rcode: RCODE.FORMERR };

  let name = canonicalName(question.name);
  const seen = new Set<string>();
  for (let hop = 0; hop <= MAX_CNAME_HOPS && !seen.has(name); hop++) {
    seen.add(name);
    const records = zone.get(name);
    const timeout = records?.find((r) => r.type === "TIMEOUT");
    if (timeout && timeout.type === "TIMEOUT" && !timeout.except?.some((type) => QTYPE[type] === question.type)) {
      return hop === 0 ? null : reply;
    }
    if (records?.some((r) => r.type === "SERVFAIL")) return { ...reply, authoritative: false, rcode: RCODE.SERVFAIL };
    if (!records) {
      const hasDescendants = [...zone.keys()].some((known) => known.endsWith(`.${name}`));
      return withSoa({ ...reply, rcode: hasDescendants ? RCODE.NOERROR : RCODE.NXDOMAIN }, ttl);
    }
    const rrs = records.map(rdataOf).filter((r): r is { type: number; data: RData } => r !== null);
    const matching = rrs.filter((r) => r.type === question.type);
    if (matching.length > 0) {
      reply.answers.push(...matching.map((r) => ({ name, type: r.type, class: 1, ttl, data: r.data })));
      return reply;
    }
    const cname = rrs.find((r) => r.type === QTYPE.CNAME);
    if (!cname || !("target" in cname.data)) return withSoa(reply, ttl);
    reply.answers.push({ name, type: QTYPE.CNAME, class: 1, ttl, data: cname.data });
    name = canonicalName(cname.data.target);
  }
  return reply; // a looping or over-long chain: hand the client what we have
}

function withSoa(reply: Message, ttl: number): Message {
  const soa: ResourceRecord = {
    name: ZONE_SOA,
    type: QTYPE.SOA,
    class: 1,
    ttl,
    data: {
      type: QTYPE.SOA,
      soa: { mname: `ns.${ZONE_SOA}`, rname: `hostmaster.${ZONE_SOA}`, serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: ttl },
    },
  };
  return { ...reply, authorities: [soa] };
}

function encodeForUdp(reply: Message): Buffer {
  const full = encodeMessage(reply);
  if (full.length <= CLASSIC_UDP_LIMIT) return full;
  return encodeMessage({ ...reply, truncated: true, answers: [], authorities: [], additionals: [] });
}

export async function startDnsServer(zone: Zone, options: DnsServerOptions = {}): Promise<DnsServer> {
  const delayMs = options.delayMs ?? 0;
  const ttl = options.ttl ?? 300;
  const entries: QueryLogEntry[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const connections = new Set<net.Socket>();

  /** Answers after the configured delay; `send` is skipped when the name must time out. */
  function handle(packet: Buffer, transport: "udp" | "tcp", send: (reply: Message) => void): void {
    let query: Message;
    try {
      query = decodeMessage(packet);
    } catch {
      return; // garbage gets no answer
    }
    const q = query.questions[0];
    const entry: QueryLogEntry = {
      name: q ? canonicalName(q.name) : "",
      type: q?.type ?? 0,
      transport,
      receivedAt: performance.now(),
      answeredAt: null,
    };
    entries.push(entry);
    const reply = answerQuery(zone, query, ttl);
    if (!reply) return;
    const answer = () => {
      entry.answeredAt = performance.now();
      send(reply);
    };
    if (delayMs <= 0) { answer(); return; } // setTimeout(0) would still wait about a millisecond
    const timer = setTimeout(() => {
      timers.delete(timer);
      answer();
    }, delayMs);
    timers.add(timer);
  }

  for (let attempt = 0; ; attempt++) {
    const udp = dgram.createSocket("udp4");
    await new Promise<void>((resolve, reject) => {
      udp.once("error", reject);
      udp.bind(0, HOST, () => resolve());
    });
    const port = udp.address().port;
    const tcp = net.createServer((socket) => {
      connections.add(socket);
      socket.on("close", () => connections.delete(socket));
      socket.on("error", () => socket.destroy());
      let buffered = Buffer.alloc(0);
      socket.on("data", (chunk) => {
        buffered = Buffer.concat([buffered, chunk]);
        while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
          const size = buffered.readUInt16BE(0);
          const packet = buffered.subarray(2, 2 + size);
          buffered = buffered.subarray(2 + size);
          handle(packet, "tcp", (reply) => {
            const body = encodeMessage(reply);
            const length = Buffer.alloc(2);
            length.writeUInt16BE(body.length);
            if (!socket.destroyed) socket.write(Buffer.concat([length, body]));
          });
        }
      });
    });
    const listening = await new Promise<boolean>((resolve) => {
      tcp.once("error", () => resolve(false));
      tcp.listen(port, HOST, () => resolve(true));
    });
    if (!listening) {
      // The TCP side of this port is taken: try another port pair.
      udp.close();
      if (attempt >= 10) throw new Error("could not bind UDP and TCP on one loopback port");
      continue;
    }
    udp.on("message", (packet, from) => {
      handle(packet, "udp", (reply) => udp.send(encodeForUdp(reply), from.port, from.address));
    });
    udp.on("error", () => undefined);

    return {
      host: HOST,
      port,
      queryCount: () => entries.length,
      log: () => entries.map((e) => ({ ...e })),
      close: async () => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const socket of connections) socket.destroy();
        await Promise.all([
          new Promise<void>((resolve) => udp.close(() => resolve())),
          new Promise<void>((resolve) => tcp.close(() => resolve())),
        ]);
      },
    };
  }
}
