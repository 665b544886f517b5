/**
 * Two refusals of how the sending server itself delivers, not of this sender or message:
 * the name it greets with (HELO/EHLO) is not a real, resolvable host name, or it delivers
 * straight from an address providers hand out to homes and small offices, which most
 * receivers only accept through the provider's own outgoing server. Both are fixed in
 * the sender's mail setup; the recipient has nothing to change.
 * Only under a catch-all code, where the words are all there is to go on.
 */
import { type Advice, type AdviceContext, step } from "./types";

const HELO_WORDS =
  /my name was rejected|helo command rejected|(invalid|bad|bogus) (helo|ehlo)|(helo|ehlo) (name |hostname )?(is )?(rejected|invalid|not valid)|need fully.qualified hostname/i;

const DIRECT_FROM_HOME_WORDS =
  /smtp server of your (isp|provider)|use your (isp|provider).{0,30}(server|relay)|dynamic(ally assigned)? (ip|address|pool|range)|dial.?up|residential (ip|address|range|network)|consumer (ip|address)/i;

export function sendingServerAdvice(ctx: AdviceContext): Advice | null {
  if (ctx.entry) return null;
  const diagnostic = (ctx.recipient?.diagnostic ?? "").slice(0, 2000);
  if (HELO_WORDS.test(diagnostic)) {
    return {
      steps: [step("you", "step.reverseDns.forward"), step("your-admin", "step.helo.setName")],
      findings: [],
      headline: { title: { key: "guidance.helo.title" }, summary: { key: "guidance.helo.summary" } },
    };
  }
  if (DIRECT_FROM_HOME_WORDS.test(diagnostic)) {
    return {
      steps: [step("you", "step.reverseDns.forward"), step("your-admin", "step.directFromHome.useSmarthost")],
      findings: [],
      headline: { title: { key: "guidance.directFromHome.title" }, summary: { key: "guidance.directFromHome.summary" } },
    };
  }
  return null;
}
