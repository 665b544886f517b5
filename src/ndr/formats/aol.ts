/**
 * AOL (Postmaster@AOL.com, "Undeliverable: ..."): an HTML notice and a DSN part whose
 * recipient groups are run together without blank lines, so each Final-Recipient
 * field starts the next recipient here.
 */
import { type Field, FieldMap, parseFields } from "../header-fields";
import type { MailMessage } from "../message";
import { stripTypePrefix } from "../rfc3464";
import { findAddress, findStatus } from "../text";
import { defineFormat, type RecipientFinding } from "./format";

function runTogetherRecipients(message: MailMessage): RecipientFinding[] {
  const groups: Field[][] = [];
  for (const field of parseFields(message.deliveryStatusText.replace(/\r\n?/g, "\n").replace(/\n[ \t]*\n/g, "\n"))) {
    if (field.name === "final-recipient") groups.push([]);
    groups[groups.length - 1]?.push(field);
  }
  return groups.map((group) => {
    const fields = new FieldMap(group);
    return {
      address: findAddress(stripTypePrefix(fields.get("final-recipient"))),
      action: (fields.get("action")?.toLowerCase() as RecipientFinding["action"]) ?? undefined,
      status: findStatus(fields.get("status")) ?? undefined,
      diagnostic: stripTypePrefix(fields.get("diagnostic-code")) ?? undefined,
      remoteMta: stripTypePrefix(fields.get("remote-mta")) ?? undefined,
    };
  });
}

export const aol = defineFormat({
  name: "aol",
  recognise: (message) => /(?:postmaster|mailer-daemon)@(?:[\w-]{1,40}\.){0,3}aol\.com\b/i.test(message.from) && message.deliveryStatusText !== "",
  extract: (message) => {
    const recipients = runTogetherRecipients(message).filter((r) => r.address !== null);
    return recipients.length > 0 ? { recipients } : null;
  },
});
