/**
 * The connecting IP as SPF sees it: IPv4-mapped IPv6 addresses count as IPv4
 * (RFC 7208 5), networks are matched with ipaddr.js.
 */
import ipaddr from "ipaddr.js";

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
  if (!ipaddr.isValid(network)) return false;
  const parsed = ipaddr.parse(network);
  if (parsed.kind() !== client.address.kind()) return false;
  return client.address.match(parsed, prefix);
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

/** Number of IPv4 addresses in a /prefix network. */
export function ip4NetworkSize(prefix: number): number {
  return 2 ** (32 - prefix);
}
