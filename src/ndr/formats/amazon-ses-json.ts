/**
 * Amazon SES event notifications, as SNS delivers them by email ("AWS Notification
 * Message" from no-reply@sns.amazonaws.com): a JSON object whose notificationType is
 * Bounce, Complaint or Delivery. Either the object itself, or an SNS envelope whose
 * "Message" field holds it as a string.
 */
import { findAddress, findStatus } from "../text";
import type { FormatFindings, RecipientFinding } from "./format";

/** Above this a body is not a notification; we do not hand megabytes to JSON.parse. */
const MAX_JSON = 2_000_000;

interface SesRecipient {
  emailAddress?: unknown;
  action?: unknown;
  status?: unknown;
  diagnosticCode?: unknown;
}

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/** The notification object in the body, or null. Mail clients wrap long lines: we unwrap. */
export function sesNotification(body: string): Record<string, unknown> | null {
  const start = body.indexOf("{");
  const end = body.lastIndexOf("}");
  if (start < 0 || end <= start || end - start > MAX_JSON) return null;
  let value: unknown;
  try {
    value = JSON.parse(body.slice(start, end + 1).replace(/\r?\n/g, ""));
  } catch {
    return null;
  }
  if (value && typeof value === "object" && typeof (value as { Message?: unknown }).Message === "string") {
    try {
      value = JSON.parse((value as { Message: string }).Message);
    } catch {
      return null;
    }
  }
  return value && typeof value === "object" && typeof (value as { notificationType?: unknown }).notificationType === "string"
    ? (value as Record<string, unknown>)
    : null;
}

function stripType(value: string | null): string | null {
  return value ? value.replace(/^(?:smtp|dsn|dns);\s*/i, "") : null;
}

export function sesFindings(notification: Record<string, unknown>): FormatFindings | null {
  const mail = (notification.mail ?? {}) as { source?: unknown; commonHeaders?: { from?: unknown } };
  const from: unknown = Array.isArray(mail.commonHeaders?.from) ? mail.commonHeaders?.from[0] : null;
  const originalSender = findAddress(text(from)) ?? findAddress(text(mail.source));
  switch (notification.notificationType) {
    case "Bounce": {
      const bounce = (notification.bounce ?? {}) as { bouncedRecipients?: unknown; reportingMTA?: unknown; bounceType?: unknown };
      const listed = Array.isArray(bounce.bouncedRecipients) ? (bounce.bouncedRecipients as SesRecipient[]) : [];
      const transient = bounce.bounceType === "Transient";
      const recipients: RecipientFinding[] = listed.slice(0, 10_000).map((r) => {
        const diagnostic = stripType(text(r.diagnosticCode));
        return {
          address: findAddress(text(r.emailAddress)),
          action: text(r.action) === "failed" || !transient ? "failed" : "delayed",
          status: findStatus(text(r.status)) ?? undefined,
          diagnostic,
        };
      });
      if (recipients.length === 0) return null;
      return { recipients, originalSender, reportingMta: stripType(text(bounce.reportingMTA)) };
    }
    case "Complaint":
      return { recipients: [], kind: "feedback-report" };
    case "Delivery":
      return { recipients: [], kind: "delivery-success" };
    default:
      return null;
  }
}
