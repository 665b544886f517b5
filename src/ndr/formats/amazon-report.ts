/**
 * Amazon's mail services (SES, WorkMail) write RFC 3464 fields either in a DSN part
 * or, flattened, under "Technical report:" in the text. Both read the same here.
 */
import type { MailMessage } from "../message";
import { replyCodeFor } from "../reply";
import { type DeliveryStatus, parseDeliveryStatus } from "../rfc3464";
import { findAddress, findStatus } from "../text";
import type { FormatFindings, RecipientFinding } from "./format";

export const TECHNICAL_REPORT = /^\s*Technical report:\s*$/m;

/** The DSN part, or the fields written under "Technical report:". */
export function amazonDeliveryStatus(message: MailMessage): DeliveryStatus | null {
  if (message.deliveryStatus && message.deliveryStatus.recipients.length > 0) return message.deliveryStatus;
  const report = TECHNICAL_REPORT.exec(message.text);
  if (!report) return null;
  const start = report.index + report[0].length;
  const status = parseDeliveryStatus(message.text.slice(start, start + 200_000).trim());
  return status && status.recipients.length > 0 ? status : null;
}

/**
 * Every field of every recipient (the pipeline does not see a flattened report).
 * `statusOf` may prefer a code from the diagnostic over the one the report states.
 */
export function amazonFindings(dsn: DeliveryStatus, statusOf: (reported: string | null, diagnostic: string | null) => string | null): FormatFindings {
  const recipients: RecipientFinding[] = dsn.recipients.map((fields) => {
    const status = statusOf(fields.status, fields.diagnosticCode);
    return {
      address: findAddress(fields.finalRecipient ?? fields.originalRecipient),
      action: (fields.action as RecipientFinding["action"] | null) ?? undefined,
      status,
      diagnostic: fields.diagnosticCode,
      replyCode: replyCodeFor(fields.diagnosticCode, status) ?? null,
      // SES writes an address-only remote host as "dns; [192.0.2.1]".
      remoteMta: fields.remoteMta?.replace(/^\[|\]$/g, "") || null,
    };
  });
  return { recipients, reportingMta: dsn.reportingMta };
}

/** The status the report states, or the diagnostic's when the report gives none. */
export function reportedStatus(reported: string | null, diagnostic: string | null): string | null {
  return findStatus(reported) ?? findStatus(diagnostic);
}
