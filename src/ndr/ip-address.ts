/**
 * IP address literals in bounce text: strict validation (a time "10:12:00" is no IPv6
 * address) and whether an address can identify a sending server to a receiver.
 */

export const IPV4_PATTERN = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}";
/** Loose IPv6 shape; every match is checked by isIPv6. */
export const IPV6_PATTERN = "(?:[0-9A-Fa-f]{1,4}:|::?)[0-9A-Fa-f:.]{2,60}";

const IPV4 = new RegExp(`^${IPV4_PATTERN}$`);

export function isIPv4(text: string): boolean {
  return IPV4.test(text);
}

/** RFC 4291 §2.2 text forms: eight groups, or fewer with one "::", maybe ending in a dotted quad. */
export function isIPv6(text: string): boolean {
  if (text.length > 45 || !text.includes(":")) return false;
  const halves = text.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === "" ? [] : half.split(":")));
  const last = groups[groups.length - 1] ?? "";
  const quad = last.includes(".");
  if (quad && !isIPv4(last)) return false;
  const hexGroups = quad ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) return false;
  const count = hexGroups.length + (quad ? 2 : 0);
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** The eight 16-bit groups of a valid IPv6 address. */
function ipv6Groups(text: string): number[] {
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const parse = (part: string) =>
    part === ""
      ? []
      : part.split(":").flatMap((group) => {
          if (!group.includes(".")) return [parseInt(group, 16)];
          const [a, b, c, d] = group.split(".").map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const front = parse(head);
  const back = tail === null ? [] : parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * Private (RFC 1918, RFC 6598 shared, RFC 4193 unique local), loopback, link-local,
 * unspecified, multicast and reserved addresses never name a sender to a receiver
 * across the Internet. The documentation ranges (RFC 5737, RFC 3849) are kept: no real
 * server sends from them, and anonymised bounces (and this product's examples) use them
 * in place of real addresses.
 */
export function isRoutableIp(ip: string): boolean {
  if (isIPv4(ip)) {
    const [a, b] = ip.split(".").map(Number);
    if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
    if (a === 100 && b >= 64 && b <= 127) return false;
    if (a === 169 && b === 254) return false;
    if (a === 172 && b >= 16 && b <= 31) return false;
    if (a === 192 && b === 168) return false;
    return true;
  }
  if (!isIPv6(ip)) return false;
  const groups = ipv6Groups(ip.toLowerCase());
  const [first] = groups;
  if (groups.every((group, index) => group === 0 || (index === 7 && group === 1))) return false; // :: and ::1
  // IPv4-mapped (::ffff:a.b.c.d): the IPv4 rules.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return isRoutableIp([groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join("."));
  }
  if ((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00) return false;
  return true;
}
