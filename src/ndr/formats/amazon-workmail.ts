/**
 * Amazon WorkMail ("X-Mailer: Amazon WorkMail", sent through SES): "An error occurred
 * while trying to deliver the mail to the following recipients:", then a "Technical
 * report:" holding RFC 3464 fields written into the text rather than a DSN part.
 */
import type { MailMessage } from "../message";
import { replyCodeFor } from "../reply-text";
import { parseDeliveryStatus } from "../rfc3464";
import { findAddress, findStatus } from "../text";
import type { FormatModule } from "./format";

const TECHNICAL_REPORT = /^\s*Technical report:\s*$/m;

function isWorkMail(message: MailMessage): boolean {
  return [message.headers.get("x-mailer"), message.headers.get("x-original-mailer")].some((value) => value?.startsWith("Amazon WorkMail"));
}

export const amazonWorkMail: FormatModule = {
  name: "amazon-workmail",
  recognise: (message) => isWorkMail(message) && (message.deliveryStatus !== null || TECHNICAL_REPORT.test(message.text)),
  extract: (message) => {
    const report = TECHNICAL_REPORT.exec(message.text);
    const dsn = message.deliveryStatus ?? (report ? parseDeliveryStatus(message.text.slice(report.index + report[0].length, report.index + 200_000).trim()) : null);
    if (!dsn || dsn.recipients.length === 0) return null;
    return {
      reportingMta: dsn.reportingMta,
      recipients: dsn.recipients.map((fields) => {
        const status = findStatus(fields.status) ?? findStatus(fields.diagnosticCode);
        return {
          address: findAddress(fields.finalRecipient ?? fields.originalRecipient),
          action: (fields.action as "failed" | "delayed" | null) ?? undefined,
          status,
          diagnostic: fields.diagnosticCode,
          replyCode: replyCodeFor(fields.diagnosticCode, status) ?? null,
          remoteMta: fields.remoteMta,
        };
      }),
    };
  },
};
