/**
 * Is the sending IP on a DNS blocklist now? Each zone is asked once, in parallel, and
 * its answer read as the list documents it (dnsbl-lists.ts). Only host-name zones are
 * asked, at most MAX_ZONES of them, and only for a public address: a private one
 * (10/8, 192.168/16, ...) is on no public list and would only leak an internal address.
 */
import { singleLine } from "../text/sanitize";
import type { Resolver } from "../spf/types";
import { isLoopbackCode, knownList, type DnsblList } from "./dnsbl-lists";
import { hostName, parseIp, reversedIp } from "./names";
import type { DnsblMeaning, DnsblReport, DnsblResult } from "./types";
import { NotCheckableError } from "../spf/check-failure";

/** Zones named by a rejection that are asked (a bounce names one, rarely two). */
const MAX_NAMED_ZONES = 3;
/** Zones asked in all. */
const MAX_ZONES = 8;
/** A records read per answer, and the length kept of a list's TXT reason. */
const MAX_CODES = 8;
const MAX_REASON = 300;

const NOT_PUBLIC = new Set(["private", "loopback", "linkLocal", "uniqueLocal", "unspecified", "carrierGradeNat", "multicast", "broadcast"]);

export interface DnsblOptions {
  /** The configured zones, asked after the named ones (DNSBL_ZONES). */
  zones: readonly string[];
  /** A Spamhaus Data Query Service key: Spamhaus is then asked at <key>.zen.dq.spamhaus.net. */
  spamhausDqsKey?: string;
}

/** The zones to ask: the rejection's first, then the configured, each once, only host names. */
function zonesToAsk(named: readonly string[], configured: readonly string[]): { zone: string; named: boolean }[] {
  const out: { zone: string; named: boolean }[] = [];
  const add = (raw: string, isNamed: boolean) => {
    const zone = hostName(raw);
    if (zone && out.length < MAX_ZONES && !out.some((z) => z.zone === zone)) out.push({ zone, named: isNamed });
  };
  for (const zone of named.slice(0, MAX_NAMED_ZONES)) add(zone, true);
  for (const zone of configured.slice(0, MAX_ZONES)) add(zone, false);
  return out;
}

function queryZone(list: DnsblList | null, zone: string, key: string | undefined): string {
  return list?.zone === "zen.spamhaus.org" && key ? `${key}.zen.dq.spamhaus.net` : zone;
}

function meaningsOf(list: DnsblList | null, codes: string[]): { meanings: DnsblMeaning[]; undocumented: string[] } {
  const meanings: DnsblMeaning[] = [];
  const undocumented: string[] = [];
  for (const code of codes) {
    const meaning = list ? list.codes[code] : isLoopbackCode(code) ? { id: "listed", label: code, policy: false } : undefined;
    if (!meaning) undocumented.push(code);
    else if (!meanings.some((m) => m.id === meaning.id && m.label === meaning.label)) meanings.push(meaning);
  }
  return { meanings, undocumented };
}

async function askList(resolver: Resolver, reversed: string, v6: boolean, zone: string, named: boolean, key?: string): Promise<DnsblResult> {
  const list = knownList(zone);
  const base: DnsblResult = { zone, name: list?.name ?? zone, status: "not-listed", codes: [], meanings: [], reason: null, lookupUrl: list?.lookupUrl ?? null, named };
  if (v6 && list && !list.ipv6) return { ...base, status: "unsupported" };
  const name = `${reversed}.${queryZone(list, zone, key)}`;
  const answer = await resolver.lookup(name, "A");
  if (answer.status === "nxdomain" || answer.status === "nodata") return base;
  // The DQS key is part of the name asked: it must not come back in an error message.
  if (answer.status === "error") return { ...base, status: "error", error: key ? answer.message.split(key).join("<key>") : answer.message };
  const codes = answer.records.slice(0, MAX_CODES);
  if (list?.refused && codes.some(list.refused)) {
    return { ...base, status: "refused", codes, error: `${list.name} refused the query (${codes.join(", ")}): it answers only queries from a registered or non-public resolver` };
  }
  const { meanings, undocumented } = meaningsOf(list, codes);
  if (meanings.length === 0) {
    return { ...base, status: "error", codes, error: `answer ${undocumented.join(", ")} is not a listing this list documents (RFC 5782 section 2.1: 127.0.0.0/8)` };
  }
  const txt = await resolver.lookup(name, "TXT");
  const reason = txt.status === "ok" && txt.records.length > 0 ? singleLine(txt.records[0].slice(0, 4).join(""), MAX_REASON) : null;
  return { ...base, status: "listed", codes, meanings, reason: reason || null };
}

export async function checkDnsbl(rawIp: string, named: readonly string[], resolver: Resolver, options: DnsblOptions): Promise<DnsblReport> {
  const ip = parseIp(rawIp);
  if (!ip) throw new NotCheckableError(`"${rawIp.slice(0, 60)}" is not an IP address`);
  const text = ip.toString();
  if (NOT_PUBLIC.has(ip.range())) throw new NotCheckableError(`${text} is not a public address: no public blocklist lists it`);
  const reversed = reversedIp(ip);
  const zones = zonesToAsk(named, options.zones);
  const results = await Promise.all(
    zones.map(({ zone, named: isNamed }) => askList(resolver, reversed, ip.kind() === "ipv6", zone, isNamed, options.spamhausDqsKey)),
  );
  return { ip: text, results };
}
