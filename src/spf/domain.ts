/** Domain-name rules SPF applies before and after macro expansion (RFC 7208 4.3, 7.3). */

const MAX_NAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;

/** Lowercase and drop one trailing dot: the form names are compared and queried in. */
function normalizeDomain(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/** True when a DNS query can be composed for the name: 1-63 character labels, 253 in all. */
export function isQueryableName(name: string): boolean {
  const length = name.endsWith(".") ? name.length - 1 : name.length;
  if (length === 0 || length > MAX_NAME_LENGTH) return false;
  // Scans label boundaries in place: this runs for every name a check touches.
  let labelStart = 0;
  for (;;) {
    const dot = name.indexOf(".", labelStart);
    const labelEnd = dot < 0 || dot >= length ? length : dot;
    const labelLength = labelEnd - labelStart;
    if (labelLength === 0 || labelLength > MAX_LABEL_LENGTH) return false;
    if (labelEnd === length) return true;
    labelStart = labelEnd + 1;
  }
}

/**
 * RFC 7208 4.3: check_host() returns "none" for a malformed <domain>: a
 * domain literal, a single label (not fully qualified) or a label DNS cannot carry.
 */
export function isCheckableDomain(domain: string): boolean {
  const bare = domain.replace(/\.$/, "");
  if (bare.startsWith("[") || !bare.includes(".")) return false;
  return isQueryableName(bare);
}

/**
 * RFC 7208 7.3: an expanded name longer than 253 characters loses labels from
 * the left until it fits.
 */
export function truncateDomain(name: string): string {
  let result = name;
  while (result.length > MAX_NAME_LENGTH && result.includes(".")) {
    result = result.slice(result.indexOf(".") + 1);
  }
  return result;
}

/** `name` equals `parent` or lies below it (case-insensitive). */
export function isSubdomainOf(name: string, parent: string): boolean {
  const child = normalizeDomain(name);
  const base = normalizeDomain(parent);
  return child === base || child.endsWith(`.${base}`);
}
