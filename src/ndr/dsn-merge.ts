/**
 * A bounce often says the same thing twice: in its RFC 3464 fields (a DSN part, or
 * fields flattened into the text) and in prose. The DSN is the machine-readable list;
 * the prose only fills what it leaves out (a diagnostic, a remote host, a more exact
 * code). This is the one place that decides who wins, for every family.
 */
import type { RecipientFinding } from "./formats/format";
import type { MailMessage } from "./message";
import { linesOf } from "./prose";
import { type DeliveryStatus, parseDeliveryStatus } from "./rfc3464";
import { classOf, findAddress, findReplyCode, findStatus } from "./text";

const isIndented = (line: string) => line[0] === " " || line[0] === "\t";

/** Where a flattened RFC 3464 report starts in the text. */
const INLINE_DSN_START = /^(?:Reporting-MTA|Final-Recipient|Original-Recipient):[ \t]{0,10}\S/im;
const DSN_FIELD = /^(?:Reporting-MTA|Received-From-MTA|Arrival-Date|X-Postfix-[\w-]{1,20}|X-Original-[\w-]{1,20}|Original-Envelope-Id|DSN-Gateway|Final-Recipient|Original-Recipient|Action|Status|Remote-MTA|Diagnostic-Code|Last-Attempt-Date|Will-Retry-Until|X-[\w-]{1,40}):/i;

/**
 * RFC 3464 fields written into the prose: by a server that flattened its report into
 * text/plain, by a broken MIME structure, or by a forward that quoted the whole bounce.
 * @internal exported for its test
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
function agreeingReplyCode(code: number | null, status: string | null): number | null {
  if (code === null) return null;
  return !status || classOf(code) === classOf(status) ? code : null;
}

/**
 * Pairs each item of one list with its counterpart in `others`: the first with the same
 * address, or the only one when both lists name a single recipient. Indexed once: a DSN
 * may list thousands of recipients.
 */
function counterparts<T>(others: readonly T[], addressOf: (item: T) => string | null, ownCount: number): (address: string | null) => T | undefined {
  const byAddress = new Map<string, T>();
  for (const other of others) {
    const address = addressOf(other);
    if (address !== null && !byAddress.has(address)) byAddress.set(address, other);
  }
  const onlyOne = others.length === 1 && ownCount === 1 ? others[0] : undefined;
  return (address) => (address !== null ? byAddress.get(address) : undefined) ?? onlyOne;
}

export interface DsnMergeOptions {
  /**
   * The DSN is the message's own DSN part, which the pipeline merges by itself: keep the
   * prose's recipients and drop only what the DSN states better (its diagnostic, remote
   * host, reply, and a status more exact than x.0.0). By default the findings are whole
   * recipients read from the DSN (which may be flattened into the text, where the
   * pipeline does not look), refined by the prose.
   */
  gapsOnly?: boolean;
}

/** The family's prose findings merged with the DSN's recipients: DSN first, prose fills the gaps. */
export function mergeDsn(dsn: DeliveryStatus | null, prose: RecipientFinding[], options: DsnMergeOptions = {}): RecipientFinding[] {
  const records = dsn?.recipients ?? [];
  if (records.length === 0) return prose;
  if (options.gapsOnly) {
    const recordOf = counterparts(records, (fields) => findAddress(fields.finalRecipient ?? fields.originalRecipient), prose.length);
    return prose.map((finding) => {
      const fields = recordOf(finding.address);
      if (!fields) return finding;
      const statusStated = findStatus(fields.status);
      const useful = statusStated !== null && !/\.0\.0$/.test(statusStated);
      return {
        ...finding,
        address: finding.address ?? findAddress(fields.finalRecipient ?? fields.originalRecipient),
        diagnostic: fields.diagnosticCode ? undefined : finding.diagnostic,
        remoteMta: fields.remoteMta ? undefined : finding.remoteMta,
        status: useful ? undefined : finding.status,
        replyCode: fields.diagnosticCode ? undefined : finding.replyCode,
      };
    });
  }
  // The DSN is the machine-readable list: prose naming someone else is a stale or garbled copy.
  const fromDsn: RecipientFinding[] = records.map((fields) => ({
    address: findAddress(fields.finalRecipient) ?? findAddress(fields.originalRecipient),
    action: (fields.action as RecipientFinding["action"]) ?? undefined,
    status: fields.status ?? undefined,
    diagnostic: fields.diagnosticCode ?? undefined,
    remoteMta: fields.remoteMta ?? undefined,
  }));
  const toldOf = counterparts(prose, (finding) => finding.address, fromDsn.length);
  return fromDsn.map((finding): RecipientFinding => {
    const told = toldOf(finding.address);
    const diagnostic = finding.diagnostic ?? told?.diagnostic ?? undefined;
    const status = statedStatus(finding.status ?? told?.status, diagnostic) ?? undefined;
    // A temporary failure given up on keeps the remote's 4.x.x over a bare 5.0.0 (expiredWithReply).
    return expiredWithReply({
      ...told,
      ...finding,
      address: finding.address ?? told?.address ?? null,
      diagnostic,
      status,
      remoteMta: finding.remoteMta ?? told?.remoteMta ?? undefined,
      // The prose's reply code stands unless the DSN's own diagnostic states one.
      replyCode: findReplyCode(finding.diagnostic) === null ? agreeingReplyCode(told?.replyCode ?? null, status ?? null) ?? undefined : undefined,
      action: finding.action ?? told?.action,
    });
  });
}

/**
 * A temporary failure the reporting MTA gave up on (its queue lifetime ran out) gets the
 * bare DSN status 5.0.0 from Exim ("...: retry timeout exceeded") and Courier, which says
 * only that delivery failed; the remote server's own 4.x.x in the diagnostic ("451 4.3.0
 * ...") says why, as Postfix and Sendmail report the same expiry. Only for a failed
 * recipient whose diagnostic is a 4xx reply stating a 4.x.x more exact than 4.0.0.
 * @internal exported for its test
 */
export function expiredWithReply(finding: RecipientFinding): RecipientFinding {
  if (finding.status !== "5.0.0" || (finding.action !== undefined && finding.action !== "failed")) return finding;
  const code = findReplyCode(finding.diagnostic);
  const reply = findStatus(finding.diagnostic);
  return code !== null && code >= 400 && code < 500 && reply?.startsWith("4.") && reply !== "4.0.0" ? { ...finding, status: reply } : finding;
}
