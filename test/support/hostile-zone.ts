/**
 * A hostile DNS zone: valid DNS data, as any recursive resolver would pass it on, built
 * to make an SPF checker do as much work as possible. Each attack of the backend's
 * threat model (src/backend/README.md) has its names here; the attack suite
 * (test/backend/attacks.test.ts) and `npm run bench:attacks` serve it on loopback.
 */
import type { Zone, ZoneRecord } from "./zone";

const HOSTILE = "attacker.example";

/** 100 `mx:` terms of 10 exchanges each: about 2,100 questions for a check that does them all. */
export const AMPLIFICATION = `amp.${HOSTILE}`;
/** `exp=` naming a 64 KB TXT of `%{s}`: each copy expands to the (254-character) sender. */
export const EXP_BOMB = `bomb.${HOSTILE}`;
/** 16 includes of 3,000 distinct `ip4:` networks each: 48,000 networks in one tree. */
export const NETWORK_FLOOD = `flood.${HOSTILE}`;
/** 100 `a:` terms whose names are never answered; `starved(i)` gives ten distinct such domains. */
export const starved = (i: number) => `slow${i}.${HOSTILE}`;
/** A name whose name server answers SERVFAIL. */
export const BROKEN = `broken.${HOSTILE}`;
/** `a:`/`mx:` names resolving to private and reserved addresses (internal hosts of the resolver's view). */
export const INSIDE = `inside.${HOSTILE}`;
/** An ordinary record: what another client checks while the attacks run. */
export const INNOCENT = "innocent.example";

export const BOMB_SENDER = `${"s".repeat(64)}@${Array.from({ length: 3 }, () => "d".repeat(60)).join(".")}.example`.slice(0, 254);
const FLOOD_INCLUDES = 16;
const FLOOD_NETWORKS_PER_INCLUDE = 3000;

function txt(text: string): ZoneRecord {
  // Character-strings of at most 255 octets each, as a zone file splits a long TXT.
  const strings: string[] = [];
  for (let i = 0; i < text.length; i += 255) strings.push(text.slice(i, i + 255));
  return { type: "TXT", strings };
}

function add(zone: Zone, name: string, ...records: ZoneRecord[]): void {
  zone.set(name, [...(zone.get(name) ?? []), ...records]);
}

export function hostileZone(): Zone {
  const zone: Zone = new Map();

  const mxTerms = Array.from({ length: 100 }, (_, i) => `mx:m${i}.${AMPLIFICATION}`);
  add(zone, AMPLIFICATION, txt(`v=spf1 ${mxTerms.join(" ")} -all`));
  for (let i = 0; i < 100; i++) {
    for (let k = 0; k < 10; k++) {
      const exchange = `e${k}.m${i}.${AMPLIFICATION}`;
      add(zone, `m${i}.${AMPLIFICATION}`, { type: "MX", priority: k, exchange });
      add(zone, exchange, { type: "A", address: `198.18.${i}.${k + 1}` });
    }
  }

  add(zone, EXP_BOMB, txt(`v=spf1 -all exp=explain.${EXP_BOMB}`));
  add(zone, `explain.${EXP_BOMB}`, txt("%{s}".repeat(16_000)));

  const includes = Array.from({ length: FLOOD_INCLUDES }, (_, k) => `include:n${k}.${NETWORK_FLOOD}`);
  add(zone, NETWORK_FLOOD, txt(`v=spf1 ${includes.join(" ")} -all`));
  for (let k = 0; k < FLOOD_INCLUDES; k++) {
    const networks = Array.from({ length: FLOOD_NETWORKS_PER_INCLUDE }, (_, n) => {
      const index = k * FLOOD_NETWORKS_PER_INCLUDE + n;
      return `ip4:${11 + (index >> 16)}.${(index >> 8) & 255}.${index & 255}.0/24`;
    });
    add(zone, `n${k}.${NETWORK_FLOOD}`, txt(`v=spf1 ${networks.join(" ")} ~all`));
  }

  for (let i = 0; i < 10; i++) {
    const terms = Array.from({ length: 100 }, (_, t) => `a:t${t}.${starved(i)}`);
    add(zone, starved(i), txt(`v=spf1 ${terms.join(" ")} -all`));
    for (let t = 0; t < 100; t++) add(zone, `t${t}.${starved(i)}`, { type: "TIMEOUT" });
  }

  add(zone, BROKEN, { type: "SERVFAIL" });

  add(zone, INSIDE, txt(`v=spf1 a:db.${INSIDE} mx:${INSIDE} ip4:192.0.2.0/24 -all`));
  add(zone, `db.${INSIDE}`, { type: "A", address: "10.1.2.3" }, { type: "AAAA", address: "fd00::5" });
  add(zone, INSIDE, { type: "MX", priority: 10, exchange: `mail.${INSIDE}` });
  add(zone, `mail.${INSIDE}`, { type: "A", address: "192.168.7.7" }, { type: "A", address: "198.51.100.25" });

  add(zone, INNOCENT, txt("v=spf1 ip4:192.0.2.0/24 -all"));
  return zone;
}
