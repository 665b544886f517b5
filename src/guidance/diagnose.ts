/**
 * diagnose(bounce, checks, locale): from a parsed bounce and the live SPF/DMARC report
 * to what happened, who has to act and what each one does, plus the draft to the
 * recipient domain's postmaster.
 */
import type { BounceRecipient } from "../ndr/types";
import type { Bounce } from "../ndr/bounce";

import type { CheckReport } from "../checks/types";
import { codeKey, type Locale, type MessageKey, type MessageParams, t } from "../i18n";
import { buildAdminDraft, draftLanguageFor } from "../draft";
import { singleLine } from "../text/sanitize";
import { type CodeEntry, lookupCode, parseStatus, type WhoFixes } from "./codes";
import { classifyReason, reasonFromText } from "./reason";
import { isGenericCode } from "./generic";
import { ipFromRejection, spfDomainFromRejection } from "./check-target";
import { pickRecipient } from "./pick";
import { detectScope } from "./scope";
import { reasonAdvice } from "./advice/reasons";
import { alignmentOf, senderSideFails } from "./advice/alignment";
import { liveFact, withLiveChecks } from "./advice/live";
import type { AdviceContext, MessageRef, StepKey } from "./advice/types";
import type { Actor, Guidance, GuidanceStep, Reason } from "./types";

export interface DiagnoseOptions {
  /** Language of the draft to the recipient's admin; by default chosen from the recipient's domain. */
  draftLanguage?: Locale;
}

const AUTH_REASONS: Reason[] = ["spf-failure", "dkim-failure", "dmarc-policy"];

const WHO_FIXES_ACTORS: Record<WhoFixes, Actor[]> = {
  none: ["nobody"],
  sender: ["you"],
  sender_admin: ["your-admin"],
  // The recipient person has no actor of their own: their side is the recipient's admin.
  recipient: ["recipient-admin"],
  recipient_admin: ["recipient-admin"],
  both_admins: ["your-admin", "recipient-admin"],
};

/** Whether the entry explains this exact code (not just its subject or class). */
function isSpecific(entry: CodeEntry | null): boolean {
  // "X.7.27" names one code in any class; "X.7.X" and "5.X.X" are only a subject or a class.
  return Boolean(entry && !/\.X(\.|$)/.test(entry.code));
}

/** Whether the entry names only the class of the code (X.0.0, 5.X.X): it says nothing the words could not. */
function isClassOnly(entry: CodeEntry): boolean {
  return entry.scope === "iana" && (entry.code === "X.0.0" || /^\d\.X\.X$/.test(entry.code));
}

function reasonSummaryKey(reason: Reason, hasCode: boolean): MessageKey {
  return reason === "other" && !hasCode ? "guidance.reason.other.summaryNoCode" : (`guidance.reason.${reason}.summary` as MessageKey);
}

function isDelay(recipient: BounceRecipient | null): boolean {
  if (!recipient) return false;
  if (recipient.action === "delayed") return true;
  return recipient.action !== "failed" && parseStatus(recipient.status)?.klass === 4;
}

function bounded(value: string | null | undefined, max: number): string | null {
  return value ? singleLine(value, max) : null;
}

function buildContext(bounce: Bounce, recipient: BounceRecipient | null, checks: CheckReport | null): AdviceContext {
  const scope = detectScope(bounce, recipient);
  const code = recipient?.status ?? null;
  const diagnostic = recipient?.diagnostic ?? null;
  const entry = lookupCode(scope, code, diagnostic);
  let reason = classifyReason({
    status: code,
    replyCode: recipient?.replyCode,
    diagnostic,
    smtpCommand: recipient?.smtpCommand,
    format: bounce.format,
    scope,
  });
  // An authentication code is authoritative when the words did not name another authentication failure.
  if (entry?.reason && AUTH_REASONS.includes(entry.reason) && !AUTH_REASONS.includes(reason)) reason = entry.reason;
  const spf = checks && !("error" in checks.spf) ? checks.spf : null;
  const dmarc = checks && !("error" in checks.dmarc) ? checks.dmarc : null;
  return {
    bounce,
    recipient,
    scope,
    code,
    entry,
    reason,
    checks,
    live: checks?.live ?? null,
    spf,
    spfError: checks && "error" in checks.spf ? checks.spf.error : null,
    dmarc,
    dmarcError: checks && "error" in checks.dmarc ? checks.dmarc.error : null,
    // Bounce fields end up inside sentences: one line each, of a sane length.
    // Without a live check, an SPF failure is about the domain the receiver says it checked (the envelope sender's).
    senderDomain: bounded(
      (reason === "spf-failure" && !spf ? spfDomainFromRejection(diagnostic) : null) ?? bounce.senderDomain ?? spf?.domain ?? dmarc?.domain,
      253,
    ),
    recipientDomain: bounded(recipient?.domain ?? recipient?.address?.split("@").pop(), 253),
    ip: bounded(bounce.sendingIp ?? spf?.ip ?? ipFromRejection(diagnostic), 64),
  };
}

/** Sentences run on with a space in English; Chinese full stops need none. */
function joinSentences(parts: string[], locale: Locale): string {
  return parts.join(locale === "zh-TW" ? "" : " ");
}

function uniqueActors(steps: { actor: Actor }[]): Actor[] {
  const actors = [...new Set(steps.map((s) => s.actor))];
  return actors.length > 1 ? actors.filter((a) => a !== "nobody") : actors;
}

/**
 * Advice fills its sentences with remote text (SPF records and terms from DNS, server
 * names): each value becomes one line of bounded length with no control characters.
 */
function inSentence(params: MessageParams | undefined): MessageParams | undefined {
  if (!params) return params;
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === "string" ? singleLine(value) : value]));
}

function render(locale: Locale, steps: StepKey[]): GuidanceStep[] {
  return steps.map((s) => ({ actor: s.actor, text: t(locale, s.key, inSentence(s.params)) }));
}

function notABounce(bounce: Bounce, locale: Locale): Guidance {
  const key: MessageKey =
    bounce.kind === "delivery-success"
      ? "guidance.notBounce.delivered"
      : bounce.kind === "auto-reply"
        ? "guidance.notBounce.autoReply"
        : bounce.kind === "feedback-report"
          ? "guidance.notBounce.feedback"
          : "guidance.notBounce.message";
  return {
    scope: "iana",
    code: null,
    reason: "other",
    title: t(locale, "guidance.notBounce.title"),
    summary: t(locale, key),
    whoActs: ["nobody"],
    steps: [{ actor: "nobody", text: t(locale, "guidance.notBounce.step") }],
    draft: null,
  };
}

/** The live checks' facts, in the order the checks matter; "could not check" says nothing worth a sentence. */
function liveFacts(ctx: AdviceContext): MessageRef[] {
  const live = ctx.live;
  if (!live) return [];
  return live.checks.flatMap((kind) => {
    const fact = liveFact(live, kind);
    return fact && fact.key !== "live.fact.couldNotCheck" ? [fact] : [];
  });
}

/** The live checks' facts for the recipient's postmaster, in the draft's language. */
function draftFacts(ctx: AdviceContext, language: Locale): string[] {
  return liveFacts(ctx).map((fact) => t(language, fact.key, inSentence(fact.params)));
}

export function diagnose(bounce: Bounce, checks: CheckReport | null, locale: Locale, options: DiagnoseOptions = {}): Guidance {
  if (!bounce.isBounce) return notABounce(bounce, locale);
  const recipient = pickRecipient(bounce);
  const ctx = buildContext(bounce, recipient, checks);
  const { entry, reason, code } = ctx;
  // Without a code the sentences that would quote one are worded without it, rather than showing a dash.
  const hasCode = Boolean(code || recipient?.replyCode);
  const codeParams: MessageParams = {
    code: singleLine(code ?? (recipient?.replyCode ? String(recipient.replyCode) : "—"), 32),
    recipient: singleLine(recipient?.address ?? t(locale, "guidance.unknownRecipient"), 320),
    domain: singleLine(ctx.recipientDomain ?? "?", 253),
    sender: singleLine(ctx.senderDomain ?? "?", 253),
  };

  // A catch-all code (5.7.1, x.y.0, none) with a specific reason: the reason leads. A reason
  // the code alone gave (a bare "5.7.1") is no more than the code, so the code's words stay.
  const reasonIsCodes = entry?.reason === reason && reasonFromText(recipient?.diagnostic) === null;
  const generic = reason !== "other" && !reasonIsCodes && isGenericCode(entry);
  // The entry's own words apply when it explains this code and agrees with the reason found.
  const entryFits = !generic && isSpecific(entry) && (!entry!.reason || entry!.reason === reason || reason === "other");
  // Under a catch-all code the entry's "who fixes" is a guess about the code, not about this refusal.
  const adviceCtx = generic ? { ...ctx, entry: null } : ctx;
  const advice = withLiveChecks(adviceCtx, reasonAdvice(adviceCtx));
  const reasonTitle = advice.headline
    ? t(locale, advice.headline.title.key, inSentence(advice.headline.title.params))
    : t(locale, `guidance.reason.${reason}.title` as MessageKey);
  const title = entryFits ? t(locale, `${codeKey(entry!)}.title`) : reasonTitle;

  // What happened: the code's own meaning when it fits, else the reason in general words.
  const reasonSummary = advice.headline
    ? t(locale, advice.headline.summary.key, inSentence({ ...codeParams, ...advice.headline.summary.params }))
    : t(locale, reasonSummaryKey(reason, hasCode), codeParams);
  const summaryParts = entryFits ? [t(locale, `${codeKey(entry!)}.meaning`)] : [reasonSummary];
  // The code stays visible as context: what it says by itself.
  // A class-only code ("5.0.0: no further detail") would contradict the detail the words gave.
  if (entry && !entryFits && (generic || entry.reason === reason) && !isClassOnly(entry)) {
    summaryParts.push(t(locale, "guidance.codeContext", { code: codeParams.code, meaning: t(locale, `${codeKey(entry)}.meaning`) }));
  }

  if (isDelay(recipient)) {
    // "Gave up after retrying" is the opposite of a delay: when that is all the reason says, the delay speaks alone.
    // 4.4.7 ("delivery time expired") on a delay notice is the same contradiction under a code.
    const stillRetrying = reason === "expired" && (!entryFits || entry!.code === "X.4.7");
    if (stillRetrying) summaryParts.length = 0;
    summaryParts.push(t(locale, "guidance.delayed.summary"));
    // What the live checks found now still matters while the server retries (a PTR still missing, a listing still there).
    for (const fact of liveFacts(ctx)) summaryParts.push(t(locale, fact.key, inSentence(fact.params)));
    const steps: StepKey[] = [
      { actor: "nobody", key: "guidance.delayed.step.retry" },
      { actor: "you", key: "guidance.delayed.step.watch" },
    ];
    return {
      scope: ctx.scope,
      code,
      reason,
      title: stillRetrying ? t(locale, "guidance.delayed.titleRetrying") : t(locale, "guidance.delayed.title", { what: title }),
      summary: joinSentences(summaryParts, locale),
      whoActs: ["nobody"],
      steps: render(locale, steps),
      draft: null,
    };
  }

  for (const finding of advice.findings) summaryParts.push(t(locale, finding.key, inSentence(finding.params)));

  // Whoever the reference table says fixes this code gets a step, even when the reason's advice did not name them.
  const steps = [...advice.steps];
  // A code that names no one (5.0.0) does not make a failed delivery nobody's business: the fallback step below applies.
  const owners = (entry && (entryFits || reason === "other") ? WHO_FIXES_ACTORS[entry.whoFixes] : []).filter((a) => a !== "nobody");
  for (const actor of owners) {
    if (!steps.some((s) => s.actor === actor)) steps.push({ actor, key: `guidance.generic.${actor}` as MessageKey, params: codeParams });
  }
  if (!steps.length) steps.push({ actor: "you", key: hasCode ? "guidance.generic.unknown" : "guidance.generic.unknownNoCode", params: codeParams });

  const draftLanguage = options.draftLanguage ?? draftLanguageFor(ctx.recipientDomain);
  return {
    scope: ctx.scope,
    code,
    reason,
    title,
    summary: joinSentences(summaryParts, locale),
    whoActs: uniqueActors(steps),
    steps: render(locale, steps),
    // Where our own authentication is what fails, only our side can act: no email to the recipient's admin.
    draft:
      AUTH_REASONS.includes(reason) && senderSideFails(alignmentOf(ctx))
        ? null
        : buildAdminDraft({ bounce, recipient, checks, language: draftLanguage, liveFacts: draftFacts(ctx, draftLanguage) }),
  };
}
