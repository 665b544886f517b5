/**
 * Appliances whose reports are complete RFC 3464 notifications: the delivery-status
 * part says everything, and recognising the writer mostly names it.
 */
import type { MailMessage } from "../message";
import { findAddress } from "../text";
import type { FormatFindings, FormatModule } from "./format";

/** A family recognised by a mark of its own, read through its delivery-status part. */
function dsnFamily<Name extends string>(
  name: Name,
  writtenBy: (message: MailMessage) => boolean,
  refine: (message: MailMessage) => FormatFindings = () => ({ recipients: [] }),
): FormatModule<Name> {
  return {
    name,
    recognise: (message) => writtenBy(message) && (message.deliveryStatus?.recipients.length ?? 0) > 0,
    extract: refine,
  };
}

/** Barracuda Spam Firewall: its refusal subject. */
export const barracuda = dsnFamily("barracuda", (m) => m.subject.includes("our bulk email filter"));

/** amavis (amavisd-new), the content filter: reports signed "Content-filter at <host>". */
export const amavis = dsnFamily("amavis", (m) => /^"?Content-filter at /i.test(m.from));

/**
 * PowerMTA: its X-PowerMTA-* extension fields, or its greeting. Its Remote-MTA reads
 * "dns;mx.example.jp (192.0.2.135)": the host is the name before the address.
 */
export const powermta = dsnFamily(
  "powermta",
  (m) => /^X-PowerMTA-/im.test(m.deliveryStatusText) || (m.subject.includes("Delivery report") && m.text.includes("Hello, this is the mail server on ")),
  (m) => ({
    recipients: (m.deliveryStatus?.recipients ?? []).flatMap((fields) => {
      const address = findAddress(fields.finalRecipient ?? fields.originalRecipient);
      const host = fields.remoteMta?.split(/[\s(]/)[0];
      return address && host ? [{ address, remoteMta: host }] : [];
    }),
  }),
);
