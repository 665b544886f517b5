/**
 * An MTA Sisimai calls "X3": "This is an automatically generated Delivery Status
 * Notification.", "* <address>" items, and "Technical details:" such as
 * "SMTP:RCPT host 192.0.2.8: 553 5.3.0 ..." or "Routing: Could not find a gateway".
 */
import type { MailMessage } from "../message";
import { bounceAddressee } from "../quoted-headers";
import { findAddress, findStatus } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

const GENERATED = "This is an automatically generated Delivery Status Notification.";

function writtenByX3(message: MailMessage): boolean {
  return message.from.includes("Mail Delivery System") && /^Delivery status notification/i.test(message.subject) && message.text.includes(GENERATED);
}

function technicalDetail(line: string): Pick<RecipientFinding, "diagnostic" | "smtpCommand" | "remoteMta"> | null {
  const smtp = /^SMTP:([A-Za-z]{2,10})\s(.{1,2000})$/.exec(line);
  if (smtp) {
    // "host 192.0.2.8: 553 5.3.0 ..." names the server that answered, then its words.
    const host = /^host ([^\s:]{1,255}): (.*)$/.exec(smtp[2]);
    return { smtpCommand: smtp[1].toUpperCase(), diagnostic: host ? host[2] : smtp[2], remoteMta: host?.[1] };
  }
  if (line.startsWith("Routing: ")) return { diagnostic: line.slice("Routing: ".length) };
  return null;
}

export const x3 = defineFormat({
  name: "x3",
  recognise: writtenByX3,
  extract: (message) => {
    const lines = message.text.split("\n").map((line) => line.trim());
    const addresses = lines.filter((line) => line.startsWith("* ")).map(findAddress).filter((a): a is string => a !== null);
    const details = lines.map(technicalDetail).filter((d) => d !== null);
    const dsn = message.deliveryStatus?.recipients ?? [];
    // One technical detail per listed recipient, in order; else the first speaks for all.
    const detailOf = (index: number) => (details.length === addresses.length ? details[index] : details[0]) ?? {};
    const recipients: RecipientFinding[] = addresses.map((address, index) => ({ address, ...detailOf(index) }));
    // Its delivery-status part has been seen to state a Status that contradicts the
    // remote server's own code in Diagnostic-Code (5.1.1 for "552 5.2.2 Over quota"):
    // the remote server's words are the truth.
    for (const fields of dsn) {
      const stated = findStatus(fields.diagnosticCode);
      const address = findAddress(fields.finalRecipient ?? fields.originalRecipient);
      if (stated && address) recipients.push({ address, status: stated });
    }
    if (recipients.length === 0) return null;
    return { recipients, originalSender: message.original?.headers.get("from") ? undefined : bounceAddressee(message) };
  },
});
