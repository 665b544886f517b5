/**
 * DMARC (RFC 7489): the policy record at _dmarc.<domain>, falling back to the
 * organizational domain (public suffix list, via tldts), parsed with findings.
 */
import { getDomain } from "tldts";
import { DnsLookupError } from "./check-failure";
import { isCheckableDomain } from "./domain";
import type { DmarcPolicy, DmarcReport, Problem, Resolver } from "./types";

type Disposition = NonNullable<DmarcPolicy["p"]>;
const DISPOSITIONS: readonly string[] = ["none", "quarantine", "reject"];
const VERSION = /^v\s*=\s*DMARC1\s*(?:;|$)/i;
const KNOWN_TAGS = new Set(["v", "p", "sp", "np", "pct", "adkim", "aspf", "rua", "ruf", "fo", "rf", "ri", "psd", "t"]);

/** The DMARC record could not be looked up: the check reports it as { error }. */
class DmarcLookupError extends DnsLookupError {}

export async function checkDmarc(domain: string, resolver: Resolver): Promise<DmarcReport> {
  const name = domain.trim().toLowerCase().replace(/\.$/, "");
  const orgDomain = getDomain(name) ?? name;
  const report: DmarcReport = { domain: name, orgDomain, recordDomain: null, record: null, policy: null, problems: [] };
  if (!isCheckableDomain(name)) {
    report.problems.push(problem("invalid-domain", "error", `"${name}" is not a fully qualified domain name.`, "Check the sender address.", name));
    return report;
  }
  const candidates = orgDomain !== name ? [name, orgDomain] : [name];
  // Both names are asked at once; the domain's own record wins when it has one.
  const found = await Promise.all(candidates.map((candidate) => fetchDmarc(candidate, resolver)));
  const index = found.findIndex((records) => records.length > 0);
  if (index < 0) {
    report.problems.push(
      problem("no-record", "warning", `${name} publishes no DMARC record${orgDomain !== name ? ` (nor does ${orgDomain})` : ""}.`, `Publish a TXT record at _dmarc.${orgDomain}, e.g. "v=DMARC1; p=none; rua=mailto:dmarc-reports@${orgDomain}", then tighten p once reports look clean. Large mailbox providers reject or junk bulk mail from domains without DMARC.`, name),
    );
    return report;
  }
  const recordDomain = candidates[index];
  const records = found[index];
  report.recordDomain = `_dmarc.${recordDomain}`;
  if (records.length > 1) {
    report.problems.push(problem("several-records", "error", `_dmarc.${recordDomain} has ${records.length} DMARC records; receivers then apply no DMARC policy at all.`, "Keep exactly one record.", recordDomain, { count: records.length }));
    return report;
  }
  report.record = records[0];
  const { policy, problems } = parseDmarcRecord(records[0], recordDomain);
  report.policy = policy;
  report.problems.push(...problems);
  if (recordDomain !== name) {
    const applied = policy.sp ?? policy.p;
    report.problems.push(
      problem("org-domain-record", "info", `${name} has no DMARC record of its own; the record of its organizational domain ${recordDomain} applies${applied ? ` (policy ${applied})` : ""}.`, "Publish _dmarc for the subdomain only if it needs a different policy.", name, { orgDomain: recordDomain, policy: applied ?? "" }),
    );
  }
  return report;
}

async function fetchDmarc(domain: string, resolver: Resolver): Promise<string[]> {
  const answer = await resolver.lookup(`_dmarc.${domain}`, "TXT");
  if (answer.status === "error") throw new DmarcLookupError(`DNS error looking up _dmarc.${domain}: ${answer.message}`);
  if (answer.status !== "ok") return [];
  return answer.records.map((strings) => strings.join("")).filter((text) => VERSION.test(text.trim()));
}

/** Parses a DMARC record's tags (RFC 7489 6.3) into the policy, with findings. @internal exported for its test */
export function parseDmarcRecord(record: string, domain: string): { policy: DmarcPolicy; problems: Problem[] } {
  const problems: Problem[] = [];
  const policy: DmarcPolicy = { p: null, sp: null, pct: 100, adkim: "r", aspf: "r", rua: [], ruf: [] };
  const seen = new Set<string>();
  const invalid = (tag: string, value: string, expected: string) =>
    problems.push(problem("invalid-tag", "error", `The DMARC record of ${domain} has an invalid ${tag}= value "${value}" (expected ${expected}).`, `Correct the ${tag}= tag.`, domain, { tag, value, expected }));

  for (const part of record.split(";").slice(1)) {
    const item = part.trim();
    if (item === "") continue;
    const eq = item.indexOf("=");
    if (eq < 0) {
      invalid(item, "", "tag=value");
      continue;
    }
    const tag = item.slice(0, eq).trim().toLowerCase();
    const value = item.slice(eq + 1).trim();
    if (seen.has(tag)) {
      problems.push(problem("duplicate-tag", "warning", `The DMARC record of ${domain} sets ${tag}= more than once.`, `Keep one ${tag}= tag.`, domain, { tag }));
      continue;
    }
    seen.add(tag);
    switch (tag) {
      case "p":
      case "sp":
        if (DISPOSITIONS.includes(value.toLowerCase())) policy[tag] = value.toLowerCase() as Disposition;
        else invalid(tag, value, "none, quarantine or reject");
        break;
      case "pct":
        if (/^\d{1,3}$/.test(value) && Number(value) <= 100) policy.pct = Number(value);
        else invalid(tag, value, "a whole number from 0 to 100");
        break;
      case "adkim":
      case "aspf":
        if (value.toLowerCase() === "r" || value.toLowerCase() === "s") policy[tag] = value.toLowerCase() as "r" | "s";
        else invalid(tag, value, "r (relaxed) or s (strict)");
        break;
      case "rua":
      case "ruf": {
        const uris = value.split(",").map((uri) => uri.trim()).filter(Boolean);
        const bad = uris.filter((uri) => !/^mailto:[^@\s,;]+@[^@\s,;!]+\.[^@\s,;!]+(?:![0-9]+[kmgt]?)?$/i.test(uri));
        if (bad.length > 0 || uris.length === 0) invalid(tag, value, "mailto: addresses separated by commas");
        policy[tag] = uris.filter((uri) => !bad.includes(uri));
        break;
      }
      case "ri":
        if (!/^\d+$/.test(value)) invalid(tag, value, "a number of seconds");
        break;
      case "fo":
        if (!/^[01ds](?::[01ds])*$/i.test(value)) invalid(tag, value, "0, 1, d or s, separated by colons");
        break;
      default:
        if (!KNOWN_TAGS.has(tag)) {
          problems.push(problem("unknown-tag", "info", `The DMARC record of ${domain} has an unknown tag ${tag}= (ignored by receivers).`, "Check the tag name for typos.", domain, { tag }));
        }
    }
  }

  if (policy.p === null) {
    const fallback = policy.rua.length > 0 ? " With a valid rua=, receivers treat it as p=none." : " Receivers ignore the record.";
    problems.push(problem("no-policy", "error", `The DMARC record of ${domain} has no valid p= tag.${fallback}`, 'Add "p=none", "p=quarantine" or "p=reject" right after "v=DMARC1;".', domain));
  } else if (policy.p === "none") {
    problems.push(problem("policy-none", "warning", `The DMARC policy of ${domain} is p=none: receivers only monitor, mail failing DMARC is not blocked.`, "Once the aggregate reports show every legitimate source passes, move to p=quarantine, then p=reject.", domain, { p: "none" }));
  }
  if (policy.pct < 100) {
    problems.push(problem("pct-below-100", "info", `The DMARC policy of ${domain} applies to ${policy.pct}% of failing mail only (pct=${policy.pct}).`, "Raise pct to 100 once the policy is proven.", domain, { pct: policy.pct }));
  }
  if (policy.rua.length === 0) {
    problems.push(problem("no-rua", "info", `The DMARC record of ${domain} asks for no aggregate reports (no rua=).`, `Add "rua=mailto:dmarc-reports@${domain}" to learn which servers send as the domain.`, domain));
  }
  return { policy, problems };
}

function problem(code: string, severity: Problem["severity"], message: string, hint: string, domain: string, params: Record<string, string | number> = {}): Problem {
  return { code, severity, message, hint, domain, params: { domain, ...params } };
}
