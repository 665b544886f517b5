/**
 * SPF macro strings (RFC 7208 section 7): parsing with precise errors, and
 * expansion with transformers, delimiters and URL-encoding for upper-case letters.
 */
import { truncateDomain } from "./domain";

export type MacroLetter = "s" | "l" | "o" | "d" | "i" | "p" | "h" | "c" | "r" | "t" | "v";

export type MacroToken =
  /** Literal text; `escape` marks "%%", "%_" and "%-", which count as macro-expands in the grammar. */
  | { kind: "literal"; text: string; escape?: boolean }
  | {
      kind: "macro";
      letter: MacroLetter;
      /** Upper-case letter: URL-encode the expansion. */
      urlEncode: boolean;
      /** Keep this many right-hand parts (undefined: all). */
      keep?: number;
      reverse: boolean;
      /** Characters the value is split on ("." when none given). */
      delimiters: string;
      source: string;
      position: number;
    };

interface MacroSyntaxError {
  message: string;
  /** Offset of the offending character inside the macro string. */
  position: number;
}

export type MacroParse = { ok: true; tokens: MacroToken[] } | { ok: false; error: MacroSyntaxError };

const DOMAIN_LETTERS = "slodiphv";
/** c, r and t only make sense in explanation text (RFC 7208 7.2). */
const EXPLANATION_LETTERS = "slodiphvcrt";
const MACRO_BODY = /^([a-z])(\d*)(r?)([.\-+,/_=]*)$/i;

/**
 * Parses a macro-string. `explanation` selects explain-string rules: spaces are
 * literal text and the c, r, t letters are allowed.
 */
export function parseMacroString(text: string, options: { explanation?: boolean } = {}): MacroParse {
  const tokens: MacroToken[] = [];
  const letters = options.explanation ? EXPLANATION_LETTERS : DOMAIN_LETTERS;
  let literal = "";
  const flush = () => {
    if (literal) tokens.push({ kind: "literal", text: literal });
    literal = "";
  };
  for (let i = 0; i < text.length; ) {
    const char = text[i];
    if (char !== "%") {
      const code = char.charCodeAt(0);
      const visible = code >= 0x21 && code <= 0x7e;
      if (!visible && !(options.explanation && char === " ")) {
        return fail(`character ${describeChar(char)} is not allowed here`, i);
      }
      literal += char;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === "%" || next === "_" || next === "-") {
      flush();
      tokens.push({ kind: "literal", text: next === "%" ? "%" : next === "_" ? " " : "%20", escape: true });
      i += 2;
      continue;
    }
    if (next !== "{") {
      return fail(`"%" must be followed by "{", "%", "_" or "-"${next === undefined ? " (it ends the string)" : `, not ${describeChar(next)}`}`, i);
    }
    const close = text.indexOf("}", i + 2);
    if (close < 0) return fail(`macro "${text.slice(i)}" has no closing "}"`, i);
    const body = text.slice(i + 2, close);
    const match = MACRO_BODY.exec(body);
    if (!match) return fail(`malformed macro "%{${body}}"`, i);
    const [, letterText, digits, reverse, delimiters] = match;
    const letter = letterText.toLowerCase();
    if (!letters.includes(letter)) {
      const where = "crt".includes(letter) ? " outside explanation text" : "";
      return fail(`macro letter "${letterText}" is not allowed${where}`, i);
    }
    if (digits && Number(digits) === 0) return fail(`macro "%{${body}}" asks for zero parts`, i);
    flush();
    tokens.push({
      kind: "macro",
      letter: letter as MacroLetter,
      urlEncode: letterText !== letter,
      keep: digits ? Number(digits) : undefined,
      reverse: reverse !== "",
      delimiters: delimiters || ".",
      source: text.slice(i, close + 1),
      position: i,
    });
    i = close + 1;
  }
  flush();
  return { ok: true, tokens };
}

function fail(message: string, position: number): MacroParse {
  return { ok: false, error: { message, position } };
}

function describeChar(char: string): string {
  const code = char.charCodeAt(0);
  return code >= 0x21 && code <= 0x7e ? `"${char}"` : `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

const TOPLABEL = /^(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;

/**
 * Checks a domain-spec (RFC 7208 7.1): a macro-string ending in a macro or in
 * "." toplabel (optionally followed by a dot). Returns null when valid.
 */
export function domainSpecError(tokens: MacroToken[]): string | null {
  const last = tokens[tokens.length - 1];
  if (!last) return "the domain is empty";
  if (last.kind === "macro" || last.escape) return null;
  // The literal run after the last macro must hold "." toplabel [ "." ].
  const tail = last.text.replace(/\.$/, "");
  const dot = tail.lastIndexOf(".");
  if (dot < 0) {
    return tokens.length === 1
      ? `"${last.text}" is not a fully qualified domain name`
      : `the domain must end in a macro or a top-level label`;
  }
  const toplabel = tail.slice(dot + 1);
  if (!TOPLABEL.test(toplabel)) {
    return /^\d+$/.test(toplabel)
      ? `the top-level label "${toplabel}" is all digits (an IP address belongs in ip4:)`
      : `"${toplabel}" is not a valid top-level label`;
  }
  return null;
}

/** The values macros expand to for one check_host() evaluation. */
export interface MacroValues {
  sender: string;
  localPart: string;
  senderDomain: string;
  domain: string;
  ip: string;
  /** The validated PTR name; computed on demand by the evaluator (it costs DNS queries). */
  validatedName?: string;
  helo: string;
  clientIp: string;
  receiver: string;
  timestamp: number;
  ipVersion: "in-addr" | "ip6";
}

/**
 * One evaluation's macro values for each domain it visits, built once per domain:
 * a check expands a domain-spec for most terms, over a handful of domains. The
 * objects are shared between expansions, hence read-only (not frozen: freezing
 * each costs more than building it).
 */
export class ValuesByDomain {
  private readonly byDomain = new Map<string, Readonly<MacroValues>>();

  constructor(private readonly base: Omit<MacroValues, "domain">) {}

  /** Expands a domain-spec at `domain`; a plain name needs no values, so none are built for it. */
  expandAt(tokens: MacroToken[], domain: string): string {
    return hasMacros(tokens) ? expandDomainSpec(tokens, this.at(domain)) : domainName(literalText(tokens));
  }

  at(domain: string): Readonly<MacroValues> {
    let values = this.byDomain.get(domain);
    if (!values) {
      values = { ...this.base, domain };
      this.byDomain.set(domain, values);
    }
    return values;
  }
}

export function usesLetter(tokens: MacroToken[], letter: MacroLetter): boolean {
  for (const token of tokens) if (token.kind === "macro" && token.letter === letter) return true;
  return false;
}

/** Most domain-specs are plain names: callers asking about several letters can stop here. */
export function hasMacros(tokens: MacroToken[]): boolean {
  for (const token of tokens) if (token.kind === "macro") return true;
  return false;
}

/** @internal exported for its test */
export function expandMacroTokens(tokens: MacroToken[], values: MacroValues): string {
  return tokens.map((token) => (token.kind === "literal" ? token.text : expandOne(token, values))).join("");
}

/**
 * Expands a macro-string to at most `maxLength` characters, stopping as soon as it is
 * that long: an explanation of 16,000 "%{s}" would otherwise become megabytes.
 */
export function expandMacroTokensUpTo(tokens: MacroToken[], values: MacroValues, maxLength: number): string {
  let text = "";
  for (const token of tokens) {
    text += token.kind === "literal" ? token.text : expandOne(token, values);
    if (text.length >= maxLength) return text.slice(0, maxLength);
  }
  return text;
}

/** Expands a domain-spec into the name to query: no trailing dot, at most 253 characters. */
export function expandDomainSpec(tokens: MacroToken[], values: MacroValues): string {
  return domainName(expandMacroTokens(tokens, values));
}

function domainName(expanded: string): string {
  return truncateDomain(expanded.replace(/\.$/, ""));
}

/** The text of a domain-spec that has no macros. */
function literalText(tokens: MacroToken[]): string {
  return tokens.map((token) => (token.kind === "literal" ? token.text : "")).join("");
}

function expandOne(token: Extract<MacroToken, { kind: "macro" }>, values: MacroValues): string {
  const raw = letterValue(token.letter, values);
  const splitter = new RegExp(`[${token.delimiters.replace(/[\]\\^-]/g, "\\$&")}]`);
  let parts = raw.split(splitter);
  if (token.reverse) parts.reverse();
  if (token.keep !== undefined && token.keep < parts.length) parts = parts.slice(parts.length - token.keep);
  const value = parts.join(".");
  return token.urlEncode ? urlEncode(value) : value;
}

function letterValue(letter: MacroLetter, values: MacroValues): string {
  switch (letter) {
    case "s": return values.sender;
    case "l": return values.localPart;
    case "o": return values.senderDomain;
    case "d": return values.domain;
    case "i": return values.ip;
    case "p": return values.validatedName ?? "unknown";
    case "h": return values.helo;
    case "c": return values.clientIp;
    case "r": return values.receiver;
    case "t": return String(values.timestamp);
    case "v": return values.ipVersion;
  }
}

/** URL-encodes everything outside RFC 3986 "unreserved" (RFC 7208 7.3). */
function urlEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
