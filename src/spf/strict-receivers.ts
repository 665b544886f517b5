/**
 * The strict-receiver lens: where a record's result depends on a reading stricter
 * than RFC 7208, or on a detail receivers are known to handle differently, the report
 * warns. Our verdict stays the RFC's; these findings say what some receivers do instead.
 *
 * Only sourced facts:
 * - pyspf (spf.py 2.0.14, the reference implementation behind postfix-policyd-spf-python)
 *   refuses a record that includes its own domain before evaluating it
 *   (query.validate_mechanism: "include has trivial recursion"), and counts void lookups
 *   per DNS query, MX host and PTR name address lookups included (query.dns, MAX_VOID_LOOKUPS).
 *   RFC 7208 4.6.4 counts void lookups per term and stops loops only at the lookup limit.
 * - More than 10 MX names: permerror under RFC 7208 4.6.4; RFC 4408 10.1 only said to look
 *   up no more than 10, so receivers written to RFC 4408 evaluate the first 10 instead.
 * - PTR names past the 10th are ignored (RFC 7208 4.6.4); DNS does not fix the order of
 *   an RRset (RFC 2181 5), so which 10 are kept can differ from one receiver to the next.
 * - A record whose DNS answer exceeds 512 octets needs EDNS0 or TCP: RFC 7208 3.4 asks that
 *   the answer fit in 512 octets, as a receiver without either gets only a truncated answer.
 * - Character-strings are joined without spaces (RFC 7208 3.3); a string boundary inside a
 *   term is correct, but any software that joins with a space reads two broken terms.
 * - Mechanisms after "all" are never tested (RFC 7208 5.1), and a "redirect" next to "all"
 *   is never used (RFC 7208 6.1; reported by the analyzer as redirect-with-all).
 */
import { LARGE_RECORD_LENGTH, nextTurn } from "./next-turn";
import type { CheckHostResult, StrictRule } from "./check-host";
import { NAME_LIMIT, VOID_LOOKUP_LIMIT } from "./check-host";
import { isQueryableName } from "./domain";
import { reverseName, type ClientIp } from "./ip";
import type { LookupCache } from "./lookup-cache";
import { isSpfRecord, parseRecord } from "./record";
import type { Problem, SpfNode, SpfResult } from "./types";

/** How strict receivers answer for the checked IP, beside the RFC answer. */
export interface StrictReading {
  result: SpfResult;
  /** The strict-only rule that changed the answer, or null when none applied. */
  rule: StrictRule | null;
}

/** The RFC 7208 3.4 size an SPF answer should fit in (the classic UDP limit). */
const UDP_ANSWER_LIMIT = 512;
/** Nodes of the tree the lens reviews at most (the walk itself is bounded the same way). */
const MAX_REVIEWED_NODES = 50;

type Params = Record<string, string | number>;
function warning(code: string, message: string, hint: string, domain: string, params: Params, term?: string): Problem {
  return { code, severity: "warning", message, hint, domain, ...(term ? { term } : {}), params: { domain, ...params, ...(term ? { term } : {}) } };
}

export interface LensInput {
  domain: string;
  tree: SpfNode;
  client: ClientIp | null;
  /** The RFC evaluation and the strict one for the client, when an IP was given. */
  rfc: CheckHostResult | null;
  strict: CheckHostResult | null;
  /** Problems the analyzer already found (too-many-mx is read from them). */
  problems: readonly Problem[];
  cache: LookupCache;
}

export function strictReading(strict: CheckHostResult | null): StrictReading | null {
  return strict ? { result: strict.result, rule: strict.strictRule ?? null } : null;
}

export async function strictReceiverRisks(input: LensInput): Promise<Problem[]> {
  const risks: Problem[] = [];
  const { rfc, strict } = input;
  const differs = rfc !== null && strict !== null && strict.result !== rfc.result;

  const selfIncluding = new Set<string>();
  const nodes = collect(input.tree);
  for (const node of nodes) {
    if (node.record === null) continue;
    if (node.record.length > LARGE_RECORD_LENGTH) await nextTurn(); // a large record is not kept parsed: read it on its own turn
    const parsed = parseRecord(node.record);
    if (!parsed.ok) continue;
    const { mechanisms } = parsed.record;
    const own = node.domain.toLowerCase();
    const self = mechanisms.find((m) => m.name === "include" && m.text.replace(/^[-+~?]?include:/i, "").replace(/\.$/, "").toLowerCase() === own);
    if (self && !selfIncluding.has(own)) {
      selfIncluding.add(own);
      risks.push(selfInclude(node.domain, self.text));
    }
    const allIndex = mechanisms.findIndex((m) => m.name === "all");
    if (allIndex >= 0 && allIndex < mechanisms.length - 1) {
      const after = mechanisms.slice(allIndex + 1).map((m) => m.text);
      risks.push(
        warning(
          "strict-after-all",
          `In the SPF record of ${node.domain}, ${after.join(" ")} come after "${mechanisms[allIndex].text}"; receivers never test them (RFC 7208 5.1), so the servers they name are not authorized.`,
          `Move the terms before "${mechanisms[allIndex].text}".`,
          node.domain,
          { terms: after.join(" "), all: mechanisms[allIndex].text },
        ),
      );
    }
    const answer = await input.cache.lookup(node.domain, "TXT");
    if (answer.status !== "ok") continue;
    const size = answerSize(node.domain, answer.records);
    if (size > UDP_ANSWER_LIMIT) {
      risks.push(
        warning(
          "strict-needs-tcp",
          `The TXT answer for ${node.domain} is about ${size} bytes, over the ${UDP_ANSWER_LIMIT} bytes of a plain UDP answer; receivers without EDNS0 or TCP fallback get a truncated answer and a temporary error (RFC 7208 3.4).`,
          "Shorten the record (fewer or shorter TXT records at that name, ip4 ranges instead of long includes) to keep the answer under 512 bytes.",
          node.domain,
          { size, limit: UDP_ANSWER_LIMIT },
        ),
      );
    }
    const strings = answer.records.find((record) => isSpfRecord(record.join("")));
    const split = strings ? splitInsideTerm(strings) : null;
    if (split) {
      risks.push(
        warning(
          "strict-odd-split",
          `The SPF record of ${node.domain} is split into strings inside a term ("${split.before}" | "${split.after}"); RFC 7208 3.3 joins strings without spaces, but software that joins them with a space reads broken terms.`,
          "Split long records only right after a space, so every string ends between two terms.",
          node.domain,
          { before: split.before, after: split.after },
        ),
      );
    }
  }

  if (strict?.strictRule === "self-include" && differs && !selfIncluding.has(strict.decidedBy?.domain.toLowerCase() ?? "")) {
    risks.push(selfInclude(strict.decidedBy?.domain ?? input.domain, strict.decidedBy?.term ?? ""));
  }
  if (strict?.strictRule === "void-per-query" && differs) {
    risks.push(
      warning(
        "strict-void-per-query",
        `For this IP the SPF result of ${input.domain} is ${rfc.result} under RFC 7208, but receivers that count void lookups per DNS query (pyspf, behind postfix-policyd-spf-python) return permerror: more than 2 queries, MX host and PTR name lookups included, come back empty${strict.decidedBy ? ` by "${strict.decidedBy.term}" in ${strict.decidedBy.domain}` : ""}.`,
        "Remove mx, a and include terms that point at names without records, and MX hosts without addresses.",
        input.domain,
        { rfcResult: rfc.result, strictResult: strict.result, where: strict.decidedBy?.domain ?? input.domain },
        strict.decidedBy?.term,
      ),
    );
  }
  for (const tooMany of input.problems.filter((p) => p.code === "too-many-mx")) {
    risks.push(
      warning(
        "strict-mx-names",
        `"${tooMany.term}" in the SPF record of ${tooMany.domain} finds ${tooMany.params?.count} MX names: receivers following RFC 7208 4.6.4 return permerror, those written to RFC 4408 look up the first 10 and may pass, so the result differs by receiver.`,
        "Replace mx with ip4/ip6 ranges of the servers that send.",
        tooMany.domain ?? input.domain,
        { count: tooMany.params?.count ?? 0 },
        tooMany.term,
      ),
    );
  }
  const ptrRisk = await tooManyPtrNames(input);
  if (ptrRisk) risks.push(ptrRisk);
  if (!strict) {
    const voidRisk = await voidQueriesWithoutIp(input, nodes);
    if (voidRisk) risks.push(voidRisk);
  }
  return risks;
}

/**
 * Without a client IP there is no strict evaluation to compare: count, over the whole
 * tree, the void terms RFC 7208 counts plus the MX hosts without addresses that strict
 * receivers also count. Over the limit one way and not the other: every IP that reaches
 * those terms gets permerror at strict receivers only.
 */
async function voidQueriesWithoutIp(input: LensInput, nodes: SpfNode[]): Promise<Problem | null> {
  const voidTerms = nodes.reduce((sum, node) => sum + node.voidLookups, 0);
  if (voidTerms > VOID_LOOKUP_LIMIT) return null;
  const emptyHosts: string[] = [];
  for (const node of nodes) {
    if (node.record === null) continue;
    const parsed = parseRecord(node.record);
    if (!parsed.ok) continue;
    for (const mechanism of parsed.record.mechanisms) {
      if (mechanism.name !== "mx") continue;
      const spec = mechanism.text.replace(/^[-+~?]?mx:?/i, "").replace(/\/.*$/, "");
      if (spec.includes("%")) continue; // depends on the message
      const target = spec === "" ? node.domain : spec.replace(/\.$/, "");
      if (!isQueryableName(target)) continue;
      const answer = await input.cache.lookup(target, "MX");
      if (answer.status !== "ok" || answer.records.length > NAME_LIMIT) continue;
      const lookups = await Promise.all(answer.records.filter((mx) => isQueryableName(mx.exchange)).map((mx) => input.cache.lookup(mx.exchange, "A")));
      answer.records.forEach((mx, i) => {
        const found = lookups[i];
        if (found && (found.status === "nxdomain" || found.status === "nodata")) emptyHosts.push(mx.exchange.replace(/\.$/, ""));
      });
    }
  }
  if (voidTerms + emptyHosts.length <= VOID_LOOKUP_LIMIT) return null;
  return warning(
    "strict-void-per-query",
    `${input.domain} stays within RFC 7208's 2 void lookups (${voidTerms}, counted per term), but receivers that count them per DNS query (pyspf, behind postfix-policyd-spf-python) also count MX hosts without addresses (${emptyHosts.slice(0, 5).join(", ")}) and return permerror.`,
    "Remove MX hosts without addresses from the MX records the SPF record names, or replace mx with ip4/ip6 ranges.",
    input.domain,
    { rfcResult: "", strictResult: "permerror", where: input.domain, hosts: emptyHosts.slice(0, 5).join(", ") },
  );
}

function selfInclude(domain: string, term: string): Problem {
  return warning(
    "strict-self-include",
    `The SPF record of ${domain} includes itself ("${term}"). RFC 7208 only ends the loop at the 10-lookup limit, but pyspf (behind postfix-policyd-spf-python) rejects such a record with permerror before evaluating it.`,
    `Remove "${term}".`,
    domain,
    {},
    term,
  );
}

/** With a client IP and a ptr term in the tree: more PTR names than receivers look at. */
async function tooManyPtrNames(input: LensInput): Promise<Problem | null> {
  if (!input.client || !input.problems.some((p) => p.code === "ptr")) return null;
  const answer = await input.cache.lookup(reverseName(input.client), "PTR");
  if (answer.status !== "ok" || answer.records.length <= NAME_LIMIT) return null;
  return warning(
    "strict-ptr-names",
    `${input.client.text} has ${answer.records.length} PTR names; receivers look at the first ${NAME_LIMIT} only (RFC 7208 4.6.4) and DNS does not fix their order, so "ptr" can match at one receiver and not at another.`,
    'Replace "ptr" with ip4/ip6 ranges of the servers that send.',
    input.domain,
    { ip: input.client.text, count: answer.records.length, limit: NAME_LIMIT },
  );
}

function collect(root: SpfNode): SpfNode[] {
  const nodes: SpfNode[] = [];
  const queue = [root];
  while (queue.length > 0 && nodes.length < MAX_REVIEWED_NODES) {
    const node = queue.shift()!;
    nodes.push(node);
    queue.push(...node.children);
  }
  return nodes;
}

/**
 * The size of the UDP answer to a TXT query for the name (RFC 1035 4.1): header,
 * question, and each record with a compressed owner name, fixed fields and its strings.
 * @internal exported for its test
 */
export function answerSize(name: string, records: string[][]): number {
  const encoder = new TextEncoder();
  const question = encoder.encode(name.replace(/\.$/, "")).length + 2 + 4;
  let size = 12 + question;
  for (const strings of records) {
    size += 2 + 10 + strings.reduce((sum, text) => sum + 1 + encoder.encode(text).length, 0);
  }
  return size;
}

/** The first string boundary that falls inside a term, with a little text either side. @internal exported for its test */
export function splitInsideTerm(strings: string[]): { before: string; after: string } | null {
  for (let i = 0; i < strings.length - 1; i++) {
    const left = strings[i];
    const right = strings[i + 1];
    if (left === "" || right === "" || left.endsWith(" ") || right.startsWith(" ")) continue;
    return { before: left.slice(-20), after: right.slice(0, 20) };
  }
  return null;
}
