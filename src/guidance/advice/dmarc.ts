/**
 * DMARC advice: the policy the sender's domain publishes, whether SPF passes for the
 * sending IP today, and what makes mail pass (aligned SPF or aligned DKIM).
 */
import { detectSendingService } from "../services";
import { spfCase } from "./spf";
import { type Advice, type AdviceContext, step } from "./types";

export function dmarcAdvice(ctx: AdviceContext): Advice {
  const advice: Advice = { steps: [], findings: [] };
  const domain = ctx.senderDomain ?? ctx.dmarc?.domain ?? "?";
  const dmarc = ctx.dmarc;
  const service = detectSendingService(ctx.bounce);

  if (!dmarc) {
    advice.findings.push(
      ctx.dmarcError
        ? { key: "dmarc.finding.unavailable", params: { domain, error: ctx.dmarcError } }
        : { key: "dmarc.finding.notChecked", params: { domain } },
    );
  } else if (!dmarc.record || !dmarc.policy) {
    advice.findings.push({ key: "dmarc.finding.noRecord", params: { domain } });
    advice.steps.push(step("your-admin", "dmarc.step.publish", { domain, record: `v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}` }));
  } else {
    advice.findings.push({
      key: "dmarc.finding.policy",
      params: { domain, policy: dmarc.policy.p ?? "none", at: dmarc.recordDomain ?? `_dmarc.${domain}` },
    });
  }

  // SPF half of DMARC: does the sending IP pass for the domain today?
  const spfKind = spfCase(ctx.spf, ctx.ip);
  if (ctx.spf && ctx.ip) {
    advice.findings.push({ key: "dmarc.finding.spfResult", params: { domain, ip: ctx.ip, result: ctx.spf.result ?? "none" } });
  }
  if (spfKind !== "ip-passes" && spfKind !== "unavailable") {
    advice.steps.push(step("your-admin", "dmarc.step.fixSpf", { domain }));
  } else if (spfKind === "ip-passes") {
    advice.steps.push(step("your-admin", "dmarc.step.checkAlignment", { domain }));
  } else {
    // Not checked (offline or failed): say what to verify by hand.
    advice.steps.push(ctx.ip ? step("your-admin", "spf.step.checkManually", { domain, ip: ctx.ip }) : step("your-admin", "spf.step.checkManuallyNoIp", { domain }));
  }

  // DKIM half: cannot be seen from DNS without the selector, so say how to make sure.
  advice.steps.push(
    service?.id === "microsoft365"
      ? step("your-admin", "dmarc.step.dkimMicrosoft", { domain })
      : service?.id === "google"
        ? step("your-admin", "dmarc.step.dkimGoogle", { domain })
        : step("your-admin", "dmarc.step.dkimGeneric", { domain }),
  );
  if (ctx.scope === "outlook.com" || ctx.code === "5.7.515") {
    advice.steps.push(step("your-admin", "dmarc.step.outlookBulkRules", { domain }));
  }
  if (dmarc?.policy?.p === "reject" || dmarc?.policy?.p === "quarantine") {
    advice.steps.push(step("your-admin", "dmarc.step.thirdParties", { domain }));
  }
  return advice;
}
