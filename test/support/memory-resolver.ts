/**
 * An in-memory Resolver over a test Zone: the same answers the loopback DNS
 * server gives, without sockets. Follows CNAME chains like a recursive resolver,
 * reports TIMEOUT entries as temporary errors, and can record every query.
 */
import type { LookupResult, RecordData, RecordType, Resolver } from "../../src/spf/types";
import type { Zone, ZoneRecord } from "./zone";

const MAX_CNAME_CHAIN = 8;

export interface MemoryResolver extends Resolver {
  /** Every query asked, in order, as "TYPE name". */
  readonly queries: string[];
}

export function createMemoryResolver(zone: Zone, options: { delayMs?: number } = {}): MemoryResolver {
  const queries: string[] = [];
  const answer = <T extends RecordType>(name: string, type: T): LookupResult<RecordData[T]> => {
    let current = name.toLowerCase().replace(/\.$/, "");
    if (!isQueryable(current)) return { status: "nxdomain" };
    const seen = new Set<string>();
    for (;;) {
      const records = zone.get(current);
      if (!records) return { status: "nxdomain" };
      const timeout = records.find((r) => r.type === "TIMEOUT");
      if (timeout && !(timeout.except ?? []).includes(type)) return { status: "error", message: "timeout" };
      if (records.some((r) => r.type === "SERVFAIL")) return { status: "error", message: "SERVFAIL" };
      const matching = records.filter((r) => r.type === type).map((r) => toData(r) as RecordData[T]);
      if (matching.length > 0) return { status: "ok", records: matching };
      const cname = records.find((r) => r.type === "CNAME");
      if (!cname || type === ("CNAME" as RecordType)) return { status: "nodata" };
      seen.add(current);
      current = cname.target;
      if (seen.has(current) || seen.size > MAX_CNAME_CHAIN) return { status: "error", message: "CNAME loop" };
    }
  };
  return {
    queries,
    async lookup(name, type) {
      queries.push(`${type} ${name}`);
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      return answer(name, type);
    },
  };
}

function isQueryable(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  return name.split(".").every((label) => label.length > 0 && label.length <= 63);
}

function toData(record: ZoneRecord): RecordData[RecordType] {
  switch (record.type) {
    case "A":
    case "AAAA":
      return record.address;
    case "TXT":
    case "SPF":
      return record.strings;
    case "MX":
      return { priority: record.priority, exchange: record.exchange };
    case "PTR":
      return record.target;
    case "TLSA":
      return { usage: record.usage, selector: record.selector, matchingType: record.matchingType, data: record.data };
    default:
      throw new Error(`no data for ${record.type}`);
  }
}

/**
 * A Zone from terse text: `{ "example.com": ["TXT v=spf1 -all", "A 192.0.2.1",
 * "MX 10 mx.example.com", "AAAA 2001:db8::1", "PTR host.example.com",
 * "CNAME other.example.com", "TIMEOUT"] }`. A TXT line is one character-string.
 */
export function zoneFrom(spec: Record<string, string[]>): Zone {
  const zone: Zone = new Map();
  for (const [name, lines] of Object.entries(spec)) {
    zone.set(
      name.toLowerCase(),
      lines.map((line): ZoneRecord => {
        const space = line.indexOf(" ");
        const type = space < 0 ? line : line.slice(0, space);
        const data = space < 0 ? "" : line.slice(space + 1);
        switch (type) {
          case "TXT":
          case "SPF":
            return { type, strings: [data] };
          case "A":
          case "AAAA":
            return { type, address: data };
          case "MX": {
            const [priority, exchange] = data.split(" ");
            return { type, priority: Number(priority), exchange };
          }
          case "PTR":
          case "CNAME":
            return { type, target: data };
          case "TIMEOUT":
          case "SERVFAIL":
            return { type };
          case "TLSA": {
            const [usage, selector, matchingType, hex] = data.split(" ");
            return { type, usage: Number(usage), selector: Number(selector), matchingType: Number(matchingType), data: hex };
          }
          default:
            throw new Error(`zoneFrom: unknown record type in "${line}"`);
        }
      }),
    );
  }
  return zone;
}
