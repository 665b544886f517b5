/**
 * Appliances whose reports are complete RFC 3464 notifications: the delivery-status
 * part says everything, and recognising the writer only names it.
 */
import type { MailMessage } from "../message";
import type { FormatModule } from "./format";

/** A family recognised by a mark of its own, read through its delivery-status part. */
function dsnFamily(name: string, writtenBy: (message: MailMessage) => boolean): FormatModule {
  return {
    name,
    recognise: (message) => writtenBy(message) && (message.deliveryStatus?.recipients.length ?? 0) > 0,
    extract: () => ({ recipients: [] }),
  };
}

/** Barracuda Spam Firewall: its refusal subject. */
export const barracuda = dsnFamily("barracuda", (m) => /^\*\*Message you sent blocked by our bulk email filter\*\*/.test(m.subject));

/** amavis (amavisd-new), the content filter: reports signed "Content-filter at <host>". */
export const amavis = dsnFamily("amavis", (m) => /^"?Content-filter at /i.test(m.from));

/** PowerMTA: its X-PowerMTA-* extension fields in the delivery-status part. */
export const powermta = dsnFamily("powermta", (m) => /^X-PowerMTA-/im.test(m.deliveryStatusText));
