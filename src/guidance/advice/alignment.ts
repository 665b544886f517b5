/**
 * Advice for authentication bounces (DMARC, DKIM) when the returned original let the
 * checks judge alignment (src/spf/alignment.ts): the deciding fact first, then which of
 * SPF or DKIM has to align and how. Mail sent through a third party (a newsletter
 * service, a CRM, a relay) usually passes SPF for the service's bounce domain and is
 * signed by the service's domain: neither is the From domain, so DMARC fails.
 */
import type { AlignmentReport } from "../../spf/types";
import { type Advice, type AdviceContext, type MessageRef, type StepKey, step } from "./types";

/** The alignment report of the checks, when one was made and found a From domain. */
export function alignmentOf(ctx: AdviceContext): AlignmentReport | null {
  const alignment = ctx.checks?.alignment;
  return alignment && !("error" in alignment) && alignment.fromDomain ? alignment : null;
}

/** Whether the sender's side is what fails DMARC: then only the sender's admin can act. */
export function senderSideFails(alignment: AlignmentReport | null): boolean {
  return alignment !== null && alignment.deciding !== "aligned-pass" && alignment.deciding !== "unknown";
}

export function alignmentAdvice(ctx: AdviceContext): Advice | null {
  const alignment = alignmentOf(ctx);
  if (!alignment || alignment.deciding === "unknown") return null;
  const p = { ...alignment.params } as Record<string, string | number>;
  const from = String(p.fromDomain);
  const findings: MessageRef[] = [];
  const steps: StepKey[] = [];
  switch (alignment.deciding) {
    case "aligned-pass":
      findings.push({ key: p.via === "spf" ? "alignment.finding.passSpf" : "alignment.finding.passDkim", params: { fromDomain: from, domain: String(p.domain), selector: String(p.selector ?? "") } });
      steps.push(step("your-admin", "alignment.step.keepAsIs", { fromDomain: from }));
      steps.push(step("recipient-admin", "alignment.step.askRecipient", { fromDomain: from, domain: ctx.recipientDomain ?? "?" }));
      break;
    case "spf-unaligned-no-dkim":
      findings.push({ key: "alignment.finding.spfUnalignedNoDkim", params: { fromDomain: from, spfDomain: String(p.spfDomain), spfResult: String(p.spfResult) } });
      steps.push(step("your-admin", "alignment.step.dkimAtService", { fromDomain: from }));
      steps.push(step("your-admin", "alignment.step.customReturnPath", { fromDomain: from, spfDomain: String(p.spfDomain) }));
      break;
    case "dkim-other-domain":
      findings.push({ key: "alignment.finding.dkimOtherDomain", params: { fromDomain: from, domain: String(p.domain), spfDomain: String(p.spfDomain || "?") } });
      steps.push(step("your-admin", "alignment.step.dkimAtService", { fromDomain: from }));
      steps.push(step("your-admin", "alignment.step.customReturnPath", { fromDomain: from, spfDomain: String(p.spfDomain || "?") }));
      break;
    case "dkim-key-missing":
      findings.push({ key: "alignment.finding.keyMissing", params: { fromDomain: from, selector: String(p.selector), name: String(p.name) } });
      steps.push(step("your-admin", "alignment.step.publishKey", { selector: String(p.selector), name: String(p.name) }));
      break;
    case "dkim-key-revoked":
      findings.push({ key: "alignment.finding.keyRevoked", params: { selector: String(p.selector), name: String(p.name) } });
      steps.push(step("your-admin", "alignment.step.currentSelector", { selector: String(p.selector), name: String(p.name) }));
      break;
    case "dkim-weak-key":
      findings.push({ key: "alignment.finding.weakKey", params: { name: String(p.name), bits: Number(p.bits) } });
      steps.push(step("your-admin", "alignment.step.strongerKey", { fromDomain: from }));
      break;
    case "strict-subdomain":
      findings.push({ key: "alignment.finding.strict", params: { fromDomain: from, domain: String(p.domain), tag: String(p.tag) } });
      steps.push(step("your-admin", p.identifier === "spf" ? "alignment.step.strictSpf" : "alignment.step.strictDkim", { fromDomain: from, domain: String(p.domain), tag: String(p.tag) }));
      break;
    case "spf-not-passing":
      findings.push({ key: "alignment.finding.spfNotPassing", params: { spfDomain: String(p.spfDomain), spfResult: String(p.spfResult) } });
      steps.push(step("your-admin", "dmarc.step.fixSpf", { domain: String(p.spfDomain) }));
      steps.push(step("your-admin", "alignment.step.dkimAtService", { fromDomain: from }));
      break;
  }
  return { steps, findings };
}
