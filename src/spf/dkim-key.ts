/**
 * DKIM public keys (RFC 6376 3.6.1): the TXT record at <selector>._domainkey.<domain>,
 * parsed into what decides whether signatures with it verify: present, revoked (empty
 * p=), testing (t=y), key type and size. The key bytes are remote data: read with a
 * bounded DER walk, never handed to a crypto library.
 */
import { isQueryableName } from "./domain";
import type { DkimKeyReport, Problem, Resolver } from "./types";

/** The smallest RSA key verifiers accept: RFC 8301 3.2 ("MUST NOT consider ... less than 1024 bits"). */
const MIN_RSA_BITS = 1024;
/** The size RFC 8301 3.2 asks signers to use at least. */
const RECOMMENDED_RSA_BITS = 2048;
/** Characters of a key record read at most (a 4096-bit RSA key is about 740 characters of base64). */
const MAX_RECORD_LENGTH = 8192;

type Tags = Map<string, string>;

/** tag-list (RFC 6376 3.2): "tag=value; ..." with whitespace around tags and values ignored. */
function parseTagList(record: string): Tags | null {
  const tags: Tags = new Map();
  for (const part of record.slice(0, MAX_RECORD_LENGTH).split(";")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    if (eq < 0) return null;
    const name = part.slice(0, eq).trim();
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name) || tags.has(name)) return null;
    tags.set(name, part.slice(eq + 1).replace(/[\s]+/g, ""));
  }
  return tags;
}

function dkimKeyName(selector: string, domain: string): string {
  return `${selector}._domainkey.${domain}`;
}

export async function checkDkimKey(domain: string, selector: string, resolver: Resolver): Promise<DkimKeyReport> {
  const name = dkimKeyName(selector.toLowerCase(), domain.toLowerCase().replace(/\.$/, ""));
  const report: DkimKeyReport = { domain, selector, name, status: "missing", keyType: null, bits: null, testing: false, record: null, problems: [] };
  if (!isQueryableName(name)) {
    report.status = "invalid";
    report.problems.push(problem("invalid-name", "error", `${name} is not a name DNS can hold.`, "Check the selector and the signing domain (d=).", report));
    return report;
  }
  const answer = await resolver.lookup(name, "TXT");
  if (answer.status === "error") {
    report.status = "error";
    report.problems.push(problem("dns-error", "warning", `The DNS lookup for ${name} failed: ${answer.message}.`, "This is usually temporary; try again.", report));
    return report;
  }
  // Any TXT record at a _domainkey name is taken as a key record (v= is optional, RFC 6376 3.6.1).
  const records = answer.status === "ok" ? answer.records.map((strings) => strings.join("")) : [];
  if (records.length === 0) {
    report.problems.push(problem("no-key", "error", `No DKIM key is published at ${name}; receivers cannot verify signatures with selector ${selector}, so DKIM fails.`, `Publish the key the signing service gives you for selector ${selector} at ${name}.`, report));
    return report;
  }
  if (records.length > 1) {
    // RFC 6376 3.6.2.2: several key records make the outcome undefined; verifiers may try only one.
    report.problems.push(problem("several-keys", "warning", `${name} has ${records.length} TXT records; verifiers may use any one of them.`, "Keep exactly one key record per selector.", report, { count: records.length }));
  }
  const record = records[0].slice(0, MAX_RECORD_LENGTH);
  report.record = record;
  readKeyRecord(record, report);
  return report;
}

/** Fills the report from the record's tags. */
function readKeyRecord(record: string, report: DkimKeyReport): void {
  const tags = parseTagList(record);
  if (!tags) {
    report.status = "invalid";
    report.problems.push(problem("syntax", "error", `The DKIM key record at ${report.name} is not a valid tag list.`, "Publish the record exactly as the signing service gives it (tag=value pairs separated by semicolons).", report));
    return;
  }
  const version = tags.get("v");
  // RFC 6376 3.6.1: v= is optional, but when present it must be first and "DKIM1".
  if (version !== undefined && (version !== "DKIM1" || [...tags.keys()][0] !== "v")) {
    report.status = "invalid";
    report.problems.push(problem("bad-version", "error", `The DKIM key record at ${report.name} has v=${version}; only "v=DKIM1", first in the record, is valid.`, 'Start the record with "v=DKIM1;".', report));
    return;
  }
  const keyType = (tags.get("k") ?? "rsa").toLowerCase();
  report.keyType = keyType;
  report.testing = (tags.get("t") ?? "").toLowerCase().split(":").includes("y");
  const p = tags.get("p");
  if (p === undefined) {
    report.status = "invalid";
    report.problems.push(problem("no-p", "error", `The DKIM key record at ${report.name} has no p= tag.`, "Publish the full record, including p= with the public key.", report));
    return;
  }
  if (p === "") {
    report.status = "revoked";
    report.problems.push(problem("revoked", "error", `The DKIM key at ${report.name} is revoked (empty p=); signatures with selector ${report.selector} fail.`, `Sign with a current selector, or publish the current key at ${report.name}.`, report));
    return;
  }
  const bytes = decodeBase64(p);
  const bits = bytes ? keyBits(keyType, bytes) : null;
  if (bits === null) {
    report.status = "invalid";
    report.problems.push(problem("bad-key", "error", `The public key at ${report.name} cannot be read as a ${keyType} key.`, "Publish the key exactly as the signing service gives it; a truncated or re-wrapped key does not verify.", report));
    return;
  }
  report.bits = bits;
  report.status = "valid";
  if (keyType === "rsa" && bits < MIN_RSA_BITS) {
    report.problems.push(problem("weak-key", "error", `The DKIM key at ${report.name} is RSA ${bits} bits; receivers do not accept RSA keys under ${MIN_RSA_BITS} bits (RFC 8301), so DKIM fails.`, `Create a ${RECOMMENDED_RSA_BITS}-bit key and publish it under a new selector.`, report, { bits }));
  } else if (keyType === "rsa" && bits < RECOMMENDED_RSA_BITS) {
    report.problems.push(problem("short-key", "info", `The DKIM key at ${report.name} is RSA ${bits} bits; RFC 8301 asks for ${RECOMMENDED_RSA_BITS}.`, `Move to a ${RECOMMENDED_RSA_BITS}-bit key under a new selector when convenient.`, report, { bits }));
  }
  if (report.testing) {
    // RFC 6376 3.6.1 t=y: verifiers MUST NOT treat messages from signers in testing mode differently from unsigned email.
    report.problems.push(problem("testing", "warning", `The DKIM key at ${report.name} is marked as testing (t=y): receivers treat its signatures as if the mail were unsigned.`, "Remove t=y once signing works.", report));
  }
}

/** Base64 (RFC 4648 4) to bytes, or null when the text is not base64. Pure: no atob or Buffer. @internal exported for its test */
export function decodeBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return null;
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const clean = text.replace(/=+$/, "");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bitsHeld = 0;
  let index = 0;
  for (const char of clean) {
    buffer = (buffer << 6) | alphabet.indexOf(char);
    bitsHeld += 6;
    if (bitsHeld >= 8) {
      bitsHeld -= 8;
      out[index++] = (buffer >> bitsHeld) & 0xff;
    }
  }
  return out.subarray(0, index);
}

function keyBits(keyType: string, bytes: Uint8Array): number | null {
  // RFC 8463 4.2: an Ed25519 p= is the bare 32-byte public key.
  if (keyType === "ed25519") return bytes.length === 32 ? 256 : null;
  if (keyType !== "rsa") return null;
  return rsaModulusBits(bytes);
}

interface Der {
  tag: number;
  start: number;
  end: number;
}

/** One DER element at offset (X.690 8.1), within bounds, or null. */
function derAt(bytes: Uint8Array, offset: number, limit: number): Der | null {
  if (offset + 2 > limit) return null;
  const tag = bytes[offset];
  let length = bytes[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3 || start + count > limit) return null;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i];
    start += count;
  }
  return start + length > limit ? null : { tag, start, end: start + length };
}

/**
 * The modulus size of an RSA public key: RFC 6376 3.6.1 publishes a SubjectPublicKeyInfo
 * (RFC 5280 4.1), and some publish the bare RSAPublicKey (RFC 8017 A.1.1); both are read.
 * @internal exported for its test
 */
export function rsaModulusBits(bytes: Uint8Array): number | null {
  const outer = derAt(bytes, 0, bytes.length);
  if (!outer || outer.tag !== 0x30) return null;
  const first = derAt(bytes, outer.start, outer.end);
  if (!first) return null;
  let rsaKey: Der | null = outer;
  if (first.tag === 0x30) {
    // SubjectPublicKeyInfo: algorithm, then a BIT STRING holding the RSAPublicKey.
    const bitString = derAt(bytes, first.end, outer.end);
    if (!bitString || bitString.tag !== 0x03 || bytes[bitString.start] !== 0) return null;
    rsaKey = derAt(bytes, bitString.start + 1, bitString.end);
    if (!rsaKey || rsaKey.tag !== 0x30) return null;
  }
  const modulus = derAt(bytes, rsaKey.start, rsaKey.end);
  if (!modulus || modulus.tag !== 0x02) return null;
  let start = modulus.start;
  while (start < modulus.end && bytes[start] === 0) start++;
  if (start >= modulus.end) return null;
  return (modulus.end - start - 1) * 8 + (32 - Math.clz32(bytes[start]));
}

function problem(code: string, severity: Problem["severity"], message: string, hint: string, report: DkimKeyReport, params: Record<string, string | number> = {}): Problem {
  return { code, severity, message, hint, domain: report.domain, params: { domain: report.domain, selector: report.selector, name: report.name, ...params } };
}
