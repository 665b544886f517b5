/**
 * Advice for each reason that is not about the sender's authentication: who acts and
 * the steps each one takes. Authentication reasons are built from the live checks
 * (spf.ts, dmarc.ts).
 */
import type { Reason } from "../types";
import { alignmentAdvice } from "./alignment";
import { dmarcAdvice } from "./dmarc";
import { spfAdvice } from "./spf";
import { blocklistAdvice } from "./blocklist";
import { reverseDnsAdvice } from "./reverse-dns";
import { senderAddressAdvice } from "./sender-address";
import { sendingServerAdvice } from "./sending-server";
import { type Advice, type AdviceContext, step } from "./types";

type Builder = (ctx: AdviceContext) => Advice;

/**
 * Words that put a refusal down to the sending server's standing rather than to a rule
 * about this sender; a refusal at connection ("refused to talk to me") can only be about the IP.
 */
const REPUTATION_WORDS = /reputation|blacklist|blocklist|block list|\bdnsbl\b|\brbl\b|spamhaus|barracuda|reverse dns|\bptr\b|client host rejected|banned|refused to talk to me|network not allowed|service refuse/i;
/** The mailbox exists but takes no mail for now, or no longer: disabled, suspended, locked, inactive. */
const DISABLED_ACCOUNT =
  /account (has been |is )?(disabled|inactive|discontinued|locked|frozen|suspended)|disabled or discontinued|temporar(y|ily) locked|mailbox (is )?(disabled|frozen|inactive)|disabled recipient|recipient (address )?(is )?disabled|inactive (email )?(address|account)|recipient account is blocked/i;
const STARTTLS_WANTED = /starttls|requiretls|tls (is )?required|requires? (a )?(secure|encrypted|tls)/i;

const diagnosticOf = (ctx: AdviceContext) => (ctx.recipient?.diagnostic ?? "").slice(0, 2000);

const simple =
  (...steps: ReturnType<typeof step>[]): Builder =>
  () => ({ steps, findings: [] });

const params = (ctx: AdviceContext) => ({
  recipient: ctx.recipient?.address ?? "?",
  domain: ctx.recipientDomain ?? "?",
  sender: ctx.senderDomain ?? "?",
});

/**
 * "No such recipient" covers three cases that need different steps: a wrong address
 * (check the spelling), an address that moved (5.1.6: it was right once, ask for the
 * new one) and a mailbox disabled or locked (spelled right: ask, or wait for the lock).
 */
function unknownUserAdvice(ctx: AdviceContext): Advice {
  const code = ctx.entry?.scope === "iana" ? ctx.entry.code : null;
  if (code === "X.1.6") {
    return {
      steps: [step("you", "step.disabledAccount.askRecipient", params(ctx)), step("you", "step.unknownUser.removeAutocomplete")],
      findings: [],
    };
  }
  if (code === "X.2.1" || DISABLED_ACCOUNT.test(diagnosticOf(ctx))) {
    return {
      steps: [step("you", "step.disabledAccount.askRecipient", params(ctx)), step("you", "step.disabledAccount.retryIfLocked")],
      findings: [],
      headline: {
        title: { key: "guidance.disabledAccount.title" },
        summary: { key: "guidance.disabledAccount.summary", params: params(ctx) },
      },
    };
  }
  return {
    steps: [
      step("you", "step.unknownUser.checkSpelling", params(ctx)),
      step("you", "step.unknownUser.removeAutocomplete"),
      step("you", "step.unknownUser.askOtherChannel"),
    ],
    findings: [],
  };
}

const builders: Record<Reason, Builder> = {
  "unknown-user": unknownUserAdvice,
  "mailbox-full": (ctx) => ({
    steps: [step("recipient-admin", "step.mailboxFull.freeSpace", params(ctx)), step("you", "step.mailboxFull.tellRecipient")],
    findings: [],
  }),
  "message-too-large": simple(step("you", "step.tooLarge.shrink"), step("you", "step.tooLarge.shareLink")),
  "domain-not-found": (ctx) => ({
    steps: [step("you", "step.domainNotFound.checkDomain", params(ctx)), step("recipient-admin", "step.domainNotFound.fixDns", params(ctx))],
    findings: [],
  }),
  "spf-failure": spfAdvice,
  "dmarc-policy": dmarcAdvice,
  "dkim-failure": (ctx) => {
    const dmarc = dmarcAdvice(ctx);
    return { steps: [step("your-admin", "step.dkim.enable", params(ctx)), ...dmarc.steps.filter((s) => s.key.startsWith("dmarc.step.dkim"))], findings: [] };
  },
  "authentication-required": (ctx) => ({
    steps:
      ctx.entry?.whoFixes === "both_admins" || ctx.entry?.whoFixes === "recipient_admin"
        ? [step("your-admin", "step.auth.signIn"), step("recipient-admin", "step.auth.receiverRequires", params(ctx))]
        : [step("your-admin", "step.auth.signIn"), step("you", "step.auth.checkPassword")],
    findings: [],
  }),
  "sender-blocked": (ctx) => {
    const named = blocklistAdvice(ctx) ?? reverseDnsAdvice(ctx) ?? sendingServerAdvice(ctx) ?? senderAddressAdvice(ctx);
    if (named) return named;
    const p = { ...params(ctx), ip: ctx.ip ?? "?" };
    // Without the sending IP the sentences that would name it say so instead of showing a "?".
    const allowSender = step("recipient-admin", ctx.ip ? "step.blocked.allowSender" : "step.blocked.allowSenderNoIp", p);
    const checkLists = step("your-admin", ctx.ip ? "step.blocked.checkLists" : "step.blocked.checkListsNoIp", p);
    // Blocks kept by the recipient's organization are theirs to lift; reputation and list bans are ours to clear.
    if (ctx.entry?.whoFixes === "recipient_admin" || ctx.entry?.whoFixes === "recipient") {
      return { steps: [step("you", "step.blocked.askAllow", p), allowSender], findings: [] };
    }
    // Microsoft's own bans and reputation blocks (5.7.511, 5.7.606-649, 5.7.708, ...) are lifted through its delist portal.
    if ((ctx.scope === "microsoft" || ctx.scope === "outlook.com") && ctx.entry?.whoFixes === "sender_admin") {
      return {
        steps: [
          step("your-admin", ctx.ip ? "step.blocked.microsoftDelist" : "step.blocked.microsoftDelistNoIp", p),
          step("your-admin", "step.blocked.checkCompromise"),
        ],
        findings: [],
      };
    }
    // A bare refusal under a catch-all code, with no word of reputation or lists, is most often the receiver's own rule.
    if (!ctx.entry && !REPUTATION_WORDS.test(diagnosticOf(ctx))) {
      return {
        steps: [step("you", "step.blocked.askAllow", p), allowSender],
        findings: [],
      };
    }
    return {
      steps: [
        checkLists,
        step("your-admin", "step.blocked.checkCompromise"),
        step("recipient-admin", "step.blocked.askDelist", p),
      ],
      findings: [],
    };
  },
  "spam-or-content": (ctx) =>
    // 5.6.x is about the message's format or encoding on the way, not about spam: simpler form, not fewer links.
    ctx.entry?.scope === "iana" && ctx.entry.code.startsWith("X.6.")
      ? { steps: [step("you", "step.content.simplify"), step("your-admin", "step.content.checkEncoding")], findings: [] }
      : {
          steps: [step("you", "step.content.revise"), step("your-admin", "step.content.checkOutbound"), step("recipient-admin", "step.content.allowList")],
          findings: [],
        },
  "relay-denied": (ctx) =>
    ctx.entry?.whoFixes === "sender_admin"
      ? { steps: [step("your-admin", "step.relay.connector")], findings: [] }
      : { steps: [step("recipient-admin", "step.relay.fixMx", params(ctx)), step("you", "step.relay.checkDomain", params(ctx))], findings: [] },
  "rate-limited": (ctx) =>
    ctx.entry?.whoFixes === "sender_admin" && ctx.entry.code.startsWith("5")
      ? { steps: [step("your-admin", "step.rate.accountLimit"), step("your-admin", "step.blocked.checkCompromise")], findings: [] }
      : ctx.entry?.code === "n/a (submission quota)"
        ? { steps: [step("your-admin", "step.rate.accountLimit"), step("your-admin", "step.blocked.checkCompromise")], findings: [] }
        : { steps: [step("you", "step.rate.slowDown")], findings: [] },
  "tls-required": (ctx) =>
    // "Must issue a STARTTLS command first": the receiver wants encryption our side did not offer.
    ctx.entry?.whoFixes === "sender_admin" || (!ctx.entry && STARTTLS_WANTED.test(diagnosticOf(ctx)))
      ? { steps: [step("your-admin", "step.tls.enableOutbound")], findings: [] }
      : { steps: [step("recipient-admin", "step.tls.fixCertificate", params(ctx)), step("you", "step.tls.sendDraft")], findings: [] },
  expired: (ctx) => ({
    steps: [step("recipient-admin", "step.expired.serverUnreachable", params(ctx)), step("you", "step.expired.resendLater")],
    findings: [],
  }),
  other: () => ({ steps: [], findings: [] }),
};

/** DMARC and DKIM refusals: where the checks judged alignment, its deciding fact leads. */
const ALIGNMENT_REASONS: Reason[] = ["dmarc-policy", "dkim-failure"];

export function reasonAdvice(ctx: AdviceContext): Advice {
  const alignment = ALIGNMENT_REASONS.includes(ctx.reason) ? alignmentAdvice(ctx) : null;
  if (alignment) {
    const general = builders[ctx.reason](ctx);
    // The DMARC policy in force stays as context after the deciding fact.
    return { steps: alignment.steps, findings: [...alignment.findings, ...general.findings.filter((f) => f.key === "dmarc.finding.policy")] };
  }
  return builders[ctx.reason](ctx);
}
