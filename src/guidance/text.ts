/**
 * A diagnosis as plain text, for "Copy report" and the CLI. Remote text is folded to
 * one line and cut, and control characters (terminal escapes included) are removed.
 */
import type { Bounce } from "../ndr/bounce";
import type { Checks } from "../spf/types";
import { type Locale, type MessageKey, t } from "../i18n";
import { MAX_QUOTE, singleLine, withoutControls } from "../text/sanitize";
import type { Guidance } from "./types";

export function formatGuidanceText(bounce: Bounce, checks: Checks | null, guidance: Guidance, locale: Locale): string {
  const say = (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
  // "Label: value", or "標籤：value" with the full-width colon Chinese uses.
  const label = (key: MessageKey) => `${say(key)}${say("text.labelSeparator")}`;
  const recipient = bounce.recipients.find((r) => r.status === guidance.code) ?? bounce.recipients[0] ?? null;
  const lines: string[] = [];

  lines.push(`${label("text.heading")}${guidance.title}`);
  if (guidance.code) lines.push(`${label("text.code")}${guidance.code} (${guidance.scope})`);
  // The kind of failure as a short label: a sentence here could contradict a more precise heading
  // ("Delayed, not failed yet" over "Delivery gave up"; "account disabled" over "address does not exist").
  if (bounce.isBounce) lines.push(`${label("text.reason")}${say(`text.reason.${guidance.reason}` as MessageKey)}`);
  if (recipient) {
    lines.push(`${label("text.recipient")}${singleLine(recipient.address ?? "?", 320)}`);
    if (recipient.remoteMta) lines.push(`${label("text.remoteServer")}${singleLine(recipient.remoteMta, 300)}`);
    if (recipient.diagnostic) lines.push(`${label("text.serverSaid")}"${singleLine(recipient.diagnostic, MAX_QUOTE)}"`);
  }
  if (bounce.senderDomain || bounce.sendingIp) {
    lines.push(`${label("text.sentFrom")}${singleLine(bounce.senderDomain ?? "?", 253)}${bounce.sendingIp ? ` (${singleLine(bounce.sendingIp, 64)})` : ""}`);
  }

  lines.push("", say("text.whatHappened"), `  ${guidance.summary}`);
  lines.push("", `${label("text.whoActs")}${guidance.whoActs.map((a) => say(`actor.${a}` as MessageKey)).join(say("text.listSeparator"))}`);
  lines.push("", say("text.steps"));
  guidance.steps.forEach((s, i) => lines.push(`  ${i + 1}. [${say(`actor.${s.actor}` as MessageKey)}] ${s.text}`));

  lines.push("", say("text.checks"));
  if (!checks) {
    lines.push(`  ${say("text.checks.none")}`);
  } else {
    if ("error" in checks.spf) {
      lines.push(`  SPF: ${say("text.checks.failed", { error: singleLine(checks.spf.error, 300) })}`);
    } else {
      const spf = checks.spf;
      lines.push(`  SPF ${singleLine(spf.domain, 253)}: ${spf.record ? singleLine(spf.record, 1000) : say("text.checks.noRecord")}`);
      if (spf.ip && spf.result) lines.push(`    ${say("text.checks.spfResult", { ip: singleLine(spf.ip, 64), result: singleLine(spf.result, 16) })}`);
      lines.push(`    ${say("text.checks.lookups", { total: spf.lookups.total, limit: spf.lookups.limit })}`);
      for (const p of spf.problems.slice(0, 10)) lines.push(`    - ${p.severity}: ${singleLine(p.message, 300)}`);
    }
    if ("error" in checks.dmarc) {
      lines.push(`  DMARC: ${say("text.checks.failed", { error: singleLine(checks.dmarc.error, 300) })}`);
    } else {
      const dmarc = checks.dmarc;
      lines.push(`  DMARC ${singleLine(dmarc.domain, 253)}: ${dmarc.record ? singleLine(dmarc.record, 1000) : say("text.checks.noRecord")}`);
      for (const p of dmarc.problems.slice(0, 10)) lines.push(`    - ${p.severity}: ${singleLine(p.message, 300)}`);
    }
  }

  if (guidance.draft) {
    lines.push("", `${label("text.draft")}${guidance.draft.to}`, `${label("text.draftSubject")}${guidance.draft.subject}`);
  }
  // Checks and advice carry DNS text too: nothing that reaches a terminal may hold an escape sequence.
  return withoutControls(lines.join("\n")) + "\n";
}
