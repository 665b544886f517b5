/**
 * The one contract of a check request (`POST /api/check`, `bounce-doctor spf`, the
 * pane's checks client) and its one validator.
 *
 * The validator refuses only what cannot be evaluated at all: a value that is not a
 * string, longer than the limit, holding control characters, or an IP that is not an
 * IP. Everything else goes to the engine, whose answer is the result: real bounces
 * carry HELO names like `hosed` or `[192.0.2.1]`, local parts with spaces, labels over
 * 63 octets, and RFC 7208 gives each of them an answer (4.3: a malformed domain is
 * "none"), which is worth more to the user than a usage error.
 */
import { parseClientIp } from "./ip";

/** What a check is asked about. Only names and an IP: never any text of the message. */
export interface CheckInput {
  /** The domain whose SPF is checked: MAIL FROM's domain, or the HELO name for a null sender. */
  domain: string;
  /** The connecting client's IP, normalized (dotted quad or RFC 5952 IPv6). */
  ip?: string;
  /** MAIL FROM; "" is the null reverse-path of a bounce. */
  sender?: string;
  /** The HELO/EHLO name as the client gave it (a name, or an address literal). */
  helo?: string;
  /** The returned original's From domain: DMARC and alignment are checked for it (default: domain). */
  fromDomain?: string;
  /**
   * The original's DKIM signatures as "selector:domain" pairs (s= and d=), separated by
   * spaces, at most MAX_DKIM_SIGNATURES: each key is looked up at selector._domainkey.domain.
   */
  dkim?: string;
}

/** The request fields, in the order the doors list them. */
export const CHECK_FIELDS = ["domain", "ip", "sender", "helo", "fromDomain", "dkim"] as const satisfies readonly (keyof CheckInput)[];
export type CheckField = (typeof CHECK_FIELDS)[number];

/**
 * Longest value accepted per field, in UTF-16 code units. Far above anything SMTP can
 * carry (a MAIL or HELO command line is at most 512 octets, RFC 5321 4.5.3.1.4), so
 * every value a real session produced is evaluated; the bound only caps the work.
 * @internal exported for its test
 */
export const MAX_FIELD_LENGTH = 1024;

export type CheckInputResult = { ok: true; input: CheckInput } | { ok: false; field: CheckField | null; problem: string };

// C0, DEL and C1 controls: no DNS name or SMTP value holds them, and they would reach logs and terminals.
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

/**
 * Validates raw request fields (a JSON body, query parameters or command-line
 * options). A missing domain is the one SPF checks: the sender's, else the HELO name.
 */
export function validateCheckInput(raw: Readonly<Record<string, unknown>>): CheckInputResult {
  const unknown = Object.keys(raw).find((key) => !(CHECK_FIELDS as readonly string[]).includes(key));
  if (unknown !== undefined) return { ok: false, field: null, problem: `unknown field "${unknown.slice(0, 40).replace(CONTROL, "?")}"` };
  const fields: Partial<Record<CheckField, string>> = {};
  for (const field of CHECK_FIELDS) {
    const value = raw[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") return { ok: false, field, problem: "must be a string" };
    if (value.length > MAX_FIELD_LENGTH) return { ok: false, field, problem: `is longer than ${MAX_FIELD_LENGTH} characters` };
    if (CONTROL.test(value)) return { ok: false, field, problem: "contains control characters" };
    fields[field] = value;
  }

  const input: Partial<CheckInput> = {};
  if (fields.ip !== undefined) {
    const client = parseClientIp(fields.ip);
    if (!client) return { ok: false, field: "ip", problem: "is not an IPv4 (dotted quad) or IPv6 address" };
    input.ip = client.text;
  }
  if (fields.sender !== undefined) input.sender = fields.sender;
  if (fields.helo !== undefined) input.helo = fields.helo;
  if (fields.fromDomain) input.fromDomain = toALabels(fields.fromDomain.replace(/\.$/, ""));
  if (fields.dkim !== undefined && fields.dkim.trim() !== "") {
    const pairs = dkimSignatures(fields.dkim);
    if (pairs === null) return { ok: false, field: "dkim", problem: `must be up to ${MAX_DKIM_SIGNATURES} selector:domain pairs separated by spaces` };
    input.dkim = pairs.map(({ selector, domain }) => `${selector}:${domain}`).join(" ");
  }
  const domain = fields.domain || checkedIdentity(fields.sender, fields.helo);
  if (domain === undefined) return { ok: false, field: "domain", problem: "is required (or a sender, or a HELO name for a null sender)" };
  return { ok: true, input: { domain: toALabels(domain), ...input } };
}

/** DKIM signatures checked per request at most: mail carries one or two, rarely more. */
export const MAX_DKIM_SIGNATURES = 5;

/** The "selector:domain" pairs of a dkim field, or null when it is not such a list. */
export function dkimSignatures(text: string | undefined): Array<{ selector: string; domain: string }> | null {
  if (text === undefined || text.trim() === "") return [];
  const pairs = text.trim().split(/\s+/);
  if (pairs.length > MAX_DKIM_SIGNATURES) return null;
  const parsed: Array<{ selector: string; domain: string }> = [];
  for (const pair of pairs) {
    const colon = pair.indexOf(":");
    if (colon <= 0 || colon === pair.length - 1) return null;
    parsed.push({ selector: pair.slice(0, colon).toLowerCase(), domain: toALabels(pair.slice(colon + 1).replace(/\.$/, "")) });
  }
  return parsed;
}

/** The message for a failed validation, naming the field as the door calls it (`"ip"`, `--ip`). */
export function checkInputError(result: Extract<CheckInputResult, { ok: false }>, name: (field: CheckField) => string): string {
  return result.field === null ? result.problem : `${name(result.field)} ${result.problem}`;
}

/**
 * The identity RFC 7208 checks when no domain is named: MAIL FROM's domain (2.4),
 * or the HELO name when MAIL FROM is null (2.4: "postmaster@" the HELO name).
 */
function checkedIdentity(sender: string | undefined, helo: string | undefined): string | undefined {
  if (sender) return sender.slice(sender.lastIndexOf("@") + 1);
  return helo || undefined;
}

/**
 * The checked name in the form DNS compares it in: lower case (RFC 4343), and
 * internationalized names as A-labels (RFC 7208 4.3). A name that does not convert
 * is left as it is: the engine answers for it ("none").
 */
function toALabels(domain: string): string {
  if (!/[^\x00-\x7f]/.test(domain)) return domain.toLowerCase();
  if (/[\s/?#@:[\]\\%]/.test(domain)) return domain;
  try {
    return new URL(`http://${domain}/`).hostname; // IDNA (UTS #46), the same in browsers and Node
  } catch {
    return domain;
  }
}
