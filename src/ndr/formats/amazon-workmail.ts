/**
 * Amazon WorkMail ("X-Mailer: Amazon WorkMail", sent through SES): "An error occurred
 * while trying to deliver the mail to the following recipients:", then a "Technical
 * report:" holding RFC 3464 fields written into the text rather than a DSN part.
 */
import type { MailMessage } from "../message";
import { TECHNICAL_REPORT, amazonDeliveryStatus, amazonFindings, reportedStatus } from "./amazon-report";
import { defineFormat } from "./format";

function isWorkMail(message: MailMessage): boolean {
  return [message.headers.get("x-mailer"), message.headers.get("x-original-mailer")].some((value) => value?.startsWith("Amazon WorkMail"));
}

export const amazonWorkMail = defineFormat({
  name: "amazon-workmail",
  recognise: (message) => isWorkMail(message) && (message.deliveryStatus !== null || TECHNICAL_REPORT.test(message.text)),
  extract: (message) => {
    const dsn = amazonDeliveryStatus(message);
    return dsn ? amazonFindings(dsn, reportedStatus) : null;
  },
});
