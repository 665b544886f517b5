/**
 * Amazon SES, sending: the DSN from MAILER-DAEMON@*.amazonses.com, or the JSON event
 * notification SNS mails ("AWS Notification Message"). In the older DSNs SES wrote
 * "Status: 5.0.0" and prefixed the remote reply with its own code
 * ("5.1.0 - Unknown address error 550-'5.7.1 ... Access denied'"): the remote server's
 * code is the one stated for the failure, SES's prefix the fallback.
 */
import { findStatus } from "../text";
import { amazonDeliveryStatus, amazonFindings } from "./amazon-report";
import { sesFindings, sesNotification } from "./amazon-ses-json";
import { defineFormat } from "./format";

const SES_DAEMON = /mailer-daemon@(?:[a-z0-9-]{1,40}\.){0,3}amazonses\.com/i;
const SNS_SENDER = /no-reply@sns\.amazonaws\.com/i;
/** "550-'5.7.1 ..." or "550 5.2.2 ...": the code the remote server put after its reply code. */
const REMOTE_CODE = /\b[245]\d\d[ -]'?([245]\.\d{1,3}\.\d{1,3})\b/;

/** The remote server's code when SES stated only "5.0.0"; SES's own prefix code otherwise. */
function statusOf(reported: string | null, diagnostic: string | null): string | null {
  const stated = findStatus(reported);
  if (stated && !/\.0\.0$/.test(stated)) return stated;
  const remote = diagnostic ? REMOTE_CODE.exec(diagnostic)?.[1] : undefined;
  return findStatus(remote) ?? findStatus(diagnostic) ?? stated;
}

export const amazonSes = defineFormat({
  name: "amazon-ses",
  recognise: (message) => SES_DAEMON.test(message.from) || (SNS_SENDER.test(message.from) && message.text.includes("notificationType")),
  extract: (message) => {
    if (SNS_SENDER.test(message.from)) {
      const notification = sesNotification(message.text);
      return notification ? sesFindings(notification) : null;
    }
    const dsn = amazonDeliveryStatus(message);
    return dsn ? amazonFindings(dsn, statusOf) : null;
  },
});
