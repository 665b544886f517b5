/**
 * Random SPF zones from a seed, for the differential run against pyspf
 * (scripts/spf-differential.ts). Each zone is one domain under its own name
 * (`z<n>.example`) with a record drawn from the terms where receivers can read
 * differently: includes (some of the domain itself), a, mx (hosts with and without
 * addresses), exists, names that do not exist, ip4 ranges, all or redirect.
 */
import type { Zone, ZoneRecord } from "../../test/support/zone";

export interface DifferentialCase {
  zone: number;
  ip: string;
  sender: string;
  helo: string;
  /** The root record, for the report. */
  record: string;
}

/** mulberry32: a small, well-known seeded generator, so a seed names a run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Client and host addresses come from one small pool, so terms match often enough. */
const ADDRESSES = ["192.0.2.1", "192.0.2.2", "192.0.2.3", "198.51.100.7", "198.51.100.8", "203.0.113.9"];

export function randomZones(seed: number, count: number): { zone: Zone; cases: DifferentialCase[] } {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const zone: Zone = new Map();
  const add = (name: string, record: ZoneRecord) => {
    const records = zone.get(name) ?? [];
    records.push(record);
    zone.set(name, records);
  };
  const cases: DifferentialCase[] = [];

  for (let n = 0; n < count; n++) {
    const root = `z${n}.example`;
    let hosts = 0;
    /** A name with an address, or (one time in three) without any record. */
    const host = (): string => {
      const name = `h${hosts++}.${root}`;
      if (random() < 0.66) add(name, { type: "A", address: pick(ADDRESSES) });
      return name;
    };
    const mxDomain = (): string => {
      const name = `mx${hosts++}.${root}`;
      const exchanges = 1 + Math.floor(random() * 3);
      for (let i = 0; i < exchanges; i++) add(name, { type: "MX", priority: 10 * (i + 1), exchange: host() });
      return name;
    };
    const term = (depth: number, owner: string): string => {
      const roll = random();
      if (roll < 0.15) return `ip4:${pick(ADDRESSES)}`;
      if (roll < 0.3) return `a:${host()}`;
      if (roll < 0.5) return `mx:${mxDomain()}`;
      if (roll < 0.58) return `exists:${host()}`;
      if (roll < 0.64) return `include:${owner}`; // includes itself
      if (roll < 0.7) return `a:nx${hosts++}.${root}`; // a name that does not exist
      if (depth < 2) return `include:${record(depth + 1)}`;
      return `ip4:${pick(ADDRESSES)}`;
    };
    /** Publishes a record at a new name below the root (or the root itself) and returns the name. */
    const record = (depth: number, name = `i${hosts++}.${root}`): string => {
      const terms: string[] = [];
      const length = 1 + Math.floor(random() * 4);
      for (let i = 0; i < length; i++) terms.push(`${pick(["", "", "", "-", "~", "?"])}${term(depth, name)}`);
      terms.push(depth === 0 && random() < 0.15 ? `redirect=${record(depth + 1)}` : pick(["-all", "~all", "?all"]));
      const text = ["v=spf1", ...terms].join(" ");
      add(name, { type: "TXT", strings: [text] });
      return name;
    };
    record(0, root);
    const text = zone.get(root)!.find((r) => r.type === "TXT") as { strings: string[] };
    cases.push({ zone: n, ip: pick(ADDRESSES), sender: `user@${root}`, helo: `mail.${root}`, record: text.strings.join("") });
  }
  return { zone, cases };
}
