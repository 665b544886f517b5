/**
 * Generic RFC 3464 delivery status notification: any server that attaches a
 * message/delivery-status part. Family modules run first; this one catches the rest.
 */
import { defineFormat } from "./format";

export const rfc3464 = defineFormat({
  name: "rfc3464",
  recognise: (message) => (message.deliveryStatus?.recipients.length ?? 0) > 0,
  // The pipeline already reads the DSN part for every message; nothing to add.
  extract: () => ({ recipients: [] }),
});
