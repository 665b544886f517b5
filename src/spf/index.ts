/**
 * The SPF/DMARC engine's public API. Pure TypeScript: DNS comes in through the
 * Resolver interface (src/dns in node, test doubles in tests).
 */
import { checkAlignment } from "./alignment";
import { analyzeSpf, type AnalyzeInput, type AnalyzeOptions } from "./analyzer";
import { settle } from "./check-failure";
import { dkimSignatures } from "./check-input";
import { checkDkimKey } from "./dkim-key";
import { checkDmarc } from "./dmarc";
import { checkReportAuthorization } from "./report-authorization";
import { CHECKS_SCHEMA, type Checks, type DkimKeyReport, type DmarcReport, type Resolver, type SpfReport } from "./types";

export * from "./types";

export interface RunChecksOptions extends AnalyzeOptions {
  /** Overall deadline; RFC 7208 4.6.4 asks for at least 20 s (default 20000 ms). */
  timeoutMs?: number;
}

/** What runChecks is asked: the SPF input, and for DMARC alignment the From domain and DKIM signatures. */
export interface RunChecksInput extends AnalyzeInput {
  fromDomain?: string;
  /** "selector:domain" pairs (CheckInput.dkim). */
  dkim?: string;
}

/**
 * SPF analysis (with the verdict for ip), DMARC for the From domain (with its external
 * report destinations), each DKIM key, all concurrently; then alignment, when a From
 * domain or a signature was given. A check that fails becomes { error }.
 */
export async function runChecks(input: RunChecksInput, resolver: Resolver, options: RunChecksOptions = {}): Promise<Checks> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const signatures = (dkimSignatures(input.dkim) ?? []).slice(0, 5);
  const dmarcDomain = input.fromDomain ?? input.domain;
  const [spf, dmarc, dkim] = await Promise.all([
    settle(() => analyzeSpf(input, resolver, options), timeoutMs, "SPF"),
    settle(() => dmarcWithDestinations(dmarcDomain, resolver), timeoutMs, "DMARC"),
    signatures.length > 0 ? settle(() => Promise.all(signatures.map(({ selector, domain }) => checkDkimKey(domain, selector, resolver))), timeoutMs, "DKIM") : null,
  ]);
  const checks: Checks = { schema: CHECKS_SCHEMA, spf, dmarc };
  if (dkim) checks.dkim = dkim;
  if (input.fromDomain || signatures.length > 0) checks.alignment = alignmentOf(input, spf, dmarc, dkim, signatures);
  return checks;
}

async function dmarcWithDestinations(domain: string, resolver: Resolver): Promise<DmarcReport> {
  const report = await checkDmarc(domain, resolver);
  if (report.policy && report.recordDomain) {
    const policyDomain = report.recordDomain.replace(/^_dmarc\./, "");
    const { destinations, problems } = await checkReportAuthorization(policyDomain, report.policy, resolver);
    if (destinations.length > 0) report.reportDestinations = destinations;
    report.problems.push(...problems);
  }
  return report;
}

function alignmentOf(
  input: RunChecksInput,
  spf: SpfReport | { error: string },
  dmarc: DmarcReport | { error: string },
  dkim: DkimKeyReport[] | { error: string } | null,
  signatures: Array<{ selector: string; domain: string }>,
): Checks["alignment"] {
  if ("error" in spf && !input.fromDomain) return { error: spf.error };
  const keys = dkim && !("error" in dkim) ? dkim : null;
  return checkAlignment({
    fromDomain: input.fromDomain ?? input.domain,
    spf: "error" in spf ? { domain: input.domain, result: null } : { domain: spf.domain, result: spf.result },
    dkim: signatures.map((signature, i) => ({ ...signature, key: keys?.[i] ?? null })),
    policy: "error" in dmarc ? null : dmarc.policy,
  });
}
