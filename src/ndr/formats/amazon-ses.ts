/**
 * Amazon SES, sending: the DSN from MAILER-DAEMON@*.amazonses.com, or the JSON event
 * notification SNS mails ("AWS Notification Message"). In the older DSNs SES wrote
 * "Status: 5.0.0" and prefixed the remote reply with its own code
 * ("5.1.0 - Unknown address error 550-'5.7.1 ... Access denied'"): the remote server's
 * code is the one stated for the failure, SES's prefix the fallback.
 */
import type { MailMessage } from "../message";
import { replyCodeFor } from "../reply-text";
import { findAddress, findStatus } from "../text";
import { sesFindings, sesNotification } from "./amazon-ses-json";
import type { FormatFindings, FormatModule, RecipientFinding } from "./format";

const SES_DAEMON = /mailer-daemon@(?:[a-z0-9-]{1,40}\.){0,3}amazonses\.com/i;
const SNS_SENDER = /no-reply@sns\.amazonaws\.com/i;
/** "550-'5.7.1 ..." or "550 5.2.2 ...": the code the remote server put after its reply code. */
const REMOTE_CODE = /\b[245]\d\d[ -]'?([245]\.\d{1,3}\.\d{1,3})\b/;

function statusOf(reported: string | null, diagnostic: string | null): string | undefined {
  const stated = findStatus(reported);
  if (stated && !/\.0\.0$/.test(stated)) return undefined; // the DSN's own code stands
  const remote = diagnostic ? REMOTE_CODE.exec(diagnostic)?.[1] : undefined;
  return findStatus(remote) ?? findStatus(diagnostic) ?? undefined;
}

function fromDsn(message: MailMessage): FormatFindings | null {
  const dsn = message.deliveryStatus?.recipients ?? [];
  if (dsn.length === 0) return null;
  // Only what the DSN gets wrong is returned; the pipeline keeps the rest of its fields.
  const recipients: RecipientFinding[] = dsn.map((fields) => {
    const status = statusOf(fields.status, fields.diagnosticCode);
    return {
      address: findAddress(fields.finalRecipient ?? fields.originalRecipient),
      status,
      replyCode: replyCodeFor(fields.diagnosticCode, status ?? findStatus(fields.status)),
      // SES writes the receiving server as "dns; [192.0.2.1]".
      remoteMta: fields.remoteMta?.replace(/^\[|\]$/g, "") || undefined,
    };
  });
  return { recipients };
}

export const amazonSes: FormatModule = {
  name: "amazon-ses",
  recognise: (message) => SES_DAEMON.test(message.from) || (SNS_SENDER.test(message.from) && message.text.includes("notificationType")),
  extract: (message) => {
    if (SNS_SENDER.test(message.from)) {
      const notification = sesNotification(message.text);
      return notification ? sesFindings(notification) : null;
    }
    return fromDsn(message);
  },
};
