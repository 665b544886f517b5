/**
 * Shared readers for bounces that speak in prose: the open-source MTAs write
 * "address, then indented error lines" blocks, quote the returned message's headers
 * after a marker line, and sometimes flatten their RFC 3464 fields into the text.
 * Every pattern is linear: bounded quantifiers, one pass over the lines.
 */
import type { RecipientFinding } from "./formats/format";
import type { FieldMap } from "./header-fields";
import type { MailMessage } from "./message";
import { linesOf } from "./prose";
import { type DeliveryStatus, parseDeliveryStatus } from "./rfc3464";
import { findAddress, findReplyCode, findStatus, normalizeAddress } from "./text";

const isIndented = (line: string) => line[0] === " " || line[0] === "\t";

/** Where a flattened RFC 3464 report starts in the text. */
const INLINE_DSN_START = /^(?:Reporting-MTA|Final-Recipient|Original-Recipient):[ \t]{0,10}\S/im;
const DSN_FIELD = /^(?:Reporting-MTA|Received-From-MTA|Arrival-Date|X-Postfix-[\w-]{1,20}|X-Original-[\w-]{1,20}|Original-Envelope-Id|DSN-Gateway|Final-Recipient|Original-Recipient|Action|Status|Remote-MTA|Diagnostic-Code|Last-Attempt-Date|Will-Retry-Until|X-[\w-]{1,40}):/i;

/**
 * RFC 3464 fields written into the prose: by a server that flattened its report into
 * text/plain, by a broken MIME structure, or by a forward that quoted the whole bounce.
 */
export function inlineDeliveryStatus(text: string): DeliveryStatus | null {
  const start = INLINE_DSN_START.exec(text);
  if (!start) return null;
  const lines = linesOf(text.slice(start.index, start.index + 200000));
  const kept: string[] = [];
  for (const line of lines) {
    if (line.trim() === "") {
      kept.push("");
      continue;
    }
    if (DSN_FIELD.test(line) || (isIndented(line) && kept.length > 0 && kept[kept.length - 1] !== "")) kept.push(line);
    else break;
  }
  const status = parseDeliveryStatus(kept.join("\n"));
  return status && status.recipients.length > 0 ? status : null;
}

/** The DSN part's fields, or those flattened into the text. */
export function deliveryStatusOf(message: MailMessage): DeliveryStatus | null {
  return message.deliveryStatus && message.deliveryStatus.recipients.length > 0 ? message.deliveryStatus : inlineDeliveryStatus(message.text);
}

/**
 * The code the remote server stated in its own reply is more exact than the one the
 * reporting MTA derived for its DSN ("5.0.0" for any 550); the reply wins when both
 * agree on the class (a 4.4.7 "expired" over a 5.x.x reply stays as the DSN says).
 */
export function statedStatus(reported: string | null | undefined, diagnostic: string | null | undefined): string | null {
  const inReply = findStatus(diagnostic);
  const fromReport = findStatus(reported);
  if (!inReply) return fromReport ?? null;
  if (!fromReport) return inReply;
  if (fromReport[0] !== inReply[0]) return fromReport;
  // A reply's "5.1.0" or "5.0.0" says less than the report's "5.1.1": keep the more exact one.
  const [, replySubject, replyDetail] = inReply.split(".");
  const [, reportSubject, reportDetail] = fromReport.split(".");
  const replyVaguer = replyDetail === "0" && reportDetail !== "0" && (replySubject === "0" || replySubject === reportSubject);
  return replyVaguer ? fromReport : inReply;
}

/** A reply code only when it agrees with the status class (a 554 inside a 4.0.0 report is not the outcome). */
export function agreeingReplyCode(code: number | null, status: string | null): number | null {
  if (code === null) return null;
  return !status || String(code)[0] === status[0] ? code : null;
}

/** Findings from the DSN fields, refined by what the prose says about the same recipient. */
export function withDsn(dsn: DeliveryStatus | null, prose: RecipientFinding[]): RecipientFinding[] {
  const fromDsn: RecipientFinding[] = (dsn?.recipients ?? []).map((fields) => ({
    address: findAddress(fields.finalRecipient) ?? findAddress(fields.originalRecipient),
    action: (fields.action as RecipientFinding["action"]) ?? undefined,
    status: fields.status ?? undefined,
    diagnostic: fields.diagnosticCode ?? undefined,
    remoteMta: fields.remoteMta ?? undefined,
  }));
  const used = new Set<RecipientFinding>();
  const merged = fromDsn.map((finding): RecipientFinding => {
    const told =
      prose.find((p) => p.address !== null && p.address === finding.address) ??
      (prose.length === 1 && fromDsn.length === 1 ? prose[0] : undefined);
    if (told) used.add(told);
    const diagnostic = finding.diagnostic ?? told?.diagnostic ?? undefined;
    const status = statedStatus(finding.status ?? told?.status, diagnostic) ?? undefined;
    return {
      ...told,
      ...finding,
      address: finding.address ?? told?.address ?? null,
      diagnostic,
      status,
      remoteMta: finding.remoteMta ?? told?.remoteMta ?? undefined,
      // The prose's reply code stands unless the DSN's own diagnostic states one.
      replyCode: findReplyCode(finding.diagnostic) === null ? agreeingReplyCode(told?.replyCode ?? null, status ?? null) ?? undefined : undefined,
      action: finding.action ?? told?.action,
    };
  });
  // The DSN is the machine-readable list: prose naming someone else is a stale or garbled copy.
  return fromDsn.length > 0 ? merged : prose;
}

/** The first address in a header value, for recipients named only by their local part. */
export function addressesIn(values: readonly string[]): string[] {
  const found: string[] = [];
  for (const value of values) {
    for (const part of value.split(",", 1000)) {
      const address = findAddress(part);
      if (address) found.push(address);
    }
  }
  return found;
}

/** "kijitora" -> "kijitora@example.jp" when the returned message names exactly that mailbox. */
export function completeLocalPart(localPart: string, headers: FieldMap | null | undefined, text = ""): string | null {
  const wanted = localPart.toLowerCase();
  if (wanted.length === 0 || wanted.length > 64 || /[\s@<>]/.test(wanted)) return null;
  const candidates = addressesIn([...(headers?.all("to") ?? []), ...(headers?.all("cc") ?? [])]);
  for (const received of headers?.all("received") ?? []) {
    const forClause = /\bfor <?([^\s<>;]{1,320}@[^\s<>;]{1,255})>?/.exec(received);
    if (forClause) candidates.push(normalizeAddress(forClause[1]) ?? "");
  }
  const match = candidates.find((address) => address.startsWith(`${wanted}@`));
  if (match) return match;
  const inText = new RegExp(`\\bfor <?(${wanted.replace(/[^a-z0-9]/g, "\\$&")}@[A-Za-z0-9.-]{1,255})`, "i").exec(text.slice(0, 100000));
  return inText ? normalizeAddress(inText[1]) : null;
}
