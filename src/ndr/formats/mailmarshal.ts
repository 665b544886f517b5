/**
 * MailMarshal SMTP (Trustwave/Marshal): "Could not be delivered because of <reply>",
 * the affected recipients, and an "Additional Information" block of Name: <value> fields.
 */
import type { FieldMap } from "../header-fields";
import type { MailMessage } from "../message";
import { addressLine, firstParagraph, labelledLines, section } from "../prose";
import { findAddress } from "../text";
import { defineFormat } from "./format";

function writtenByMailMarshal(message: MailMessage): boolean {
  return /^Undeliverable Mail: /.test(message.subject) && message.text.includes("The following recipients were affected:");
}

/** The "Additional Information" fields ("Original Sender:    <...>"), values without their angle brackets. */
function additionalInformation(text: string): FieldMap {
  const lines = (section(text, /^Additional Information/) ?? []).filter((line) => !/^=+\s*$/.test(line)).map((line) => line.trim());
  return labelledLines(lines, { unbracket: true });
}

export const mailmarshal = defineFormat({
  name: "mailmarshal",
  recognise: writtenByMailMarshal,
  extract: (message) => {
    const listed = section(message.text, "The following recipients were affected:", /^Additional Information/) ?? [];
    const addresses = listed.map(addressLine).filter((a): a is string => a !== null);
    if (addresses.length === 0) return null;
    const diagnostic = firstParagraph(section(message.text, /^Could not be delivered because of/));
    const info = additionalInformation(message.text);
    return {
      recipients: addresses.map((address) => ({ address, diagnostic, remoteMta: info.get("remote-mta") })),
      reportingMta: info.get("reporting-mta"),
      originalSender: findAddress(info.get("original sender")),
    };
  },
});
