/**
 * The names the live checks may ask DNS about. A name from a bounce or a request is
 * used only when it is a plain host name (letters, digits, hyphens; RFC 1123 section 2.1),
 * so nothing else ever reaches a query: not a zone like "zen.spamhaus.org;", not a URL.
 */
import ipaddr from "ipaddr.js";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const MAX_NAME = 253;

/** The name in lower case without a final dot, or null when it is not a host name of two labels or more. */
export function hostName(raw: string | null | undefined): string | null {
  if (typeof raw !== "string") return null;
  const name = raw.trim().toLowerCase().replace(/\.$/, "");
  if (name.length === 0 || name.length > MAX_NAME) return null;
  const labels = name.split(".");
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  // The last label of a real domain is never all digits (RFC 3696 section 2): that is an address.
  return /^\d+$/.test(labels[labels.length - 1]) ? null : name;
}

/** The IP normalized (dotted quad or RFC 5952), or null. */
export function parseIp(raw: string | null | undefined): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (typeof raw !== "string") return null;
  const text = raw.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (ipaddr.IPv6.isValid(text)) {
    const v6 = ipaddr.IPv6.parse(text);
    return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
  }
  return null;
}

/**
 * The IP's labels in reverse order, as DNSBLs (RFC 5782 sections 2.1 and 2.4) and
 * reverse zones (RFC 1035 section 3.5, RFC 3596 section 2.5) name it: octets for IPv4,
 * nibbles for IPv6.
 */
export function reversedIp(ip: ipaddr.IPv4 | ipaddr.IPv6): string {
  if (ip.kind() === "ipv4") return ip.toByteArray().reverse().join(".");
  return ip
    .toByteArray()
    .flatMap((byte) => [byte >> 4, byte & 0xf])
    .reverse()
    .map((nibble) => nibble.toString(16))
    .join(".");
}

/** The PTR name of an IP: in-addr.arpa or ip6.arpa. */
export function ptrName(ip: ipaddr.IPv4 | ipaddr.IPv6): string {
  return `${reversedIp(ip)}.${ip.kind() === "ipv4" ? "in-addr.arpa" : "ip6.arpa"}`;
}
