/**
 * What the live checks add to the advice: the fact each check found now, and the steps
 * it changes. "Listed now: ask for delisting after fixing the cause" versus "no longer
 * listed: send again"; a domain that does not exist gets the typo suggestion; a null MX
 * means only the recipient can give another address; an MTA-STS policy that does not
 * cover its own MX hosts is the recipient's to fix.
 */
import type { DnsblReport, DnsblResult, LiveChecks, Outcome, RecipientDomainReport, ReverseDnsReport, TlsPolicyReport } from "../../checks/types";
import type { MessageRef } from "./types";
import { type Advice, type AdviceContext, type StepKey, step } from "./types";

/** Lists named in one sentence, and delisting steps given, at most. */
const MAX_LISTS = 3;

function report<T extends object>(outcome: Outcome<T> | undefined): T | null {
  return outcome && !("error" in outcome && Object.keys(outcome).length === 1) ? (outcome as T) : null;
}

/** "Spamhaus ZEN (XBL, PBL)": a list and what its codes mean. */
function listLabel(result: DnsblResult): string {
  const meanings = result.meanings.map((m) => m.label).filter((label) => label !== result.name);
  return meanings.length > 0 ? `${result.name} (${meanings.join(", ")})` : result.name;
}

/** The one-line fact a check found: the deciding line the pane and the text report lead with. */
export function liveFact(live: LiveChecks, kind: LiveChecks["checks"][number]): MessageRef | null {
  switch (kind) {
    case "recipient-domain": {
      const r = report<RecipientDomainReport>(live.recipientDomain);
      if (!r) return live.recipientDomain ? { key: "live.fact.couldNotCheck" } : null;
      if (r.status === "not-found") return r.suggestion ? { key: "live.fact.domain.notFoundSuggestion", params: { domain: r.domain, suggestion: r.suggestion } } : { key: "live.fact.domain.notFound", params: { domain: r.domain } };
      if (r.status === "null-mx") return { key: "live.fact.domain.nullMx", params: { domain: r.domain } };
      if (r.status === "no-mail-host") return { key: "live.fact.domain.noMailHost", params: { domain: r.domain } };
      if (r.status === "accepts-mail") return { key: "live.fact.domain.acceptsMail", params: { domain: r.domain } };
      return { key: "live.fact.domain.error", params: { domain: r.domain } };
    }
    case "dnsbl": {
      const r = report<DnsblReport>(live.dnsbl);
      if (!r) return live.dnsbl ? { key: "live.fact.couldNotCheck" } : null;
      const listed = r.results.filter((x) => x.status === "listed");
      if (listed.length > 0) return { key: "live.fact.dnsbl.listed", params: { ip: r.ip, lists: listed.slice(0, MAX_LISTS).map(listLabel).join(", ") } };
      const refused = r.results.filter((x) => x.status === "refused" || x.status === "error");
      if (refused.length > 0) return { key: "live.fact.dnsbl.refused", params: { ip: r.ip, lists: refused.slice(0, MAX_LISTS).map((x) => x.name).join(", ") } };
      const clean = r.results.filter((x) => x.status === "not-listed");
      if (clean.length > 0) return { key: "live.fact.dnsbl.notListed", params: { ip: r.ip, lists: clean.slice(0, MAX_LISTS).map((x) => x.name).join(", ") } };
      return null;
    }
    case "reverse-dns": {
      const r = report<ReverseDnsReport>(live.reverseDns);
      if (!r) return live.reverseDns ? { key: "live.fact.couldNotCheck" } : null;
      if (r.status === "confirmed") return { key: r.generic ? "live.fact.rdns.confirmedGeneric" : "live.fact.rdns.confirmed", params: { ip: r.ip, name: r.confirmedName ?? "" } };
      if (r.status === "not-confirming") return { key: "live.fact.rdns.notConfirming", params: { ip: r.ip, name: r.names[0] ?? "" } };
      if (r.status === "no-ptr") return { key: "live.fact.rdns.noPtr", params: { ip: r.ip } };
      return { key: "live.fact.rdns.error", params: { ip: r.ip } };
    }
    case "tls-policy": {
      const r = report<TlsPolicyReport>(live.tlsPolicy);
      if (!r) return live.tlsPolicy ? { key: "live.fact.couldNotCheck" } : null;
      const sts = r.mtaSts;
      const p = { domain: r.domain, mode: sts.mode ?? "", mx: sts.unmatchedMx.slice(0, MAX_LISTS).join(", "), patterns: sts.mxPatterns.slice(0, MAX_LISTS).join(", ") };
      if (sts.status === "ok" && sts.mode === "enforce" && sts.unmatchedMx.length > 0) return { key: "live.fact.tls.mismatch", params: p };
      if (sts.status === "ok") return { key: "live.fact.tls.policy", params: p };
      if (sts.status === "fetch-failed") return { key: "live.fact.tls.fetchFailed", params: p };
      if (sts.status === "invalid") return { key: "live.fact.tls.invalid", params: p };
      if (sts.status === "error") return { key: "live.fact.tls.error", params: p };
      return r.dane.some((h) => h.tlsa) ? { key: "live.fact.tls.dane", params: p } : { key: "live.fact.tls.none", params: p };
    }
  }
}

function domainSteps(ctx: AdviceContext, r: RecipientDomainReport, base: Advice): Advice {
  const p = { domain: r.domain, suggestion: r.suggestion ?? "" };
  if (r.status === "null-mx") {
    return {
      steps: [step("you", "live.step.domain.nullMx", p)],
      findings: [],
      headline: { title: { key: "live.domain.nullMx.title", params: p }, summary: { key: "live.domain.nullMx.summary", params: p } },
    };
  }
  if (r.status === "not-found" && r.suggestion) {
    return { ...base, steps: [step("you", "live.step.domain.useSuggestion", p), ...base.steps.filter((s) => s.key !== "step.domainNotFound.checkDomain")] };
  }
  if (r.status === "accepts-mail" && ctx.reason === "domain-not-found") {
    return { ...base, steps: [step("you", "live.step.domain.sendAgain", p), ...base.steps] };
  }
  return base;
}

function dnsblSteps(r: DnsblReport, base: Advice): Advice {
  const listed = r.results.filter((x) => x.status === "listed");
  const answered = r.results.filter((x) => x.status === "listed" || x.status === "not-listed");
  if (listed.length > 0) {
    const delist: StepKey[] = listed
      .slice(0, MAX_LISTS)
      .map((x) => step("your-admin", x.lookupUrl ? "live.step.dnsbl.delistAt" : "live.step.dnsbl.delistOnSite", { ip: r.ip, list: listLabel(x), url: x.lookupUrl ?? "" }));
    const policy = listed.some((x) => x.meanings.some((m) => m.policy));
    const steps = [...base.steps.filter((s) => s.key !== "step.blocklist.delistAt" && s.key !== "step.blocklist.delistOnSite"), ...delist];
    if (policy) steps.push(step("your-admin", "live.step.dnsbl.policyList", { ip: r.ip }));
    return { ...base, steps };
  }
  // Every list answered and none lists the IP now: it was removed (or the block was elsewhere).
  if (answered.length > 0 && answered.length === r.results.length) {
    return { ...base, steps: [step("you", "live.step.dnsbl.sendAgain", { ip: r.ip }), ...base.steps.filter((s) => s.actor !== "you")] };
  }
  return base;
}

function reverseSteps(r: ReverseDnsReport, base: Advice): Advice {
  if (r.status === "confirmed" && !r.generic) {
    return { ...base, steps: [step("you", "live.step.rdns.sendAgain", { ip: r.ip, name: r.confirmedName ?? "" }), ...base.steps.filter((s) => s.actor !== "you")] };
  }
  if (r.generic) return { ...base, steps: [...base.steps, step("your-admin", "live.step.rdns.generic", { ip: r.ip, name: r.names[0] ?? "" })] };
  return base;
}

function tlsSteps(r: TlsPolicyReport, base: Advice): Advice {
  const sts = r.mtaSts;
  const p = { domain: r.domain, mx: sts.unmatchedMx.slice(0, MAX_LISTS).join(", ") };
  if (sts.status === "ok" && sts.mode === "enforce" && sts.unmatchedMx.length > 0) {
    return { ...base, steps: [step("recipient-admin", "live.step.tls.fixPolicy", p), ...base.steps] };
  }
  if (sts.status === "fetch-failed" || sts.status === "invalid") {
    return { ...base, steps: [...base.steps, step("recipient-admin", "live.step.tls.fixPolicyHost", p)] };
  }
  return base;
}

/** Microsoft's own blocks (5.7.606-649, S3140) are no DNS list: nothing can be queried, only its delist portal helps. */
const MICROSOFT_BLOCK = /\b5\.7\.6(?:0[6-9]|[1-3]\d|4\d)\b|\bS3140\b/;

/** The advice with what the live checks found: their facts first, in the order the checks matter, and the steps they change. */
export function withLiveChecks(ctx: AdviceContext, base: Advice): Advice {
  const live = ctx.live;
  const diagnostic = (ctx.recipient?.diagnostic ?? "").slice(0, 2000);
  let advice = base;
  if (MICROSOFT_BLOCK.test(`${ctx.code ?? ""} ${diagnostic}`) && (ctx.scope === "microsoft" || ctx.scope === "outlook.com")) {
    advice = { ...advice, findings: [...advice.findings, { key: "live.fact.microsoftBlock" }] };
  }
  if (!live) return advice;
  const findings: MessageRef[] = [];
  for (const kind of live.checks) {
    const fact = liveFact(live, kind);
    if (fact) findings.push(fact);
  }
  const domain = report<RecipientDomainReport>(live.recipientDomain);
  if (domain) advice = domainSteps(ctx, domain, advice);
  const dnsbl = report<DnsblReport>(live.dnsbl);
  if (dnsbl) advice = dnsblSteps(dnsbl, advice);
  const rdns = report<ReverseDnsReport>(live.reverseDns);
  if (rdns) advice = reverseSteps(rdns, advice);
  const tls = report<TlsPolicyReport>(live.tlsPolicy);
  if (tls) advice = tlsSteps(tls, advice);
  return { ...advice, findings: [...findings, ...advice.findings] };
}
