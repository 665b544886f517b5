/**
 * Abuse and authentication-failure reports in the Abuse Reporting Format (RFC 5965,
 * "feedback loops"), and Hotmail's older complaint format that predates it. They
 * name a message someone complained about: they are not bounces.
 */
import type { MailMessage } from "../message";
import { defineFormat } from "./format";

const FEEDBACK_REPORT_TYPE = /report-type\s*=\s*"?feedback-report/;

/** Hotmail's JMRP complaints: the complained-about message attached, marked with its recipient. */
function isHotmailComplaint(message: MailMessage): boolean {
  return /^\s*complaint about message from /i.test(message.subject) && (message.original?.headers.has("x-hmxmroriginalrecipient") ?? false);
}

export const arf = defineFormat({
  name: "arf",
  recognise: (message) =>
    message.partTypes.includes("message/feedback-report") || FEEDBACK_REPORT_TYPE.test(message.contentType) || isHotmailComplaint(message),
  extract: () => ({ recipients: [], kind: "feedback-report" }),
});
