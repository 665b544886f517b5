/**
 * Who a request comes from, as the key rate limits count against. Behind a proxy the
 * address is the last X-Forwarded-For entry: the proxy appends the peer it saw, while
 * every entry before it is whatever the client chose to send (so the first entry
 * would let anyone pick a fresh identity per request). IPv6 clients are counted per
 * /64, the block one subscriber gets, so rotating addresses within it does not help.
 */
import ipaddr from "ipaddr.js";

/** The rate-limit key for a peer address ("ip", "ip:port", "[ipv6]:port"), or null when it is no IP. */
export function clientKey(address: string | undefined): string | null {
  const bare = stripPort((address ?? "").trim());
  if (!ipaddr.isValid(bare)) return null;
  let ip = ipaddr.parse(bare);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  if (ip.kind() === "ipv4") return ip.toString();
  const parts = (ip as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
}

/** The address the nearest (trusted) proxy recorded: the last X-Forwarded-For entry. */
export function forwardedClient(header: string | null | undefined): string | null {
  const entries = (header ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  return entries.length > 0 ? entries[entries.length - 1] : null;
}

function stripPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1];
  // One colon is IPv4 with a port; several are a bare IPv6 address, whose last group is no port.
  return /^[^:]+:\d+$/.test(address) ? address.slice(0, address.lastIndexOf(":")) : address.replace(/%.*$/, "");
}
