/**
 * Amazon SES receiving: a domain whose mail SES receives rejects a message after
 * accepting it, and SES mails the DSN from the domain's postmaster (with SES's
 * X-SES-Outgoing stamp). The DSN part says everything; this module names the family.
 */
import { defineFormat } from "./format";

export const amazonSesReceiving = defineFormat({
  name: "amazon-ses-receiving",
  recognise: (message) => message.headers.has("x-ses-outgoing") && (message.deliveryStatus?.recipients.length ?? 0) > 0,
  extract: () => ({ recipients: [] }),
});
