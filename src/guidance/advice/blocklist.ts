/**
 * A refusal that names a public DNS blocklist: the sending IP is listed, so every
 * receiver using that list refuses it. The sender's admin finds the cause, fixes it
 * and requests removal; when the IP is a shared provider's, the provider does.
 */
import { namedBlocklist } from "../blocklist";
import { senderIpFromText } from "../sender-ip";
import { detectSendingService } from "../services";
import { type Advice, type AdviceContext, type StepKey, step } from "./types";

export function blocklistAdvice(ctx: AdviceContext): Advice | null {
  // A vendor's own code (Microsoft's 5.7.606-649 bans, say) keeps the vendor's own way out.
  if (ctx.entry && ctx.entry.scope !== "iana") return null;
  const list = namedBlocklist(ctx.recipient?.diagnostic);
  if (!list) return null;
  // The IP the receiver looked up is the one it quotes; the bounce's own sending IP otherwise.
  const ip = senderIpFromText(ctx.recipient?.diagnostic) ?? ctx.ip;
  const service = detectSendingService(ctx.bounce);
  const p = { list: list.name, ip: ip ?? "?", url: list.delistUrl ?? "", service: service?.name ?? "" };
  const steps: StepKey[] = [
    step("you", "step.blocklist.forward", p),
    step("your-admin", ip ? "step.blocklist.findCause" : "step.blocklist.findCauseNoIp", p),
    step("your-admin", "step.blocked.checkCompromise"),
    step("your-admin", list.delistUrl ? "step.blocklist.delistAt" : "step.blocklist.delistOnSite", p),
    step("your-admin", service ? "step.blocklist.provider" : "step.blocklist.sharedProvider", p),
  ];
  return {
    steps,
    findings: [],
    headline: {
      title: { key: "guidance.blocklist.title", params: p },
      summary: { key: ip ? "guidance.blocklist.summary" : "guidance.blocklist.summaryNoIp", params: p },
    },
  };
}
