/**
 * check_host() as RFC 7208 defines it. Evaluation is strictly sequential; only
 * fetching is concurrent: when a record arrives, the lookups its terms will
 * need are started at once (never more terms than the 10-lookup limit still
 * allows), so a check costs about (tree depth) x (DNS round trip).
 */
import { LARGE_RECORD_LENGTH, nextTurn } from "./next-turn";
import { isCheckableDomain, isQueryableName, isSubdomainOf } from "./domain";
import { inNetwork, macroIp, parseClientIp, reverseName, type ClientIp } from "./ip";
import { LookupCache } from "./lookup-cache";
import { expandDomainSpec, expandMacroTokensUpTo, parseMacroString, usesLetter, ValuesByDomain, type MacroToken, type MacroValues } from "./macro";
import { dnsTerms, isSpfRecord, parseRecord, qualifierResult, type Mechanism, type Modifier, type SpfRecord, type Term } from "./record";
import type { Resolver, SpfResult } from "./types";
import { NotCheckableError } from "./check-failure";

export const LOOKUP_LIMIT = 10;
export const VOID_LOOKUP_LIMIT = 2;
/** At most this many MX or PTR names are looked up per term (RFC 7208 4.6.4). */
export const NAME_LIMIT = 10;
/** Characters of an exp= explanation kept (RFC 7208 section 6.2 lets receivers truncate it). */
const MAX_EXPLANATION_LENGTH = 1024;

export interface CheckHostInput {
  /** The connecting client's IP (IPv4, IPv6 or IPv4-mapped IPv6). */
  ip: string;
  /** Domain to check; defaults to the sender's domain, or the HELO name when the sender is empty. */
  domain?: string;
  /** MAIL FROM; empty means a bounce, checked as postmaster@<helo>. */
  sender?: string;
  helo?: string;
}

export interface CheckHostOptions {
  /** %{r}: the checking host's domain name ("unknown" by default). */
  receiver?: string;
  /** %{t}: seconds since the epoch. */
  now?: () => number;
  lookupLimit?: number;
  voidLookupLimit?: number;
  /** Start the lookups a record's terms will need as soon as it arrives (default true). */
  prefetch?: boolean;
  /**
   * Read the record as the strictest widely deployed receivers do, where they are
   * stricter than RFC 7208 (see strict-receivers.ts): a record that includes itself is a
   * permerror before evaluation, and void lookups are counted per DNS query, the
   * address lookups of MX hosts and PTR names included. Off by default: the RFC answer.
   */
  strict?: boolean;
}

/** A rule only strict receivers apply, named when it decided a strict evaluation. */
export type StrictRule = "self-include" | "void-per-query";

interface DecidingTerm {
  domain: string;
  record: string;
  term: string;
}

export interface CheckHostResult {
  result: SpfResult;
  /** For fail: the exp= text, or the default explanation. */
  explanation?: string;
  /** The term whose qualifier (or error) decided the result; null for none and the default neutral. */
  decidedBy: DecidingTerm | null;
  /** Why, in English, for none, neutral by default, permerror and temperror. */
  reason?: string;
  /** DNS-querying terms evaluated, and void lookups among them. */
  lookups: number;
  voidLookups: number;
  /** With the strict option: the strict-only rule that ended the evaluation, if one did. */
  strictRule?: StrictRule;
}

/** @internal exported for its test */
export function defaultExplanation(domain: string, ip: string): string {
  return `${domain} does not designate ${ip} as a permitted sender`;
}

export async function checkHost(input: CheckHostInput, resolver: Resolver, options: CheckHostOptions = {}): Promise<CheckHostResult> {
  const client = parseClientIp(input.ip);
  if (!client) throw new NotCheckableError(`"${input.ip}" is not an IP address`);
  const identity = resolveIdentity(input);
  const counts = { lookups: 0, voidLookups: 0 };
  if (!isCheckableDomain(identity.domain)) {
    return { result: "none", decidedBy: null, reason: `"${identity.domain}" is not a fully qualified domain name`, ...counts };
  }
  const domain = identity.domain.replace(/\.$/, "");
  // The analyzer passes the cache its walk fills; wrapping it again would only add a second map.
  const cache = resolver instanceof LookupCache ? resolver : new LookupCache(resolver);
  const evaluation = new Evaluation(cache, client, {
    sender: identity.sender,
    localPart: identity.localPart,
    senderDomain: identity.senderDomain,
    ip: macroIp(client),
    helo: (input.helo ?? "").trim(),
    clientIp: client.text,
    receiver: options.receiver ?? "unknown",
    timestamp: options.now ? options.now() : Math.floor(Date.now() / 1000),
    ipVersion: client.family === 4 ? "in-addr" : "ip6",
  }, options);
  try {
    const outcome = await evaluation.checkDomain(domain);
    const result: CheckHostResult = { result: outcome.result, decidedBy: outcome.decidedBy, reason: outcome.reason, ...evaluation.counts() };
    if (outcome.result === "fail") {
      result.explanation = (await evaluation.explain(outcome)) ?? defaultExplanation(domain, client.text);
    }
    return result;
  } catch (error) {
    if (!(error instanceof SpfAbort)) throw error;
    const result: CheckHostResult = { result: error.result, decidedBy: error.where, reason: error.message, ...evaluation.counts() };
    if (error.strictRule) result.strictRule = error.strictRule;
    return result;
  }
}

interface Identity {
  domain: string;
  sender: string;
  localPart: string;
  senderDomain: string;
}

/** RFC 7208 2.3 and 4.3: an empty sender is postmaster@<helo>; a missing local-part is "postmaster". */
function resolveIdentity(input: CheckHostInput): Identity {
  const helo = (input.helo ?? "").trim();
  const given = (input.sender ?? "").trim();
  const sender = given === "" ? `postmaster@${input.domain ?? helo}` : given;
  const at = sender.lastIndexOf("@");
  const localPart = at > 0 ? sender.slice(0, at) : "postmaster";
  const senderDomain = at >= 0 ? sender.slice(at + 1) : sender;
  return { domain: input.domain ?? senderDomain, sender, localPart, senderDomain };
}

/** Ends the evaluation with permerror or temperror. */
class SpfAbort extends Error {
  constructor(
    readonly result: "permerror" | "temperror",
    message: string,
    public where: DecidingTerm | null,
    readonly strictRule?: StrictRule,
  ) {
    super(message);
  }
}

interface Outcome {
  result: "pass" | "fail" | "softfail" | "neutral" | "none";
  decidedBy: DecidingTerm | null;
  reason?: string;
  /** The exp= of the record that decided, with that record's domain. */
  exp?: { modifier: Modifier; domain: string };
}

type BaseValues = Omit<MacroValues, "domain" | "validatedName">;

class Evaluation {
  private lookups = 0;
  private voidLookups = 0;
  /** Strict reading only: void answers counted per DNS query rather than per term. */
  private voidQueries = 0;
  /** Empty answers met while validating the client's PTR names (strict reading counts them). */
  private ptrVoidQueries = 0;
  private prefetchBudget: number;
  private validated?: Promise<string[]>;
  private readonly lookupLimit: number;
  private readonly voidLookupLimit: number;
  private readonly values: ValuesByDomain;

  constructor(
    private readonly cache: LookupCache,
    private readonly client: ClientIp,
    base: BaseValues,
    private readonly options: CheckHostOptions,
  ) {
    this.values = new ValuesByDomain(base);
    this.lookupLimit = options.lookupLimit ?? LOOKUP_LIMIT;
    this.voidLookupLimit = options.voidLookupLimit ?? VOID_LOOKUP_LIMIT;
    this.prefetchBudget = options.prefetch === false ? 0 : this.lookupLimit;
  }

  counts() {
    return { lookups: this.lookups, voidLookups: this.voidLookups };
  }

  async checkDomain(domain: string): Promise<Outcome> {
    const text = await this.fetchRecord(domain);
    if (typeof text === "object") return { result: "none", decidedBy: null, reason: text.reason };
    if (text.length > LARGE_RECORD_LENGTH) await nextTurn();
    const parsed = parseRecord(text);
    if (!parsed.ok) {
      const { term, position, message } = parsed.error;
      throw new SpfAbort("permerror", `syntax error in the SPF record of ${domain}, ${term ? `term "${term}" ` : ""}at position ${position}: ${message}`, { domain, record: text, term });
    }
    const record = parsed.record;
    if (text.length > LARGE_RECORD_LENGTH) await nextTurn(); // reading and evaluating it on separate turns
    if (this.options.strict) await this.rejectSelfInclude(record, domain, text);
    this.prefetchRecord(record, domain, this.lookups);
    for (const mechanism of record.mechanisms) {
      const where = { domain, record: text, term: mechanism.text };
      if (await this.matches(mechanism, domain, where)) {
        return {
          result: qualifierResult(mechanism.qualifier),
          decidedBy: where,
          exp: record.explanation && { modifier: record.explanation, domain },
        };
      }
    }
    if (record.redirect) {
      const where = { domain, record: text, term: record.redirect.text };
      this.countTerm(where);
      const target = await this.expandTarget(record.redirect.tokens, domain);
      const outcome = await this.descend(target, where);
      if (outcome.result === "none") {
        throw new SpfAbort("permerror", `redirect target ${target} has no SPF record (${outcome.reason})`, where);
      }
      return outcome;
    }
    return { result: "neutral", decidedBy: null, reason: `no mechanism of ${domain} matched and there is no redirect` };
  }

  /**
   * Strict reading: pyspf (spf.py, query.validate_mechanism) expands every mechanism
   * before evaluating any, and refuses "include" of the record's own domain with
   * "include has trivial recursion", even where an earlier term would have matched.
   * RFC 7208 has no such rule: the loop only ends at the 10-lookup limit (4.6.4).
   */
  private async rejectSelfInclude(record: SpfRecord, domain: string, text: string): Promise<void> {
    for (const mechanism of record.mechanisms) {
      if (mechanism.name !== "include" || !mechanism.domainSpec || usesLetter(mechanism.domainSpec, "p")) continue;
      const target = (await this.expandTarget(mechanism.domainSpec, domain)).replace(/\.$/, "");
      if (target.toLowerCase() === domain.toLowerCase()) {
        throw new SpfAbort("permerror", `${domain} includes itself ("${mechanism.text}"), which strict receivers reject before evaluating the record`, { domain, record: text, term: mechanism.text }, "self-include");
      }
    }
  }

  /** check_host() of an include or redirect target; a failed record lookup is blamed on the term. */
  private async descend(target: string, via: DecidingTerm): Promise<Outcome> {
    try {
      return await this.checkDomain(target);
    } catch (error) {
      if (error instanceof SpfAbort && error.where === null) error.where = via;
      throw error;
    }
  }

  /** The domain's single SPF record text, or why there is none. */
  private async fetchRecord(domain: string): Promise<string | { reason: string }> {
    if (!isQueryableName(domain)) return { reason: `"${domain}" is not a valid domain name` };
    const answer = await this.cache.lookup(domain, "TXT");
    if (answer.status === "error") {
      throw new SpfAbort("temperror", `DNS error looking up the TXT records of ${domain}: ${answer.message}`, null);
    }
    if (answer.status !== "ok") {
      return { reason: answer.status === "nxdomain" ? `${domain} does not exist` : `${domain} has no TXT records` };
    }
    const records = spfRecords(answer.records);
    if (records.length === 0) return { reason: `${domain} has no SPF record among its TXT records` };
    if (records.length > 1) {
      throw new SpfAbort("permerror", `${domain} publishes ${records.length} SPF records; there must be exactly one`, { domain, record: records.join(" | "), term: "" });
    }
    return records[0];
  }

  private async matches(mechanism: Mechanism, domain: string, where: DecidingTerm): Promise<boolean> {
    const client = this.client;
    switch (mechanism.name) {
      case "all":
        return true;
      case "ip4":
        return client.family === 4 && inNetwork(client, mechanism.network!, mechanism.cidr4!);
      case "ip6":
        return client.family === 6 && inNetwork(client, mechanism.network!, mechanism.cidr6!);
      case "include":
        return this.matchInclude(mechanism, domain, where);
      case "a": {
        this.countTerm(where);
        const target = await this.targetOf(mechanism, domain);
        const addresses = await this.addressesOf(target, where, true);
        return addresses.some((address) => inNetwork(client, address, this.prefixOf(mechanism)));
      }
      case "mx":
        return this.matchMx(mechanism, domain, where);
      case "ptr": {
        this.countTerm(where);
        const target = await this.targetOf(mechanism, domain);
        const names = await this.validatedNames();
        // Strict reading: the empty PTR and address queries of the validation count as void (see noteVoidQuery).
        for (let i = 0; i < this.ptrVoidQueries; i++) this.noteVoidQuery(where);
        return names.some((name) => isSubdomainOf(name, target));
      }
      case "exists": {
        this.countTerm(where);
        const target = await this.targetOf(mechanism, domain);
        // exists always asks for A records, whatever the client's address family.
        return (await this.queryCounted(target, "A", where)).length > 0;
      }
    }
  }

  private async matchInclude(mechanism: Mechanism, domain: string, where: DecidingTerm): Promise<boolean> {
    this.countTerm(where);
    const target = await this.targetOf(mechanism, domain);
    const outcome = await this.descend(target, where);
    if (outcome.result === "none") {
      throw new SpfAbort("permerror", `include target ${target} has no SPF record (${outcome.reason})`, where);
    }
    return outcome.result === "pass";
  }

  private async matchMx(mechanism: Mechanism, domain: string, where: DecidingTerm): Promise<boolean> {
    this.countTerm(where);
    const target = await this.targetOf(mechanism, domain);
    const exchanges = await this.queryCounted(target, "MX", where);
    if (exchanges.length > NAME_LIMIT) {
      throw new SpfAbort("permerror", `${target} has ${exchanges.length} MX records; "mx" may look up at most ${NAME_LIMIT}`, where);
    }
    const names = exchanges.map((mx) => mx.exchange).filter((name) => isQueryableName(name));
    // All exchanges are looked up together; they are still judged in order.
    const answers = await Promise.all(names.map((name) => this.addressesOf(name, where, false)));
    return answers.some((addresses) => addresses.some((address) => inNetwork(this.client, address, this.prefixOf(mechanism))));
  }

  private prefixOf(mechanism: Mechanism): number {
    return this.client.family === 4 ? mechanism.cidr4 ?? 32 : mechanism.cidr6 ?? 128;
  }

  private addressType(): "A" | "AAAA" {
    return this.client.family === 4 ? "A" : "AAAA";
  }

  private async addressesOf(name: string, where: DecidingTerm, countVoid: boolean): Promise<string[]> {
    if (countVoid) return this.queryCounted(name, this.addressType(), where);
    const answer = await this.cache.lookup(name, this.addressType());
    if (answer.status === "error") throw new SpfAbort("temperror", `DNS error looking up ${name}: ${answer.message}`, where);
    if (answer.status === "ok" && answer.records.length > 0) return answer.records;
    this.noteVoidQuery(where);
    return [];
  }

  /** A term's own query: errors abort with temperror, empty answers count as void lookups. */
  private async queryCounted<T extends "A" | "AAAA" | "MX">(name: string, type: T, where: DecidingTerm) {
    if (!isQueryableName(name)) {
      this.noteVoid(where);
      return [];
    }
    const answer = await this.cache.lookup(name, type);
    if (answer.status === "error") throw new SpfAbort("temperror", `DNS error looking up ${type} ${name}: ${answer.message}`, where);
    if (answer.status !== "ok" || answer.records.length === 0) {
      this.noteVoid(where);
      return [];
    }
    return answer.records;
  }

  private countTerm(where: DecidingTerm): void {
    this.lookups += 1;
    if (this.lookups > this.lookupLimit) {
      throw new SpfAbort("permerror", `more than ${this.lookupLimit} DNS-querying terms (include, a, mx, ptr, exists, redirect)`, where);
    }
  }

  private noteVoid(where: DecidingTerm): void {
    this.voidLookups += 1;
    if (this.voidLookups > this.voidLookupLimit) {
      throw new SpfAbort("permerror", `more than ${this.voidLookupLimit} lookups returned no answer (void lookups)`, where);
    }
    this.noteVoidQuery(where);
  }

  /**
   * Strict reading: pyspf (spf.py, query.dns) counts every DNS query that comes back
   * empty, so an MX host or a PTR name without addresses also counts. RFC 7208 4.6.4
   * counts terms: "mx" is one void lookup only when the MX query itself is empty.
   */
  private noteVoidQuery(where: DecidingTerm): void {
    if (!this.options.strict) return;
    this.voidQueries += 1;
    if (this.voidQueries > this.voidLookupLimit) {
      throw new SpfAbort("permerror", `more than ${this.voidLookupLimit} DNS queries returned no answer, counted per query as strict receivers do`, where, "void-per-query");
    }
  }

  private targetOf(mechanism: Mechanism, domain: string): Promise<string> {
    return mechanism.domainSpec ? this.expandTarget(mechanism.domainSpec, domain) : Promise.resolve(domain);
  }

  private async expandTarget(tokens: MacroToken[], domain: string): Promise<string> {
    // Only %{p} has to wait (for PTR lookups).
    if (!usesLetter(tokens, "p")) return this.values.expandAt(tokens, domain);
    return expandDomainSpec(tokens, await this.valuesFor(tokens, domain));
  }

  private async valuesFor(tokens: MacroToken[], domain: string): Promise<MacroValues> {
    const values = this.values.at(domain);
    return usesLetter(tokens, "p") ? { ...values, validatedName: await this.validatedName(domain) } : values;
  }

  /** Client names whose PTR record is confirmed by an A/AAAA lookup (RFC 7208 5.5), at most 10 looked up. */
  private validatedNames(): Promise<string[]> {
    this.validated ??= (async () => {
      const answer = await this.cache.lookup(reverseName(this.client), "PTR");
      if (answer.status !== "ok" || answer.records.length === 0) {
        if (answer.status !== "error") this.ptrVoidQueries = 1;
        return [];
      }
      const names = answer.records.slice(0, NAME_LIMIT).filter((name) => isQueryableName(name));
      const confirmed = await Promise.all(
        names.map(async (name) => {
          const addresses = await this.cache.lookup(name, this.addressType());
          if (addresses.status === "nxdomain" || addresses.status === "nodata" || (addresses.status === "ok" && addresses.records.length === 0)) this.ptrVoidQueries += 1;
          // A name whose lookup fails is skipped, not an error.
          return addresses.status === "ok" && addresses.records.some((address) => inNetwork(this.client, address, this.client.family === 4 ? 32 : 128));
        }),
      );
      return names.filter((_, index) => confirmed[index]).map((name) => name.replace(/\.$/, ""));
    })();
    return this.validated;
  }

  /** %{p}: the domain itself, else one of its subdomains, else any validated name, else "unknown". */
  private async validatedName(domain: string): Promise<string> {
    const names = await this.validatedNames();
    return (
      names.find((name) => name.toLowerCase() === domain.toLowerCase()) ??
      names.find((name) => isSubdomainOf(name, domain)) ??
      names[0] ??
      "unknown"
    );
  }

  /** The exp= text for a fail, or null when the explanation cannot be used (RFC 7208 6.2). */
  async explain(outcome: Outcome): Promise<string | null> {
    if (!outcome.exp) return null;
    const { modifier, domain } = outcome.exp;
    try {
      const target = await this.expandTarget(modifier.tokens, domain);
      if (!isQueryableName(target)) return null;
      // The explanation lookup counts toward no limit.
      const answer = await this.cache.lookup(target, "TXT");
      if (answer.status !== "ok" || answer.records.length !== 1) return null;
      const text = answer.records[0].join("");
      if (/[^\x00-\x7f]/.test(text)) return null;
      const parsed = parseMacroString(text, { explanation: true });
      if (!parsed.ok) return null;
      // RFC 7208 section 6.2 lets a receiver shorten the explanation: it is a sentence for a bounce, not a payload.
      return expandMacroTokensUpTo(parsed.tokens, await this.valuesFor(parsed.tokens, domain), MAX_EXPLANATION_LENGTH);
    } catch {
      return null;
    }
  }

  /** Starts the lookups of a record's DNS-querying terms that the limit still allows. */
  private prefetchRecord(record: SpfRecord, domain: string, termsBefore: number): void {
    let position = termsBefore;
    for (const term of dnsTerms(record)) {
      position += 1;
      if (position > this.lookupLimit || this.prefetchBudget <= 0) return;
      this.prefetchBudget -= 1;
      this.prefetchTerm(term, domain, position).catch(() => undefined);
    }
  }

  private async prefetchTerm(term: Term, domain: string, position: number): Promise<void> {
    const tokens = term.kind === "modifier" ? term.tokens : term.domainSpec;
    // %{p} needs PTR answers first; such targets are fetched when evaluated.
    if (tokens && usesLetter(tokens, "p")) return;
    const target = tokens ? this.values.expandAt(tokens, domain) : domain;
    if (!isQueryableName(target)) return;
    const kind = term.kind === "modifier" ? "redirect" : term.name;
    switch (kind) {
      case "include":
      case "redirect": {
        const answer = await this.cache.lookup(target, "TXT");
        if (answer.status !== "ok") return;
        const records = spfRecords(answer.records);
        if (records.length === 1 && records[0].length > LARGE_RECORD_LENGTH) await nextTurn();
        const parsed = records.length === 1 ? parseRecord(records[0]) : null;
        if (parsed?.ok) this.prefetchRecord(parsed.record, target, position);
        return;
      }
      case "a":
        await this.cache.prefetch(target, this.addressType());
        return;
      case "exists":
        await this.cache.prefetch(target, "A");
        return;
      case "mx": {
        const answer = await this.cache.lookup(target, "MX");
        if (answer.status !== "ok" || answer.records.length > NAME_LIMIT) return;
        for (const mx of answer.records) if (isQueryableName(mx.exchange)) void this.cache.prefetch(mx.exchange, this.addressType());
        return;
      }
      case "ptr":
        await this.validatedNames();
        return;
    }
  }
}

function spfRecords(records: string[][]): string[] {
  return records.map((strings) => strings.join("")).filter(isSpfRecord);
}
