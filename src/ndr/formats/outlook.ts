/**
 * Outlook.com / Hotmail before its move to Exchange Online (postmaster@hotmail.com,
 * "Delivery Status Notification (Failure)"): a short English notice ("Delivery to the
 * following recipients failed.", "Unable to deliver message to the following
 * recipients, due to ...") and a DSN part, sometimes without a Diagnostic-Code.
 */
import { mergeDsn } from "../dsn-merge";
import { findAddress } from "../text";
import { defineFormat } from "./format";

const NOTICE = /^\s*((?:Delivery to the following recipients? (?:failed|has been delayed)|Unable to deliver message to the following recipients?)\b.{0,300})$/m;
const MICROSOFT_CONSUMER = /postmaster@(?:[\w-]{1,40}\.){0,4}(?:hotmail|outlook|live|msn)\.[a-z.]{2,12}>?/i;

export const outlook = defineFormat({
  name: "outlook",
  recognise: (message) =>
    (MICROSOFT_CONSUMER.test(message.from) || message.headers.has("x-message-delivery") || /^postmaster@mail\./i.test(message.from.replace(/^.*</, ""))) &&
    (message.deliveryStatus?.recipients.length ?? 0) > 0 &&
    /This is an automatically generated Delivery Status Notification/i.test(message.text),
  extract: (message) => {
    const notice = NOTICE.exec(message.text)?.[1].trim() ?? null;
    const recipients = (message.deliveryStatus?.recipients ?? []).map((fields) => ({
      address: findAddress(fields.finalRecipient ?? fields.originalRecipient),
      diagnostic: notice,
    }));
    return { recipients: mergeDsn(message.deliveryStatus, recipients, { gapsOnly: true }) };
  },
});
