/**
 * Validation of a check request's fields. Every rejection says which field is wrong
 * and why, so the caller can fix it; accepted values come back normalized.
 */
import ipaddr from "ipaddr.js";

export interface CheckInput {
  domain: string;
  ip?: string;
  sender?: string;
  helo?: string;
}

export type Validation = { ok: true; input: CheckInput } | { ok: false; error: string };

const FIELDS = ["domain", "ip", "sender", "helo"] as const;
const MAX_DOMAIN_LENGTH = 253;
const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const QUOTED_LOCAL = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"$/;

/** A host name in ASCII (internationalized names converted to punycode), or an error message. */
export function normalizeDomain(value: string): { domain: string } | { error: string } {
  if (value.length === 0) return { error: "is empty" };
  if (value.length > 1024) return { error: "is too long" };
  if (/[\s/?#@:[\]\\%]/.test(value)) return { error: "contains characters a domain name cannot hold" };
  let ascii = value.replace(/\.$/, "");
  if (/[^\x00-\x7f]/.test(ascii)) {
    try {
      ascii = new URL(`http://${ascii}/`).hostname; // IDNA to punycode, the same in browsers and Node
    } catch {
      return { error: "is not a valid internationalized domain name" };
    }
  }
  ascii = ascii.toLowerCase();
  if (ascii.length > MAX_DOMAIN_LENGTH) return { error: `is longer than ${MAX_DOMAIN_LENGTH} characters` };
  const labels = ascii.split(".");
  if (labels.length < 2) return { error: "must have at least two labels (e.g. example.com)" };
  const bad = labels.find((label) => !LABEL.test(label));
  if (bad !== undefined) {
    return { error: bad.length > 63 ? "has a label longer than 63 characters" : `has an invalid label "${bad.slice(0, 63)}"` };
  }
  if (/^\d+$/.test(labels[labels.length - 1])) return { error: "ends in a numeric label (an IP address is not a domain)" };
  return { domain: ascii };
}

/** IPv4 in dotted-quad form or IPv6 (no zone id), normalized. */
export function normalizeIp(value: string): { ip: string } | { error: string } {
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return { ip: ipaddr.IPv4.parse(value).toString() };
  if (!value.includes("%") && ipaddr.IPv6.isValid(value)) return { ip: ipaddr.IPv6.parse(value).toString() };
  return { error: "is not an IPv4 (dotted quad) or IPv6 address" };
}

/** A mailbox local-part@domain (RFC 5321 syntax), with the domain normalized. */
export function normalizeAddress(value: string): { address: string } | { error: string } {
  if (value.length > MAX_ADDRESS_LENGTH) return { error: `is longer than ${MAX_ADDRESS_LENGTH} characters` };
  const at = value.lastIndexOf("@");
  if (at < 0) return { error: "is not an email address (local-part@domain)" };
  const local = value.slice(0, at);
  if (local.length === 0 || local.length > MAX_LOCAL_PART_LENGTH) {
    return { error: `has a local part that is empty or longer than ${MAX_LOCAL_PART_LENGTH} characters` };
  }
  if (!DOT_ATOM.test(local) && !QUOTED_LOCAL.test(local)) return { error: "has an invalid local part" };
  const domain = normalizeDomain(value.slice(at + 1));
  if ("error" in domain) return { error: `has a domain that ${domain.error}` };
  return { address: `${local}@${domain.domain}` };
}

/** A HELO/EHLO name: a domain, or an address literal such as [192.0.2.1] or [IPv6:2001:db8::1]. */
export function normalizeHelo(value: string): { helo: string } | { error: string } {
  const literal = /^\[(?:IPv6:)?([^\]]+)\]$/i.exec(value);
  if (literal) {
    const ip = normalizeIp(literal[1]);
    return "error" in ip ? { error: "is an address literal holding no valid IP address" } : { helo: value };
  }
  const domain = normalizeDomain(value);
  return "error" in domain ? domain : { helo: domain.domain };
}

/** Validates raw request fields (JSON body or query parameters). */
export function validateCheckInput(raw: Record<string, unknown>): Validation {
  const unknown = Object.keys(raw).filter((key) => !(FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0) return { ok: false, error: `unknown field "${unknown[0].slice(0, 40)}"` };
  for (const field of FIELDS) {
    if (raw[field] !== undefined && typeof raw[field] !== "string") return { ok: false, error: `"${field}" must be a string` };
  }
  const fields = raw as Partial<Record<(typeof FIELDS)[number], string>>;
  if (fields.domain === undefined) return { ok: false, error: `"domain" is required` };

  const domain = normalizeDomain(fields.domain);
  if ("error" in domain) return { ok: false, error: `"domain" ${domain.error}` };
  const input: CheckInput = { domain: domain.domain };

  if (fields.ip !== undefined) {
    const ip = normalizeIp(fields.ip);
    if ("error" in ip) return { ok: false, error: `"ip" ${ip.error}` };
    input.ip = ip.ip;
  }
  // An empty sender is the null reverse-path of a bounce: SPF then checks the HELO identity.
  if (fields.sender === "") input.sender = "";
  else if (fields.sender !== undefined) {
    const sender = normalizeAddress(fields.sender);
    if ("error" in sender) return { ok: false, error: `"sender" ${sender.error}` };
    input.sender = sender.address;
  }
  if (fields.helo !== undefined) {
    const helo = normalizeHelo(fields.helo);
    if ("error" in helo) return { ok: false, error: `"helo" ${helo.error}` };
    input.helo = helo.helo;
  }
  return { ok: true, input };
}
