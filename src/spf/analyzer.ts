/**
 * The SPF analyzer: walks the whole include/redirect tree (whether or not a
 * term would match), counts worst-case lookups per branch against the limit,
 * flattens the authorized networks and reports problems. Sibling branches and
 * the address lookups of a/mx terms are fetched concurrently, so a walk takes
 * about (tree depth) x (DNS round trip). With an IP, it adds check_host()'s verdict.
 */
import { checkHost, LOOKUP_LIMIT, NAME_LIMIT, VOID_LOOKUP_LIMIT, type CheckHostOptions } from "./check-host";
import { isCheckableDomain, isQueryableName } from "./domain";
import { isInternalAddress, macroIp, networkRange, parseClientIp, type ClientIp, type NetworkRange } from "./ip";
import { LookupCache } from "./lookup-cache";
import { LARGE_RECORD_LENGTH, nextTurn } from "./next-turn";
import { hasMacros, usesLetter, ValuesByDomain, type MacroToken, type MacroValues } from "./macro";
import { dnsTerms, isSpfRecord, parseRecord, type Mechanism, type SpfRecord } from "./record";
import { spfProblems } from "./spf-problems";
import { strictReading, strictReceiverRisks } from "./strict-receivers";
import type { Problem, Resolver, SpfNode, SpfReport } from "./types";
import { NotCheckableError } from "./check-failure";

export interface AnalyzeInput {
  domain: string;
  ip?: string;
  sender?: string;
  helo?: string;
}

export interface AnalyzeOptions {
  checkHost?: CheckHostOptions;
  /** Records walked at most (guards against huge or hostile trees). */
  maxRecords?: number;
  /** Apply the strict-receiver lens (strict-receivers.ts); on by default. */
  strictLens?: boolean;
}

const MAX_RECORDS = 50;
/** a/mx/exists terms resolved at most per walk (a hostile record can hold thousands). */
const MAX_RESOLVED_TERMS = 100;
/**
 * Host names (of a and mx terms) whose addresses are fetched at most per walk: 100 mx
 * terms of 10 exchanges each would otherwise ask 2,000 address questions. RFC 7208
 * section 4.6.4 lets check_host() itself look at 10 terms of 10 names each.
 */
const MAX_ADDRESS_NAMES = 50;
/** Networks taken from one record, and from the whole tree, at most (duplicate detection and the answer stay small). */
const MAX_NETWORKS_PER_RECORD = 1000;
const MAX_NETWORKS = 5000;
const MAX_PRIVATE_REPORTS = 10;
/** Networks this wide or wider are reported. */
const WIDE_IP4_PREFIX = 8;
const WIDE_IP6_PREFIX = 24;
const MAX_DUPLICATE_REPORTS = 10;

interface Network extends NetworkRange {
  family: 4 | 6;
  /** Where it comes from, e.g. `_spf.example.com "ip4:192.0.2.0/24"`. */
  source: string;
}

export async function analyzeSpf(input: AnalyzeInput, resolver: Resolver, options: AnalyzeOptions = {}): Promise<SpfReport> {
  const domain = input.domain.trim().replace(/\.$/, "");
  const ip = input.ip?.trim() || null;
  const client = ip ? parseClientIp(ip) : null;
  if (ip && !client) throw new NotCheckableError(`"${ip}" is not an IP address`);
  const report: SpfReport = {
    domain,
    ip: client?.text ?? null,
    sender: input.sender ?? null,
    helo: input.helo ?? null,
    result: null,
    record: null,
    tree: null,
    lookups: { total: 0, limit: LOOKUP_LIMIT, voidLookups: 0, voidLimit: VOID_LOOKUP_LIMIT },
    networks: { ip4: [], ip6: [], addressCount4: 0 },
    problems: [],
  };
  if (!isCheckableDomain(domain)) {
    report.problems.push(spfProblems.invalidDomain(domain));
    if (client) report.result = "none";
    return report;
  }

  // The walk and check_host() share one cache: each name and type is asked once.
  const cache = new LookupCache(resolver);
  const known: Known = { client, sender: Boolean(input.sender?.trim()), helo: Boolean(input.helo?.trim()) };
  const walker = new TreeWalker(cache, new ValuesByDomain(macroValues(domain, input, client)), known, options.maxRecords ?? MAX_RECORDS);
  const lens = options.strictLens !== false;
  const hostInput = client ? { ip: client.text, domain, sender: input.sender, helo: input.helo } : null;
  const [tree, verdict, strictVerdict] = await Promise.all([
    walker.walk(domain, "root", [], ""),
    hostInput ? checkHost(hostInput, cache, options.checkHost) : null,
    // The strict reading shares the cache: it asks DNS nothing the RFC evaluation did not.
    hostInput && lens ? checkHost(hostInput, cache, { ...options.checkHost, strict: true }) : null,
  ]);

  report.tree = tree;
  report.record = tree.record;
  report.lookups.total = tree.totalLookups;
  report.lookups.voidLookups = walker.voidTerms.length;
  const problems = walker.problems;
  if (tree.totalLookups > LOOKUP_LIMIT) {
    problems.push(spfProblems.tooManyLookups(domain, tree.totalLookups, LOOKUP_LIMIT, costliestBranches(walker, tree)));
  }
  if (walker.voidTerms.length > VOID_LOOKUP_LIMIT) {
    problems.push(spfProblems.voidLookups(domain, walker.voidTerms.length, VOID_LOOKUP_LIMIT, walker.voidTerms));
  }
  problems.push(...duplicateNetworks(walker.networks));
  if (lens) {
    problems.push(...(await strictReceiverRisks({ domain, tree, client, rfc: verdict, strict: strictVerdict, problems, cache })));
    report.strictReceivers = strictReading(strictVerdict);
  }
  report.networks = flattenNetworks(walker.networks);
  report.problems = problems;
  if (verdict) {
    report.result = verdict.result;
    report.decidedBy = verdict.decidedBy;
    if (verdict.explanation !== undefined) report.explanation = verdict.explanation;
  }
  return report;
}

function macroValues(domain: string, input: AnalyzeInput, client: ClientIp | null): Omit<MacroValues, "domain"> {
  const sender = input.sender?.trim() || `postmaster@${domain}`;
  const at = sender.lastIndexOf("@");
  return {
    sender,
    localPart: at > 0 ? sender.slice(0, at) : "postmaster",
    senderDomain: at >= 0 ? sender.slice(at + 1) : sender,
    ip: client ? macroIp(client) : "",
    helo: input.helo ?? "",
    clientIp: client?.text ?? "",
    receiver: "unknown",
    timestamp: 0,
    ipVersion: client?.family === 6 ? "ip6" : "in-addr",
  };
}

/** What the analysis knows of the message being checked. */
interface Known {
  client: ClientIp | null;
  sender: boolean;
  helo: boolean;
}

/** Does the domain-spec use macros whose values are unknown (or need PTR lookups)? */
function needsContext(tokens: MacroToken[], known: Known): boolean {
  if (!hasMacros(tokens)) return false;
  const uses = (...letters: Array<"i" | "c" | "v" | "s" | "l" | "h" | "p">) => letters.some((letter) => usesLetter(tokens, letter));
  return uses("p") || (!known.client && uses("i", "c", "v")) || (!known.sender && uses("s", "l")) || (!known.helo && uses("h"));
}

class TreeWalker {
  readonly problems: Problem[] = [];
  readonly networks: Network[] = [];
  readonly voidTerms: string[] = [];
  /** The term of the parent that led to each node. */
  readonly termOf = new Map<SpfNode, string>();
  private records = 0;
  private resolvedTerms = 0;
  private addressNames = 0;
  private privateReports = 0;
  private treeTooLargeReported = false;

  constructor(
    private readonly cache: LookupCache,
    private readonly values: ValuesByDomain,
    private readonly known: Known,
    private readonly maxRecords: number,
  ) {}

  async walk(domain: string, via: SpfNode["via"], ancestors: string[], viaTerm: string, parent?: string): Promise<SpfNode> {
    const node: SpfNode = { domain, via, record: null, lookups: 0, totalLookups: 0, voidLookups: 0, children: [] };
    this.termOf.set(node, viaTerm);
    this.records += 1;
    if (this.records > this.maxRecords) {
      node.error = "not analyzed: the tree is too large";
      this.reportTooLarge(domain, `more than ${this.maxRecords} records`);
      return node;
    }
    const found = await this.fetchRecord(node, viaTerm, parent ?? domain);
    if (found === null) return node;
    if (found.length > LARGE_RECORD_LENGTH) await nextTurn();
    const parsed = parseRecord(found);
    if (!parsed.ok) {
      const { term, position, message } = parsed.error;
      node.error = `syntax error at position ${position}${term ? ` in "${term}"` : ""}: ${message}`;
      this.problems.push(spfProblems.syntaxError(domain, term, position, message));
      return node;
    }
    const record = parsed.record;
    if (found.length > LARGE_RECORD_LENGTH) await nextTurn(); // reading and reviewing it on separate turns
    node.lookups = dnsTerms(record).length;
    this.reviewRecord(record, domain, via);

    const branches: Array<Promise<SpfNode | null>> = [];
    const path = [...ancestors, domain.toLowerCase()];
    for (const mechanism of record.mechanisms) {
      if (mechanism.name === "include") branches.push(this.branch(mechanism.domainSpec!, mechanism.text, domain, "include", path));
      else if (mechanism.name === "a" || mechanism.name === "mx" || mechanism.name === "exists") branches.push(this.resolveTerm(mechanism, domain, node).then(() => null));
    }
    if (record.redirect) branches.push(this.branch(record.redirect.tokens, record.redirect.text, domain, "redirect", path));
    node.children = (await Promise.all(branches)).filter((child): child is SpfNode => child !== null);
    node.totalLookups = node.lookups + node.children.reduce((sum, child) => sum + child.totalLookups, 0);
    return node;
  }

  /** The node's single SPF record, or null after recording why there is none. */
  private async fetchRecord(node: SpfNode, viaTerm: string, parent: string): Promise<string | null> {
    const { domain, via } = node;
    const answer = isQueryableName(domain) ? await this.cache.lookup(domain, "TXT") : ({ status: "nxdomain" } as const);
    if (answer.status === "error") {
      node.error = `DNS error: ${answer.message}`;
      this.problems.push(spfProblems.dnsError(domain, answer.message));
      return null;
    }
    const records = answer.status === "ok" ? answer.records.map((strings) => strings.join("")).filter(isSpfRecord) : [];
    if (records.length > 1) {
      node.error = `${records.length} SPF records`;
      this.problems.push(spfProblems.severalRecords(domain, records.length));
      return null;
    }
    if (records.length === 1) {
      node.record = records[0];
      return records[0];
    }
    const detail = answer.status === "nxdomain" ? "the domain does not exist" : answer.status === "nodata" ? "no TXT records" : "no TXT record starts with v=spf1";
    node.error = `no SPF record: ${detail}`;
    if (answer.status !== "ok" && via !== "root") this.noteVoid(node, parent, viaTerm);
    if (via === "root") this.problems.push(spfProblems.noRecord(domain, detail));
    else if (via === "include") this.problems.push(spfProblems.includeWithoutSpf(parent, viaTerm, domain, detail));
    else this.problems.push(spfProblems.redirectWithoutSpf(parent, viaTerm, domain, detail));
    return null;
  }

  /** Findings visible in the record text itself, and its literal networks. */
  private reviewRecord(record: SpfRecord, domain: string, via: SpfNode["via"]): void {
    const all = record.mechanisms.find((mechanism) => mechanism.name === "all");
    let networks = 0;
    for (const mechanism of record.mechanisms) {
      if (mechanism.name === "ptr") this.problems.push(spfProblems.ptr(domain, mechanism.text));
      if (mechanism.name === "all" && mechanism.qualifier === "+") this.problems.push(spfProblems.plusAll(domain, mechanism.text));
      if (mechanism.name === "all" && mechanism.qualifier === "?") this.problems.push(spfProblems.neutralAll(domain, mechanism.text));
      if ((mechanism.name === "ip4" || mechanism.name === "ip6") && mechanism.qualifier === "+") {
        const family = mechanism.name === "ip4" ? 4 : 6;
        if (++networks > MAX_NETWORKS_PER_RECORD) {
          this.reportTooLarge(domain, `more than ${MAX_NETWORKS_PER_RECORD} networks in one record`);
          continue;
        }
        this.addNetwork(domain, mechanism, mechanism.network!, family === 4 ? mechanism.cidr4! : mechanism.cidr6!, family);
      }
    }
    // An include's policy is only "match or not": "all" matters where the result is decided.
    if (via !== "include" && !all && !record.redirect) this.problems.push(spfProblems.noAll(domain));
    if (all && record.redirect) this.problems.push(spfProblems.redirectWithAll(domain, record.redirect.text));
  }

  private addNetwork(domain: string, mechanism: Mechanism, address: string, prefix: number, family: 4 | 6): void {
    if (this.networks.length >= MAX_NETWORKS) {
      this.reportTooLarge(domain, `more than ${MAX_NETWORKS} networks`);
      return;
    }
    const range = networkRange(address, prefix, family);
    if (!range) return;
    const { cidr, first, last } = range;
    this.networks.push({ cidr, first, last, family, source: `${domain} "${mechanism.text}"` });
    const wide = family === 4 ? prefix <= WIDE_IP4_PREFIX : prefix <= WIDE_IP6_PREFIX;
    if (wide) {
      const size = family === 4 ? (2 ** (32 - prefix)).toLocaleString("en-US") : `2^${128 - prefix}`;
      this.problems.push(spfProblems.wideNetwork(domain, mechanism.text, cidr, size));
    }
  }

  private async branch(tokens: MacroToken[], term: string, domain: string, via: "include" | "redirect", path: string[]): Promise<SpfNode | null> {
    if (needsContext(tokens, this.known)) {
      this.problems.push(spfProblems.unresolvedMacro(domain, term));
      return null;
    }
    const target = this.values.expandAt(tokens, domain);
    if (path.includes(target.toLowerCase())) {
      this.problems.push(spfProblems.loop(domain, term, target));
      const node: SpfNode = { domain: target, via, record: null, lookups: 0, totalLookups: 0, voidLookups: 0, error: "loop", children: [] };
      this.termOf.set(node, term);
      return node;
    }
    return this.walk(target, via, path, term, domain);
  }

  /** Looks up an a, mx or exists term: void lookups, too many MX, and (for +a/+mx) the networks. */
  private async resolveTerm(mechanism: Mechanism, domain: string, node: SpfNode): Promise<void> {
    this.resolvedTerms += 1;
    if (this.resolvedTerms > MAX_RESOLVED_TERMS) {
      this.reportTooLarge(domain, `more than ${MAX_RESOLVED_TERMS} a, mx and exists terms`);
      return;
    }
    const tokens = mechanism.domainSpec;
    if (tokens && needsContext(tokens, this.known)) {
      if (mechanism.name !== "exists") this.problems.push(spfProblems.unresolvedMacro(domain, mechanism.text));
      return;
    }
    const target = tokens ? this.values.expandAt(tokens, domain) : domain;
    const authorizes = mechanism.qualifier === "+";
    const voidType = mechanism.name === "exists" || this.known.client?.family !== 6 ? "A" : "AAAA";
    if (mechanism.name === "mx") {
      const answer = isQueryableName(target) ? await this.cache.lookup(target, "MX") : ({ status: "nxdomain" } as const);
      if (answer.status !== "ok") {
        if (answer.status !== "error") this.noteVoid(node, domain, mechanism.text);
        return;
      }
      if (answer.records.length > NAME_LIMIT) this.problems.push(spfProblems.tooManyMx(domain, mechanism.text, target, answer.records.length));
      const exchanges = answer.records.slice(0, NAME_LIMIT).map((mx) => mx.exchange).filter(isQueryableName);
      if (authorizes) await Promise.all(exchanges.map((exchange) => this.addAddresses(domain, mechanism, exchange)));
      return;
    }
    if (!isQueryableName(target)) {
      this.noteVoid(node, domain, mechanism.text);
      return;
    }
    // The void check and the address lookups of "a" go out together.
    const [answer] = await Promise.all([
      this.cache.lookup(target, voidType),
      mechanism.name === "a" && authorizes ? this.addAddresses(domain, mechanism, target) : undefined,
    ]);
    if (answer.status === "nxdomain" || answer.status === "nodata") this.noteVoid(node, domain, mechanism.text);
  }

  private async addAddresses(domain: string, mechanism: Mechanism, host: string): Promise<void> {
    this.addressNames += 1;
    if (this.addressNames > MAX_ADDRESS_NAMES) {
      this.reportTooLarge(domain, `more than ${MAX_ADDRESS_NAMES} host names to resolve`);
      return;
    }
    const [v4, v6] = await Promise.all([this.cache.lookup(host, "A"), this.cache.lookup(host, "AAAA")]);
    // Private and reserved addresses are counted, never listed: behind private DNS they would disclose internal hosts.
    let internal = 0;
    const add = (address: string, prefix: number, family: 4 | 6) => {
      if (isInternalAddress(address)) internal += 1;
      else this.addNetwork(domain, mechanism, address, prefix, family);
    };
    if (v4.status === "ok") for (const address of v4.records) add(address, mechanism.cidr4 ?? 32, 4);
    if (v6.status === "ok") for (const address of v6.records) add(address, mechanism.cidr6 ?? 128, 6);
    if (internal > 0 && this.privateReports++ < MAX_PRIVATE_REPORTS) this.problems.push(spfProblems.privateAddress(domain, mechanism.text, host, internal));
  }

  private reportTooLarge(domain: string, excess: string): void {
    if (!this.treeTooLargeReported) this.problems.push(spfProblems.treeTooLarge(domain, excess));
    this.treeTooLargeReported = true;
  }

  private noteVoid(node: SpfNode, domain: string, term: string): void {
    node.voidLookups += 1;
    this.voidTerms.push(`${domain} "${term}"`);
  }
}

/** The root's branches (and the redirect chain's) by worst-case cost, most expensive first. */
function costliestBranches(walker: TreeWalker, tree: SpfNode): Array<{ term: string; lookups: number }> {
  const branches: Array<{ term: string; lookups: number }> = [];
  const visit = (node: SpfNode) => {
    for (const child of node.children) {
      if (child.via === "redirect") visit(child);
      branches.push({ term: walker.termOf.get(child) ?? child.domain, lookups: child.totalLookups + 1 });
    }
  };
  visit(tree);
  return branches.filter((branch) => branch.lookups > 1).sort((a, b) => b.lookups - a.lookups).slice(0, 3);
}

/**
 * Networks listed twice, or inside another listed network, in O(n log n): sorted by
 * start (wider first, then in record order), each network is inside the widest-reaching
 * one before it or starts a new stretch. Identical pairs are reported from the later
 * one, containment from the narrower one; the first few in record order are reported.
 */
function duplicateNetworks(networks: Network[]): Problem[] {
  const order = networks.map((_, index) => index);
  const compare = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
  order.sort((i, j) => {
    const [a, b] = [networks[i], networks[j]];
    return a.family - b.family || compare(a.first, b.first) || compare(b.last, a.last) || i - j;
  });
  const coveredBy = new Map<number, number>();
  let cover = -1;
  for (const index of order) {
    const network = networks[index];
    const current = cover >= 0 ? networks[cover] : null;
    if (current && current.family === network.family && current.last >= network.last) coveredBy.set(index, cover);
    else cover = index;
  }
  return [...coveredBy.entries()]
    .sort(([a], [b]) => a - b)
    .slice(0, MAX_DUPLICATE_REPORTS)
    .map(([inside, outer]) => spfProblems.duplicateNetwork(networks[inside].cidr, networks[outer].source, networks[inside].source));
}

function flattenNetworks(networks: Network[]): SpfReport["networks"] {
  const unique = (family: 4 | 6) => [...new Set(networks.filter((n) => n.family === family).map((n) => n.cidr))];
  return { ip4: unique(4), ip6: unique(6), addressCount4: Number(addressCount(networks.filter((n) => n.family === 4))) };
}

/** Addresses covered by the networks, overlaps counted once. */
function addressCount(networks: Network[]): bigint {
  const ranges = [...networks].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let count = 0n;
  let currentEnd = -1n;
  for (const range of ranges) {
    if (range.last <= currentEnd) continue;
    const from = range.first > currentEnd ? range.first : currentEnd + 1n;
    count += range.last - from + 1n;
    currentEnd = range.last;
  }
  return count;
}
