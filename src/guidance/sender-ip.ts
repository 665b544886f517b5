/**
 * The sending IP a rejection quotes ("Client host [192.0.2.49] blocked", "Reverse DNS
 * lookup for host 203.0.113.22 failed"): the address the receiver judged, which is
 * the one to look up, even when the bounce's headers show another hop.
 */
import ipaddr from "ipaddr.js";

const IPV4 = /(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?![\d.])/g;

/** How Exim and Postfix name the receiving server ("host mx.example.net [192.0.2.1]", "connect to mx.example.net[...]"): not the sender. */
const RECEIVING_HOST = /\b(?:host|connect to)\s+[a-z0-9-]+(?:\.[a-z0-9-]+)+\s?\[[0-9a-f.:]{1,45}\]/g;

/** The one public IPv4 address a rejection quotes about the sender ("Client host [192.0.2.49]"), or null. */
export function senderIpFromText(diagnostic: string | null | undefined): string | null {
  const found = new Set<string>();
  for (const m of (diagnostic ?? "").slice(0, 2000).toLowerCase().replace(RECEIVING_HOST, " ").matchAll(IPV4)) {
    if (ipaddr.IPv4.isValidFourPartDecimal(m[1]) && ipaddr.IPv4.parse(m[1]).range() !== "private") found.add(m[1]);
  }
  return found.size === 1 ? [...found][0] : null;
}
