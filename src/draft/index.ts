/**
 * The email to the recipient domain's postmaster (RFC 5321 section 4.5.1 requires every
 * domain to accept mail there): what was sent, when, from where, what their server said
 * verbatim, and our own SPF result, with a short polite request. Plain text and HTML.
 */
import type { BounceRecipient } from "../ndr/types";
import type { Bounce } from "../ndr/bounce";
import type { Checks } from "../spf/types";
import { type Locale, type MessageKey, t } from "../i18n";
import { escapeHtml, multiLine, singleLine } from "../text/sanitize";

/** The email to the recipient domain's postmaster, ready for the user's mail client. */
export interface AdminDraft {
  to: string;
  subject: string;
  text: string;
  /** Escaped HTML: every string from the bounce is inert and length-limited. */
  html: string;
  language: Locale;
}

/** Traditional Chinese for recipients under Taiwan's, Hong Kong's and Macau's TLDs; English elsewhere. */
export function draftLanguageFor(recipientDomain: string | null | undefined): Locale {
  return /\.(tw|hk|mo)\.?$/i.test(recipientDomain ?? "") ? "zh-TW" : "en-US";
}

const DOMAIN = /^(?=.{1,253}$)[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62}[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,62}[\p{L}\p{N}])?)+$/u;

export interface DraftInput {
  bounce: Bounce;
  recipient: BounceRecipient | null;
  checks: Checks | null;
  language: Locale;
  /** What the live checks found, already in the draft's language (one sentence each). */
  liveFacts?: string[];
}

interface Fact {
  label: MessageKey;
  value: string;
  /** Remote text quoted verbatim: kept on its own, in a block, in the HTML. */
  quote?: boolean;
}

function spfFact(checks: Checks | null, ip: string | null, language: Locale): string | null {
  if (!checks || "error" in checks.spf) return null;
  const spf = checks.spf;
  const record = spf.record ? singleLine(spf.record, 500) : t(language, "draft.spf.noRecord");
  if (!ip || !spf.result) return t(language, "draft.spf.recordOnly", { record });
  return t(language, "draft.spf.result", { ip: singleLine(ip, 64), result: singleLine(spf.result, 16), record });
}

/** DMARC as our checks see it, for the postmaster: stated only when it passes (otherwise the fix is ours, and there is no draft). */
function alignmentFact(checks: Checks | null, language: Locale): string | null {
  const alignment = checks?.alignment;
  if (!alignment || "error" in alignment || alignment.deciding !== "aligned-pass" || !alignment.fromDomain) return null;
  const via = alignment.params.via === "spf" ? "SPF" : "DKIM";
  return t(language, "draft.dmarc.pass", { fromDomain: singleLine(alignment.fromDomain, 253), via, domain: singleLine(String(alignment.params.domain ?? ""), 253) });
}

export function buildAdminDraft({ bounce, recipient, checks, language, liveFacts = [] }: DraftInput): AdminDraft | null {
  const recipientDomain = (recipient?.domain ?? recipient?.address?.split("@").pop() ?? "").toLowerCase().replace(/\.$/, "");
  // A numeric last label is an IP address in disguise (127.0.0.1, or fullwidth １２７.０.０.１), not a domain with a postmaster.
  if (!DOMAIN.test(recipientDomain) || /(?:^|\.)\p{N}+$/u.test(recipientDomain)) return null;

  const unknown = t(language, "draft.unknown");
  const senderDomain = singleLine(bounce.senderDomain ?? bounce.originalSender?.split("@").pop() ?? unknown, 253);
  const ip = bounce.sendingIp ?? (checks && !("error" in checks.spf) ? checks.spf.ip : null);
  const rawCode = recipient?.status ?? (recipient?.replyCode ? String(recipient.replyCode) : null);
  const code = rawCode ? singleLine(rawCode, 32) : null;
  const address = singleLine(recipient?.address ?? unknown, 320);

  // A fact the bounce does not give is left out: a row reading "unknown" only adds noise for the postmaster.
  const optional = (label: MessageKey, value: string | null | undefined, max: number): Fact[] =>
    value ? [{ label, value: singleLine(value, max) }] : [];
  const messageId = bounce.originalMessageId?.replace(/^<?([^<>]*)>?$/, "<$1>");
  const facts: Fact[] = [
    ...optional("draft.fact.sent", bounce.arrivalDate, 64),
    { label: "draft.fact.from", value: singleLine(bounce.originalSender ?? senderDomain, 320) },
    ...optional("draft.fact.ip", ip, 64),
    { label: "draft.fact.to", value: address },
    ...optional("draft.fact.subject", bounce.originalSubject, 300),
    // In angle brackets, as mail logs print it, so the postmaster can search for it as is.
    ...optional("draft.fact.messageId", messageId, 300),
    ...optional("draft.fact.status", code && recipient?.replyCode && code !== String(recipient.replyCode) ? `${code} (${recipient.replyCode})` : code, 64),
    ...optional("draft.fact.remoteServer", recipient?.remoteMta, 300),
    { label: "draft.fact.response", value: multiLine(recipient?.diagnostic ?? unknown), quote: true },
  ];
  const spf = spfFact(checks, ip, language);
  if (spf) facts.push({ label: "draft.fact.spf", value: spf });
  const dmarc = alignmentFact(checks, language);
  if (dmarc) facts.push({ label: "draft.fact.dmarc", value: dmarc });
  for (const fact of liveFacts.slice(0, 4)) facts.push({ label: "draft.fact.live", value: singleLine(fact, 500) });

  const subject = singleLine(
    code
      ? t(language, "draft.subject", { sender: senderDomain, recipient: address, code })
      : t(language, "draft.subjectNoCode", { sender: senderDomain, recipient: address }),
    200,
  );
  const greeting = t(language, "draft.greeting", { domain: recipientDomain });
  const intro = t(language, "draft.intro", { sender: senderDomain, recipient: address });
  const request = t(language, "draft.request");
  const thanks = t(language, "draft.thanks");
  const signature = t(language, "draft.signature", { sender: senderDomain });

  // "Label: value" in English, "標籤：值" in Chinese (a full-width colon, no space).
  const colon = t(language, "draft.labelSeparator");
  const text = [
    greeting,
    "",
    intro,
    "",
    ...facts.map((f) => (f.quote ? `${t(language, f.label)}${colon.trimEnd()}\n${indent(f.value)}` : `${t(language, f.label)}${colon}${f.value}`)),
    "",
    request,
    "",
    thanks,
    signature,
  ].join("\n");

  const row = (f: Fact) =>
    `<tr><th align="left" valign="top">${escapeHtml(t(language, f.label))}</th><td>${
      f.quote ? `<pre style="white-space:pre-wrap;margin:0">${escapeHtml(f.value)}</pre>` : escapeHtml(f.value)
    }</td></tr>`;
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    `<table cellpadding="4" style="border-collapse:collapse">${facts.map(row).join("")}</table>`,
    `<p>${escapeHtml(request)}</p>`,
    `<p>${escapeHtml(thanks)}<br>${escapeHtml(signature)}</p>`,
  ].join("\n");

  return { to: `postmaster@${recipientDomain}`, subject, text, html, language };
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}
