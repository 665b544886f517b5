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
}

/** The request fields, in the order the doors list them. */
export const CHECK_FIELDS = ["domain", "ip", "sender", "helo"] as const satisfies readonly (keyof CheckInput)[];
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
  const domain = fields.domain || checkedIdentity(fields.sender, fields.helo);
  if (domain === undefined) return { ok: false, field: "domain", problem: "is required (or a sender, or a HELO name for a null sender)" };
  return { ok: true, input: { domain: toALabels(domain), ...input } };
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
