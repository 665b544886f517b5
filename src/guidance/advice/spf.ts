/**
 * SPF advice from the live check of the sender's domain. Which case applies is decided
 * from what the check found, in this order:
 *   no record -> broken record (too many lookups first, then other permanent errors)
 *   -> IP not allowed (with Microsoft's High Risk Delivery Pool and relay pool explained)
 *   -> IP allowed today (fixed since, DNS caching, or the receiver checked another hop).
 */
import type { SpfNode, SpfReport } from "../../spf/types";
import { detectSendingService, includesMicrosoft365, isMicrosoftIp } from "../services";
import { type Advice, type AdviceContext, step } from "./types";

export type SpfCase =
  | "unavailable"
  | "no-record"
  | "too-many-lookups"
  | "broken-record"
  | "ip-not-allowed"
  | "microsoft-pool"
  | "ip-passes"
  | "temporary-error"
  | "no-ip";

/** Problems (codes of src/spf) that make receivers return permerror: the record is broken. */
const PERMERROR_PROBLEMS = new Set([
  "several-records",
  "syntax-error",
  "void-lookups",
  "include-without-spf",
  "redirect-without-spf",
  "loop",
  "too-many-mx",
  "invalid-domain",
]);

/** Which SPF case the report shows; exported so the text and the tests can name it. */
export function spfCase(spf: SpfReport | null, ip: string | null): SpfCase {
  if (!spf) return "unavailable";
  if (spf.lookups.total > spf.lookups.limit) return "too-many-lookups";
  // Several records also come back as record null with a permerror: that is a broken set-up, not a missing one.
  const errors = spf.problems.filter((p) => PERMERROR_PROBLEMS.has(p.code));
  if (spf.result === "permerror" || errors.length) return "broken-record";
  if (spf.record === null) return "no-record";
  if (spf.result === "temperror") return "temporary-error";
  if (!ip || spf.result === null) return "no-ip";
  if (spf.result === "pass") return "ip-passes";
  if (isMicrosoftIp(ip) && includesMicrosoft365(spf)) return "microsoft-pool";
  return "ip-not-allowed";
}

/**
 * Where the lookups go: each include/redirect below the root costs 1 for the term itself
 * plus everything under it; the root's own a/mx/ptr/exists terms are listed as "own".
 */
function lookupCosts(tree: SpfNode | null): { domain: string; via: string; cost: number }[] {
  if (!tree) return [];
  const costs: { domain: string; via: string; cost: number }[] = tree.children
    .map((child) => ({ domain: child.domain, via: child.via, cost: 1 + child.totalLookups }))
    .sort((a, b) => b.cost - a.cost);
  const own = tree.lookups - tree.children.length;
  if (own > 0) costs.push({ domain: tree.domain, via: "own", cost: own });
  return costs;
}

function brokenTerms(spf: SpfReport): { term: string; error: string }[] {
  const found: { term: string; error: string }[] = spf.problems
    .filter((p) => PERMERROR_PROBLEMS.has(p.code))
    .map((p) => ({ term: p.term ?? p.domain ?? spf.domain, error: p.message }));
  const walk = (node: SpfNode | null) => {
    if (!node) return;
    if (node.error && !found.some((f) => f.error === node.error)) found.push({ term: `${node.via === "root" ? "" : `${node.via}:`}${node.domain}`, error: node.error });
    node.children.forEach(walk);
  };
  // The analyzer's problems already name the term; the tree's own errors are the fallback.
  if (!found.length) walk(spf.tree);
  return found.slice(0, 5);
}

export function spfAdvice(ctx: AdviceContext): Advice {
  const advice: Advice = { steps: [], findings: [] };
  const domain = ctx.senderDomain ?? ctx.spf?.domain ?? "?";
  const ip = ctx.ip ?? "?";
  const service = detectSendingService(ctx.bounce);
  const kind = spfCase(ctx.spf, ctx.ip);
  const spf = ctx.spf;

  switch (kind) {
    case "unavailable":
      advice.findings.push(
        ctx.spfError ? { key: "spf.finding.unavailable", params: { domain, error: ctx.spfError } } : { key: "spf.finding.notChecked", params: { domain } },
      );
      advice.steps.push(ctx.ip ? step("your-admin", "spf.step.checkManually", { domain, ip }) : step("your-admin", "spf.step.checkManuallyNoIp", { domain }));
      break;
    case "no-record": {
      const include = service?.include ?? (ctx.ip ? `${ctx.ip.includes(":") ? "ip6" : "ip4"}:${ctx.ip}` : "include:<your-provider>");
      advice.findings.push({ key: "spf.finding.noRecord", params: { domain } });
      advice.steps.push(
        step("your-admin", service ? "spf.step.publishForService" : "spf.step.publishForIp", {
          domain,
          service: service?.name ?? "",
          record: `v=spf1 ${include} -all`,
        }),
      );
      advice.steps.push(step("your-admin", "spf.step.listAllSenders"));
      break;
    }
    case "too-many-lookups": {
      const costs = lookupCosts(spf!.tree);
      advice.findings.push({ key: "spf.finding.tooManyLookups", params: { domain, total: spf!.lookups.total, limit: spf!.lookups.limit } });
      if (costs.length) {
        advice.steps.push(
          step("your-admin", "spf.step.lookupCosts", {
            costs: costs.map((c) => (c.via === "own" ? `${c.domain} (a, mx, exists, ptr) = ${c.cost}` : `${c.via}:${c.domain} = ${c.cost}`)).join(", "),
          }),
        );
      }
      const biggest = costs.find((c) => c.via !== "own");
      advice.steps.push(step("your-admin", "spf.step.reduceLookups", { biggest: biggest ? `${biggest.via}:${biggest.domain}` : domain }));
      break;
    }
    case "broken-record": {
      const terms = brokenTerms(spf!);
      advice.findings.push({ key: "spf.finding.broken", params: { domain, record: spf!.record ?? "" } });
      for (const { term, error } of terms) advice.steps.push(step("your-admin", "spf.step.fixTerm", { term, error }));
      if (!terms.length) advice.steps.push(step("your-admin", "spf.step.fixRecord", { domain }));
      break;
    }
    case "temporary-error":
      advice.findings.push({ key: "spf.finding.temporary", params: { domain } });
      advice.steps.push(step("your-admin", "spf.step.checkDnsServers", { domain }));
      break;
    case "no-ip":
      advice.findings.push({ key: "spf.finding.noIp", params: { domain, record: spf!.record ?? "" } });
      advice.steps.push(step("your-admin", "spf.step.compareServices", { domain }));
      break;
    case "ip-passes":
      advice.findings.push({ key: "spf.finding.passesNow", params: { domain, ip } });
      advice.steps.push(step("your-admin", "spf.step.passesMaybeFixed", { domain }));
      advice.steps.push(step("recipient-admin", "spf.step.receiverCheckedOtherHop", { ip }));
      advice.steps.push(step("you", "spf.step.sendDraft"));
      break;
    case "microsoft-pool":
      advice.findings.push({ key: "spf.finding.microsoftNotCovered", params: { domain, ip } });
      advice.steps.push(step("your-admin", "spf.step.highRiskPool"));
      advice.steps.push(step("your-admin", "spf.step.relayPool"));
      break;
    case "ip-not-allowed": {
      const decided = spf!.decidedBy?.term ?? (spf!.record?.match(/[-~?+]?all\b/)?.[0] ?? "all");
      advice.findings.push({ key: "spf.finding.ipNotAllowed", params: { domain, ip, result: spf!.result ?? "fail", term: decided } });
      if (isMicrosoftIp(ctx.ip)) {
        advice.steps.push(step("your-admin", "spf.step.addMicrosoftInclude", { domain }));
      } else if (service && !new RegExp(`\\b${service.include.replace(/[.:]/g, "\\$&")}\\b`, "i").test(spf!.record ?? "")) {
        advice.steps.push(step("your-admin", "spf.step.addService", { domain, service: service.name, include: service.include }));
      } else {
        advice.steps.push(step("your-admin", "spf.step.addIp", { domain, ip, mechanism: `${ip.includes(":") ? "ip6" : "ip4"}:${ip}` }));
      }
      advice.steps.push(step("your-admin", "spf.step.unknownIpMeansAbuse", { ip }));
      break;
    }
  }
  return advice;
}
