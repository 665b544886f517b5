/**
 * Two refusals that are about who the message claims to be from, not about the sending
 * server: the sender address itself was refused ("Sender address rejected", "sender
 * verify failed"), or the sender may not post to a group or mailing list.
 * Under a catch-all code the words decide; IANA's own sender-address codes (5.1.7 bad
 * sender mailbox syntax, 5.1.8 bad sender system address) say it by themselves and get
 * the same steps under their own title. Other specific codes have their own advice.
 */
import { type Advice, type AdviceContext, step } from "./types";

const SENDER_ADDRESS_WORDS =
  /sender address rejected|domain of sender address|sender (domain )?(rejected|denied)|sender verify failed|unroutable sender|can.?t determine purported responsible address|from: domain is invalid|provide a valid from/i;

const GROUP_WORDS = /not a member of|permission to post|not have permission to post|not allowed to post|members only|moderated list/i;

/** The envelope sender the server refused, when the report quotes it ("after MAIL FROM:<a@b.example>"). */
const QUOTED_MAIL_FROM = /mail from:\s*<[^<>@\s]{0,64}@([a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,10})>/i;

const SENDER_ADDRESS_CODES = new Set(["X.1.7", "X.1.8"]);

export function senderAddressAdvice(ctx: AdviceContext): Advice | null {
  const senderCode = ctx.entry?.scope === "iana" && SENDER_ADDRESS_CODES.has(ctx.entry.code);
  if (ctx.entry && !senderCode) return null;
  const diagnostic = (ctx.recipient?.diagnostic ?? "").slice(0, 2000);
  // The domain the server refused is the envelope sender's, which can differ from the From: domain.
  const refused = QUOTED_MAIL_FROM.exec(diagnostic)?.[1]?.toLowerCase();
  const p = { sender: refused ?? ctx.senderDomain ?? "?", domain: ctx.recipientDomain ?? "?", recipient: ctx.recipient?.address ?? "?" };
  // Google Groups writes its refusal in the poster's language; its format says it all.
  if (ctx.bounce.format === "google-groups" || GROUP_WORDS.test(diagnostic)) {
    return {
      steps: [step("you", "step.group.checkAddress", p), step("you", "step.group.askOwner", p)],
      findings: [],
      headline: { title: { key: "guidance.group.title" }, summary: { key: "guidance.group.summary", params: p } },
    };
  }
  if (!senderCode && !SENDER_ADDRESS_WORDS.test(diagnostic)) return null;
  return {
    steps: [
      step("you", "step.senderAddress.sendFromOwn"),
      step("your-admin", "step.senderAddress.checkDomain", p),
      step("recipient-admin", "step.senderAddress.askWhy", p),
    ],
    findings: [],
    headline: { title: { key: "guidance.senderAddress.title" }, summary: { key: "guidance.senderAddress.summary", params: p } },
  };
}
