/**
 * The connecting IP as SPF sees it: IPv4-mapped IPv6 addresses count as IPv4
 * (RFC 7208 5), networks are matched with ipaddr.js.
 */
import ipaddr from "ipaddr.js";
import { RecentMap } from "./recent";

export interface ClientIp {
  family: 4 | 6;
  address: ipaddr.IPv4 | ipaddr.IPv6;
  /** Canonical text: dotted quad, or RFC 5952 IPv6 (the %{c} macro). */
  text: string;
}

/**
 * The one reader of IP address text: a dotted quad (no classful forms such as "1.2.3",
 * which ipaddr.js also takes), or IPv6 in the RFC 4291 section 2.2 forms. A trailing
 * dotted quad in IPv6 is read as the last two groups, so "::192.0.2.5" (the deprecated
 * IPv4-compatible form, RFC 4291 2.5.5.1) stays that IPv6 address; ipaddr.js would read
 * any such text as IPv4-mapped (::ffff:192.0.2.5). Null when the text is no address.
 */
function parseIpText(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!text.includes(":")) {
    const value = ip4Value(text);
    return value === null ? null : new ipaddr.IPv4([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]);
  }
  if (!/^[0-9a-f:.]+$/i.test(text)) return null;
  let groups = text;
  const embedded = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (embedded) {
    if (!ipaddr.IPv4.isValidFourPartDecimal(embedded[2])) return null;
    const [a, b, c, d] = ipaddr.IPv4.parse(embedded[2]).octets;
    groups = `${embedded[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  } else if (text.includes(".")) {
    return null;
  }
  return ipaddr.IPv6.isValid(groups) ? ipaddr.IPv6.parse(groups) : null;
}

/** Parses the connecting IP, or returns null when it is not an IP address. */
export function parseClientIp(ip: string): ClientIp | null {
  let address = parseIpText(ip.trim());
  if (!address) return null;
  // RFC 7208 section 5: an IPv4-mapped IPv6 client is treated as IPv4 (the IPv4-compatible form is not).
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
  if (address.kind() === "ipv4") return { family: 4, address, text: address.toString() };
  return { family: 6, address, text: (address as ipaddr.IPv6).toRFC5952String() };
}

/** RFC 7208 ip4-network: a dotted quad without leading zeros. */
const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)";
const IP4_NETWORK = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

export function isIp4Network(text: string): boolean {
  return IP4_NETWORK.test(text);
}

/** RFC 7208 ip6-network (RFC 4291 text forms, no zone index). */
export function isIp6Network(text: string): boolean {
  return parseIpText(text)?.kind() === "ipv6";
}

/** A dotted quad (no leading zeros) as an unsigned 32-bit integer, or null when the text is not one. */
function ip4Value(text: string): number | null {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46) {
      if (digits === 0 || ++dots > 3) return null;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57) {
      if (digits > 0 && octet === 0) return null; // a leading zero
      octet = octet * 10 + (code - 48);
      if (++digits > 3 || octet > 255) return null;
    } else {
      return null;
    }
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : null;
}

/** The client's IPv4 address as an integer, worked out once per client. */
const clientValues = new WeakMap<ClientIp, number>();
function clientValue(client: ClientIp): number {
  let value = clientValues.get(client);
  if (value === undefined) clientValues.set(client, (value = ip4Value(client.text) ?? 0));
  return value;
}

/** Does the client fall inside `network`/`prefix`? Families never cross. */
export function inNetwork(client: ClientIp, network: string, prefix: number): boolean {
  // The common case, an IPv4 client against a dotted quad, as integers: a record can list
  // thousands of networks, too many to keep parsed, and ipaddr.js parsing costs microseconds.
  if (client.family === 4 && !network.includes(":")) {
    const value = ip4Value(network);
    if (value === null || prefix < 0 || prefix > 32) return false;
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
    return ((value & mask) >>> 0) === ((clientValue(client) & mask) >>> 0);
  }
  const parsed = parseAddress(network);
  if (!parsed || parsed.kind() !== client.address.kind()) return false;
  return client.address.match(parsed, prefix);
}

/** Address texts parsed, and networks computed, are kept this many each. */
const REMEMBERED_ADDRESSES = 1024;
// The same record networks and DNS addresses come back on every check, and ipaddr.js
// parsing is costly (a generic parse tries IPv6 first); the objects kept are never mutated.
const recentAddresses = new RecentMap<string, ipaddr.IPv4 | ipaddr.IPv6 | null>(REMEMBERED_ADDRESSES);
const recentNetworks = new RecentMap<string, NetworkRange | null>(REMEMBERED_ADDRESSES);

/** The IPv4 or IPv6 address written as `text`, or null when it is neither. */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  let address = recentAddresses.get(text);
  if (address === undefined) {
    address = parseIpText(text);
    recentAddresses.set(text, address);
  }
  return address;
}

export interface NetworkRange {
  /** Canonical CIDR text: the network address (host bits cleared) and the prefix. */
  cidr: string;
  /** First and last address as integers, for containment and counting. */
  first: bigint;
  last: bigint;
}

/**
 * The network `address`/`prefix` of the given family, or null when `address` is no
 * IP address at all (an address of the other family throws, as ipaddr.js does).
 */
export function networkRange(address: string, prefix: number, family: 4 | 6): NetworkRange | null {
  const key = `${family} ${address}/${prefix}`;
  let range = recentNetworks.get(key);
  if (range === undefined) {
    const parsed = parseIpText(address);
    range = parsed ? computeRange(parsed, prefix, family) : null;
    recentNetworks.set(key, range);
  }
  return range;
}

function computeRange(address: ipaddr.IPv4 | ipaddr.IPv6, prefix: number, family: 4 | 6): NetworkRange {
  if (address.kind() !== (family === 4 ? "ipv4" : "ipv6")) throw new TypeError(`not an IPv${family} address`);
  const bits = family === 4 ? 32 : 128;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) throw new RangeError(`bad prefix length ${prefix}`);
  const value = address.toByteArray().reduce((sum, byte) => (sum << 8n) | BigInt(byte), 0n);
  const hostBits = BigInt(bits - prefix);
  const first = (value >> hostBits) << hostBits;
  const last = first + (1n << hostBits) - 1n;
  const bytes = Array.from({ length: bits / 8 }, (_, i) => Number((first >> BigInt(bits - 8 * (i + 1))) & 255n));
  return { cidr: `${ipaddr.fromByteArray(bytes).toString()}/${prefix}`, first, last };
}

/** The %{i} macro: dotted quad, or 32 dot-separated nibbles for IPv6. */
export function macroIp(client: ClientIp): string {
  if (client.family === 4) return client.text;
  // Upper-case nibbles, as the reference implementation and the RFC test suite expect.
  return nibbles(client.address as ipaddr.IPv6).join(".").toUpperCase();
}

/** The in-addr.arpa / ip6.arpa name for the client's PTR lookup. */
export function reverseName(client: ClientIp): string {
  if (client.family === 4) return `${[...(client.address as ipaddr.IPv4).octets].reverse().join(".")}.in-addr.arpa`;
  return `${nibbles(client.address as ipaddr.IPv6).reverse().join(".")}.ip6.arpa`;
}

function nibbles(address: ipaddr.IPv6): string[] {
  return address.parts.flatMap((part) => part.toString(16).padStart(4, "0").split(""));
}

/**
 * Networks no host on the Internet sends from, whose addresses a DNS answer can only
 * reveal about the resolver's own network (RFC 6890 special-purpose registries):
 * "this network" 0/8, private 10/8, 172.16/12 and 192.168/16 (RFC 1918), shared
 * 100.64/10 (RFC 6598), loopback 127/8, link-local 169.254/16, reserved 240/4 (with
 * the limited broadcast); IPv6 unspecified, loopback, unique-local fc00::/7 (RFC 4193)
 * and link-local fe80::/10. An IPv4-mapped IPv6 address is judged as its IPv4 address.
 * Documentation networks (192.0.2/24 and the like) are not internal and stay listed.
 */
const INTERNAL_NETWORKS: ReadonlyArray<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "240.0.0.0/4",
  "::/128",
  "::1/128",
  "fc00::/7",
  "fe80::/10",
].map((cidr) => ipaddr.parseCIDR(cidr));

/** Is the address text one of a private, loopback, link-local or reserved network (see INTERNAL_NETWORKS)? */
export function isInternalAddress(text: string): boolean {
  let address = parseAddress(text);
  if (!address) return false;
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
  const kind = address.kind();
  return INTERNAL_NETWORKS.some(([network, prefix]) => network.kind() === kind && address.match(network, prefix));
}
