/**
 * Finds the IP address that delivered the original to the rejecting server, in the
 * remote server's own words ("[ip 203.0.113.5]", "client-ip=...", "Client host [...]").
 */
const IPV4 = "(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}";
const IPV6 = "[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}";

// Ordered from the most to the least explicit phrasing.
const PATTERNS = [
  new RegExp(`(?:client-ip|sender ip(?: address)?|connecting ip|source ip|\\bip(?: address)?)\\s*[=:]?\\s*\\[?(${IPV4}|${IPV6})\\]?`, "i"),
  new RegExp(`\\[ip:?\\s*(${IPV4})\\]`, "i"),
  // "host mx.example.com[192.0.2.1] said:" names the *receiving* server: only phrases about the client count.
  new RegExp(`(?:client host|client|connection from|from)\\s+\\S{0,255}?\\s*\\[(${IPV4})\\]`, "i"),
  // Gmail: "550-5.7.1 [203.0.113.5      12] Our system has detected ..."
  new RegExp(`\\[(${IPV4}|${IPV6})\\s{1,12}\\d{1,3}\\]`),
  // Outlook.com and Yahoo: "messages from 203.0.113.5 weren't sent", "Messages from ... temporarily deferred".
  new RegExp(`\\bmessages from \\[?(${IPV4})\\]?`, "i"),
];

/** Multi-line replies quoted as one line: "... with the ip: 550-5.7.26 [192.0.2.24]" loses its "550-5.7.26 ". */
const CONTINUATION = /(?<![\d.])[245]\d\d-[245]\.\d{1,3}\.\d{1,3}[ \t]/g;

/** Documentation, private, loopback and link-local ranges never identify a sender to a receiver. */
function isPublicIPv4(ip: string): boolean {
  const [a, b] = ip.split(".").map(Number);
  if (a === 10 || a === 127 || a === 0 || a >= 224) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 169 && b === 254) return false;
  return true;
}

export function findSendingIp(diagnostic: string | null | undefined): string | null {
  if (!diagnostic) return null;
  const text = (diagnostic.length > 8192 ? diagnostic.slice(0, 8192) : diagnostic).replace(CONTINUATION, "");
  for (const pattern of PATTERNS) {
    const ip = pattern.exec(text)?.[1];
    if (ip && (ip.includes(":") || isPublicIPv4(ip))) return ip.toLowerCase();
  }
  return null;
}
