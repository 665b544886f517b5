/**
 * The SPF record grammar (RFC 7208 sections 4.5, 4.6, 5, 6, 7): version
 * detection and a parser whose errors name the term, its position and the reason.
 */
import { domainSpecError, parseMacroString, type MacroToken } from "./macro";
import { isIp4Network, isIp6Network } from "./ip";
import { RecentMap } from "./recent";

export type Qualifier = "+" | "-" | "~" | "?";
type MechanismName = "all" | "include" | "a" | "mx" | "ptr" | "ip4" | "ip6" | "exists";

export interface Mechanism {
  kind: "mechanism";
  /** The term as written. */
  text: string;
  /** Offset of the term in the record text. */
  position: number;
  qualifier: Qualifier;
  name: MechanismName;
  /** Target domain-spec (include, a, mx, ptr, exists); undefined means "the current domain". */
  domainSpec?: MacroToken[];
  /** ip4/ip6 network address. */
  network?: string;
  cidr4?: number;
  cidr6?: number;
}

export interface Modifier {
  kind: "modifier";
  text: string;
  position: number;
  /** Lower-cased modifier name. */
  name: string;
  value: string;
  tokens: MacroToken[];
}

export type Term = Mechanism | Modifier;

export interface SpfRecord {
  text: string;
  terms: Term[];
  mechanisms: Mechanism[];
  redirect?: Modifier;
  explanation?: Modifier;
}

interface SpfSyntaxError {
  /** The offending term ("" when the record as a whole is wrong). */
  term: string;
  /** Offset in the record text where the problem is. */
  position: number;
  message: string;
}

export type RecordParse = { ok: true; record: SpfRecord } | { ok: false; error: SpfSyntaxError };

const VERSION = /^v=spf1(?: |$)/i;

/** RFC 7208 4.5: an SPF record starts with "v=spf1" followed by a space or the end. */
export function isSpfRecord(text: string): boolean {
  return VERSION.test(text);
}

const DNS_MECHANISMS: ReadonlySet<string> = new Set(["include", "a", "mx", "ptr", "exists"]);

/** Mechanisms and modifiers whose evaluation queries DNS (RFC 7208 4.6.4). @internal exported for its test */
export function queriesDns(term: Term): boolean {
  if (term.kind === "modifier") return term.name === "redirect";
  return DNS_MECHANISMS.has(term.name);
}

const dnsTermsOf = new WeakMap<SpfRecord, readonly Term[]>();

/**
 * The record's DNS-querying terms in evaluation order (mechanisms, then redirect),
 * worked out once per parsed record: every check counts and prefetches them.
 */
export function dnsTerms(record: SpfRecord): readonly Term[] {
  let terms = dnsTermsOf.get(record);
  if (!terms) {
    terms = Object.freeze([...record.mechanisms.filter(queriesDns), ...(record.redirect ? [record.redirect] : [])]);
    dnsTermsOf.set(record, terms);
  }
  return terms;
}

export function qualifierResult(qualifier: Qualifier): "pass" | "fail" | "softfail" | "neutral" {
  return qualifier === "+" ? "pass" : qualifier === "-" ? "fail" : qualifier === "~" ? "softfail" : "neutral";
}

/** Record texts whose parse is kept; a check walks a few dozen records at most. */
const REMEMBERED_RECORDS = 512;
/** Longer texts go to the small memo below, so hostile records cannot pin much memory. */
const MAX_REMEMBERED_LENGTH = 4096;
const recentParses = new RecentMap<string, RecordParse>(REMEMBERED_RECORDS);
/**
 * Longer texts (up to what one DNS answer holds) are kept too, but only a few: one
 * check reads each record up to four times (the walk, check_host() twice, the strict
 * lens), and a 3,000-term record takes tens of milliseconds to parse.
 */
const REMEMBERED_LARGE_RECORDS = 16;
const MAX_REMEMBERED_LARGE_LENGTH = 65_536;
const recentLargeParses = new RecentMap<string, RecordParse>(REMEMBERED_LARGE_RECORDS);

/**
 * Parses an SPF record. A text always parses the same way, and the same records
 * (a domain's own, its providers' includes) come back on every check and are read
 * by both the analyzer and check_host(), so parses are remembered by text. The
 * result is shared, and therefore frozen.
 */
export function parseRecord(text: string): RecordParse {
  const memo = text.length <= MAX_REMEMBERED_LENGTH ? recentParses : text.length <= MAX_REMEMBERED_LARGE_LENGTH ? recentLargeParses : null;
  const remembered = memo?.get(text);
  if (remembered) return remembered;
  const parsed = deepFreeze(parseRecordText(text));
  memo?.set(text, parsed);
  return parsed;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

function parseRecordText(text: string): RecordParse {
  if (!isSpfRecord(text)) return syntaxError("", 0, 'the record does not start with "v=spf1"');
  const nonAscii = text.search(/[^\x00-\x7f]/);
  if (nonAscii >= 0) {
    const term = termAt(text, nonAscii);
    return syntaxError(term.text, nonAscii, `non-ASCII character U+${text.codePointAt(nonAscii)!.toString(16).toUpperCase().padStart(4, "0")} (SPF records are 7-bit ASCII)`);
  }
  const terms: Term[] = [];
  const record: SpfRecord = { text, terms, mechanisms: [] };
  // Terms are separated by one or more spaces, and only spaces (RFC 7208 4.6.1).
  const pattern = / +|[^ ]+/g;
  pattern.lastIndex = "v=spf1".length;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0].startsWith(" ")) continue;
    const parsed = parseTerm(match[0], match.index);
    if ("message" in parsed) return { ok: false, error: parsed };
    if (parsed.kind === "mechanism") {
      record.mechanisms.push(parsed);
    } else if (parsed.name === "redirect" || parsed.name === "exp") {
      const slot = parsed.name === "redirect" ? "redirect" : "explanation";
      if (record[slot]) return syntaxError(parsed.text, parsed.position, `"${parsed.name}=" appears more than once`);
      record[slot] = parsed;
    }
    terms.push(parsed);
  }
  return { ok: true, record };
}

function syntaxError(term: string, position: number, message: string): { ok: false; error: SpfSyntaxError } {
  return { ok: false, error: { term, position, message } };
}

function termAt(text: string, offset: number): { text: string; position: number } {
  const start = text.lastIndexOf(" ", offset) + 1;
  const end = text.indexOf(" ", offset);
  return { text: text.slice(start, end < 0 ? undefined : end), position: start };
}

const MODIFIER = /^([a-z][a-z0-9_.-]*)=(.*)$/is;
const MECHANISM = /^([+\-~?]?)([a-z][a-z0-9]*)(.*)$/is;
const MECHANISMS: readonly string[] = ["all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"];

function parseTerm(text: string, position: number): Term | SpfSyntaxError {
  const error = (message: string): SpfSyntaxError => ({ term: text, position, message });
  const modifier = MODIFIER.exec(text);
  if (modifier) return parseModifier(text, position, modifier[1].toLowerCase(), modifier[2]);
  const mechanism = MECHANISM.exec(text);
  if (!mechanism) {
    if (text.startsWith("=")) return error("a modifier needs a name before \"=\"");
    return error(`"${text}" is neither a mechanism nor a modifier`);
  }
  const [, qualifier, nameText, rest] = mechanism;
  const name = nameText.toLowerCase();
  if (!MECHANISMS.includes(name)) {
    if (/^[:/]/.test(rest) || rest === "") return error(`unknown mechanism "${nameText}"`);
    return error(`"${text}" is neither a mechanism nor a modifier`);
  }
  const base = { kind: "mechanism" as const, text, position, qualifier: (qualifier || "+") as Qualifier, name: name as MechanismName };
  switch (name) {
    case "all":
      return rest === "" ? base : error(`"all" takes no argument, found "${rest}"`);
    case "include":
    case "exists":
    case "ptr":
      return parseTargetOnly(base, rest, error);
    case "a":
    case "mx":
      return parseWithDualCidr(base, rest, error);
    case "ip4":
    case "ip6":
      return parseNetwork(base, rest, error);
  }
  return error(`unknown mechanism "${nameText}"`);
}

type Fail = (message: string) => SpfSyntaxError;

function parseTargetOnly(base: Mechanism, rest: string, error: Fail): Mechanism | SpfSyntaxError {
  const optional = base.name === "ptr";
  if (rest === "" && optional) return base;
  if (rest === "") return error(`"${base.name}" needs a domain ("${base.name}:example.com")`);
  if (!rest.startsWith(":")) return error(`"${base.name}" takes no CIDR length, found "${rest}"`);
  const domainSpec = parseDomainSpec(rest.slice(1), error);
  return "message" in domainSpec ? domainSpec : { ...base, domainSpec };
}

function parseWithDualCidr(base: Mechanism, rest: string, error: Fail): Mechanism | SpfSyntaxError {
  const split = /^(.*?)(?:\/(\d+))?(?:\/\/(\d+))?$/s.exec(rest)!;
  const [, target, cidr4Text, cidr6Text] = split;
  if (target !== "" && !target.startsWith(":")) {
    return error(`malformed argument "${rest}" (expected ":domain", "/ip4-cidr" or "//ip6-cidr")`);
  }
  const cidr4 = cidr4Text === undefined ? undefined : cidrLength(cidr4Text, 32, error);
  if (typeof cidr4 === "object") return cidr4;
  const cidr6 = cidr6Text === undefined ? undefined : cidrLength(cidr6Text, 128, error);
  if (typeof cidr6 === "object") return cidr6;
  const mechanism: Mechanism = { ...base, cidr4, cidr6 };
  if (target === "") return mechanism;
  const domainSpec = parseDomainSpec(target.slice(1), error);
  return "message" in domainSpec ? domainSpec : { ...mechanism, domainSpec };
}

function parseNetwork(base: Mechanism, rest: string, error: Fail): Mechanism | SpfSyntaxError {
  const family = base.name === "ip4" ? 4 : 6;
  if (!rest.startsWith(":")) return error(`"${base.name}" needs a network ("${base.name}:${family === 4 ? "192.0.2.0/24" : "2001:db8::/32"}")`);
  const split = /^:([^/]*)(?:\/([^/]*))?$/.exec(rest);
  if (!split) return error(`malformed network "${rest.slice(1)}" (${base.name} takes one "/" CIDR length only)`);
  const [, network, prefixText] = split;
  const valid = family === 4 ? isIp4Network(network) : isIp6Network(network);
  if (!valid) return error(`"${network}" is not a valid IPv${family} address`);
  const max = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : cidrLength(prefixText, max, error);
  if (typeof prefix === "object") return prefix;
  return family === 4 ? { ...base, network, cidr4: prefix } : { ...base, network, cidr6: prefix };
}

function cidrLength(text: string, max: number, error: Fail): number | SpfSyntaxError {
  if (!/^(?:0|[1-9]\d*)$/.test(text)) return error(`CIDR length "/${text}" is malformed (digits, no leading zero)`);
  const value = Number(text);
  if (value > max) return error(`CIDR length /${value} is larger than ${max}`);
  return value;
}

function parseDomainSpec(text: string, error: Fail): MacroToken[] | SpfSyntaxError {
  if (text === "") return error("the domain after \":\" is empty");
  const parsed = parseMacroString(text);
  if (!parsed.ok) return error(`${parsed.error.message} in "${text}"`);
  const problem = domainSpecError(parsed.tokens);
  return problem ? error(problem) : parsed.tokens;
}

function parseModifier(text: string, position: number, name: string, value: string): Modifier | SpfSyntaxError {
  const error = (message: string): SpfSyntaxError => ({ term: text, position, message });
  const isDomain = name === "redirect" || name === "exp";
  if (isDomain && value === "") return error(`"${name}=" needs a domain`);
  const parsed = parseMacroString(value);
  if (!parsed.ok) return error(`${parsed.error.message} in "${value}"`);
  if (isDomain) {
    const problem = domainSpecError(parsed.tokens);
    if (problem) return error(problem);
  }
  return { kind: "modifier", text, position, name, value, tokens: parsed.tokens };
}
