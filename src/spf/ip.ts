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

/** Parses the connecting IP, or returns null when it is not an IP address. */
export function parseClientIp(ip: string): ClientIp | null {
  const trimmed = ip.trim();
  // ipaddr.js also takes classful forms ("1.2.3"); a client address is a full dotted quad or IPv6.
  const wellFormed = trimmed.includes(":") ? isIp6Network(trimmed) : ipaddr.IPv4.isValidFourPartDecimal(trimmed);
  if (!wellFormed) return null;
  const address = ipaddr.process(trimmed);
  if (address.kind() === "ipv4") return { family: 4, address, text: address.toString() };
  return { family: 6, address, text: (address as ipaddr.IPv6).toRFC5952String() };
}

/** RFC 7208 ip4-network: a dotted quad without leading zeros. */
export function isIp4Network(text: string): boolean {
  const octet = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)";
  return new RegExp(`^${octet}(?:\\.${octet}){3}$`).test(text);
}

/** RFC 7208 ip6-network (RFC 4291 text forms, no zone index). */
export function isIp6Network(text: string): boolean {
  return /^[0-9a-f:.]+$/i.test(text) && text.includes(":") && ipaddr.IPv6.isValid(text);
}

/** Does the client fall inside `network`/`prefix`? Families never cross. */
export function inNetwork(client: ClientIp, network: string, prefix: number): boolean {
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
    address = ipaddr.isValid(text) ? ipaddr.parse(text) : null;
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
    range = ipaddr.isValid(address) ? computeRange(address, prefix, family) : null;
    recentNetworks.set(key, range);
  }
  return range;
}

function computeRange(address: string, prefix: number, family: 4 | 6): NetworkRange {
  const base = family === 4 ? ipaddr.IPv4.networkAddressFromCIDR(`${address}/${prefix}`) : ipaddr.IPv6.networkAddressFromCIDR(`${address}/${prefix}`);
  const first = base.toByteArray().reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
  const last = first + (1n << BigInt((family === 4 ? 32 : 128) - prefix)) - 1n;
  return { cidr: `${base.toString()}/${prefix}`, first, last };
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
