/**
 * What the returned original says about its authentication: the From domain, the
 * envelope domain, each DKIM-Signature's d=/s=/a=, and the Authentication-Results
 * (RFC 8601) and ARC (RFC 8617) fields receivers on the way added. All of it is remote
 * text: only names and result words are kept, bounded in count and length, lower-cased
 * and free of controls; header values themselves never leave this module.
 */
import type { FieldMap } from "./header-fields";
import { domainOf, findAddress } from "./text";

interface DkimSignatureRef {
  /** d=: the signing domain. */
  domain: string;
  /** s=: the selector; the key is at <selector>._domainkey.<domain>. */
  selector: string;
  /** a=: the algorithm ("rsa-sha256", "ed25519-sha256"), or null when absent. */
  algorithm: string | null;
}

/** One method's result in an Authentication-Results field (RFC 8601 2.2). */
interface AuthResult {
  /** The authserv-id: which receiver recorded the result. */
  authserv: string;
  method: "spf" | "dkim" | "dmarc" | "arc";
  /** "pass", "fail", "softfail", "neutral", "none", "temperror", "permerror", "policy". */
  result: string;
  /** The domain the result is about: smtp.mailfrom (spf), header.d (dkim), header.from (dmarc). */
  domain: string | null;
}

export interface ReturnedAuthentication {
  /** The domain of the original's From: the one DMARC protects. */
  fromDomain: string | null;
  /** The envelope (MAIL FROM) domain, which SPF checks, and where it was read. */
  envelopeDomain: string | null;
  envelopeFrom: "authentication-results" | "return-path" | "delivery-status" | "bounce-recipient" | null;
  dkim: DkimSignatureRef[];
  results: AuthResult[];
  /**
   * The client IP a receiver recorded in an Authentication-Results comment: Microsoft's
   * "spf=pass (sender IP is 192.0.2.10)", Google's "designates 192.0.2.10 as permitted sender".
   */
  clientIp: string | null;
  /** ARC sets (RFC 8617) on the original, and the last chain validation (cv=) seen. */
  arc: { sets: number; chain: string | null } | null;
}

/** Fields read at most per kind: real mail carries one to a few; a hostile one, thousands. */
const MAX_FIELDS = 10;
/** Characters of one field read at most. */
const MAX_FIELD_LENGTH = 4000;
const MAX_RESULTS = 20;
const DOMAIN = /^[a-z0-9_](?:[a-z0-9_-]{0,62}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}[a-z0-9_])?)+$/;
const SELECTOR = /^[a-z0-9_](?:[a-z0-9_.-]{0,62})$/;
const RESULT_WORD = /^(pass|fail|softfail|neutral|none|temperror|permerror|policy|hardfail)$/;

/** A domain as DNS compares it, or null when the text is not one. */
function cleanDomain(text: string | null | undefined): string | null {
  if (!text) return null;
  const name = text.trim().toLowerCase().replace(/\.$/, "");
  return name.length <= 253 && DOMAIN.test(name) ? name : null;
}

/** The tag=value pairs of a DKIM-Signature (RFC 6376 3.2), with folding whitespace removed. */
function tags(value: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of value.slice(0, MAX_FIELD_LENGTH).split(";").slice(0, 30)) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    if (!map.has(name)) map.set(name, part.slice(eq + 1).replace(/\s+/g, ""));
  }
  return map;
}

function dkimSignature(value: string): DkimSignatureRef | null {
  const map = tags(value);
  const domain = cleanDomain(map.get("d"));
  const selector = (map.get("s") ?? "").toLowerCase();
  if (!domain || !SELECTOR.test(selector)) return null;
  const algorithm = (map.get("a") ?? "").toLowerCase();
  return { domain, selector, algorithm: /^[a-z0-9-]{1,30}$/.test(algorithm) ? algorithm : null };
}

/** Drops RFC 5322 comments (not nested deeper than one level), which A-R fields use freely. */
function withoutComments(text: string): string {
  return text.replace(/\((?:[^()]|\([^()]*\))*\)/g, " ");
}

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}$/i;

/** The client IP in an Authentication-Results field's comments, in the wordings Microsoft and Google use. */
function recordedClientIp(value: string): string | null {
  const match = /sender ip is \[?([0-9a-f.:]{3,45})\]?|designates \[?([0-9a-f.:]{3,45})\]? as permitted sender/i.exec(value.slice(0, MAX_FIELD_LENGTH));
  const ip = match ? (match[1] ?? match[2]).replace(/\.$/, "") : null;
  return ip && (IPV4.test(ip) || IPV6.test(ip)) ? ip.toLowerCase() : null;
}

/** Results of one Authentication-Results field (RFC 8601 2.2): authserv-id; method=result props; ... */
function authResults(value: string): AuthResult[] {
  const parts = withoutComments(value.slice(0, MAX_FIELD_LENGTH)).split(";");
  const authserv = (parts[0].trim().split(/\s+/)[0] ?? "").toLowerCase();
  if (!cleanDomain(authserv) && !/^[a-z0-9.-]{1,253}$/.test(authserv)) return [];
  const results: AuthResult[] = [];
  for (const part of parts.slice(1, 1 + MAX_RESULTS)) {
    const match = /^\s*(spf|dkim|dmarc|arc)\s*=\s*([a-z]+)\b(.*)$/is.exec(part);
    if (!match) continue;
    const result = match[2].toLowerCase();
    if (!RESULT_WORD.test(result)) continue;
    const method = match[1].toLowerCase() as AuthResult["method"];
    const props = match[3];
    const property = (name: string) => new RegExp(`\\b${name.replace(".", "\\.")}\\s*=\\s*"?([^\\s;"]+)`, "i").exec(props)?.[1] ?? null;
    const domain =
      method === "spf"
        ? cleanDomain(domainOf(findAddress(property("smtp.mailfrom"))) ?? property("smtp.mailfrom")) ?? cleanDomain(property("smtp.helo"))
        : method === "dkim"
          ? cleanDomain(property("header.d")) ?? cleanDomain(domainOf(findAddress(property("header.i"))))
          : method === "dmarc"
            ? cleanDomain(property("header.from"))
            : null;
    results.push({ authserv: authserv.slice(0, 253), method, result, domain });
  }
  return results;
}

/**
 * Reads the returned original's header block. `bounceRecipient` is the address the bounce
 * was sent to: MTAs send a bounce to the envelope sender (RFC 5321 4.5.5 / 6.1), so it
 * stands in for MAIL FROM when the original names none.
 */
export function readReturnedAuthentication(
  headers: FieldMap | null | undefined,
  bounceRecipient: string | null,
  /** The envelope sender the delivery-status part names (Postfix's X-Postfix-Sender), if any. */
  dsnSender: string | null = null,
): ReturnedAuthentication | null {
  if (!headers) return null;
  const fromDomain = cleanDomain(domainOf(findAddress(headers.get("from")?.slice(0, MAX_FIELD_LENGTH))));
  const dkim: DkimSignatureRef[] = [];
  for (const value of headers.all("dkim-signature").slice(0, MAX_FIELDS)) {
    const signature = dkimSignature(value);
    if (signature && !dkim.some((d) => d.domain === signature.domain && d.selector === signature.selector)) dkim.push(signature);
  }
  const fields = headers.all("authentication-results").slice(0, MAX_FIELDS);
  const results = fields.flatMap(authResults).slice(0, MAX_RESULTS);
  const clientIp = fields.map(recordedClientIp).find((ip) => ip !== null) ?? null;
  const arcSeals = headers.all("arc-seal").slice(0, MAX_FIELDS);
  const chains = arcSeals.map((seal) => tags(seal).get("cv")?.toLowerCase() ?? "").filter((cv) => /^(none|pass|fail)$/.test(cv));
  const arc = arcSeals.length > 0 ? { sets: arcSeals.length, chain: chains.at(-1) ?? null } : null;

  // The envelope: what a receiver recorded (smtp.mailfrom), the Return-Path, then the bounce's own addressee.
  const recorded = results.find((r) => r.method === "spf" && r.domain)?.domain ?? null;
  const returnPath = cleanDomain(domainOf(findAddress(headers.get("return-path")?.slice(0, MAX_FIELD_LENGTH))));
  const reported = cleanDomain(domainOf(findAddress(dsnSender)));
  const addressee = cleanDomain(domainOf(bounceRecipient));
  const envelopeDomain = recorded ?? returnPath ?? reported ?? addressee;
  const envelopeFrom = recorded ? "authentication-results" : returnPath ? "return-path" : reported ? "delivery-status" : addressee ? "bounce-recipient" : null;
  if (!fromDomain && dkim.length === 0 && results.length === 0 && !arc) return null;
  return { fromDomain, envelopeDomain, envelopeFrom, dkim, results, clientIp, arc };
}
