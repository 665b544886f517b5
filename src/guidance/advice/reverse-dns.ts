/**
 * A refusal for missing or mismatched reverse DNS: the receiver looked up the name of
 * the sending IP (its PTR record) and found none, or one that does not point back.
 * Whoever holds the IP sets the PTR record; the recipient has nothing to change.
 */
import { senderIpFromText } from "../sender-ip";
import { type Advice, type AdviceContext, step } from "./types";

const REVERSE_DNS_WORDS = /reverse dns|reverse lookup|\bptr\b|\brdns\b|fcrdns/i;

export function reverseDnsAdvice(ctx: AdviceContext): Advice | null {
  const diagnostic = (ctx.recipient?.diagnostic ?? "").slice(0, 2000);
  // Under IANA's own 5.7.25 the code says it; under a catch-all code only the words can.
  const said = ctx.entry?.scope === "iana" && ctx.entry.code === "X.7.25";
  if (!said && (ctx.entry || !REVERSE_DNS_WORDS.test(diagnostic))) return null;
  const ip = senderIpFromText(diagnostic) ?? ctx.ip;
  const p = { ip: ip ?? "?" };
  return {
    steps: [
      step("you", "step.reverseDns.forward"),
      step("your-admin", ip ? "step.reverseDns.setPtr" : "step.reverseDns.setPtrNoIp", p),
      step("your-admin", "step.reverseDns.matchHelo"),
    ],
    findings: [],
    headline: {
      title: { key: "guidance.reverseDns.title" },
      summary: { key: ip ? "guidance.reverseDns.summary" : "guidance.reverseDns.summaryNoIp", params: p },
    },
  };
}
