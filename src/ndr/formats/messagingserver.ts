/**
 * Oracle Communications (Sun ONE, iPlanet) Messaging Server: "This report relates to a
 * message you sent..." and, per recipient, indented "Recipient address:", "Original
 * address:", "Reason:", "Diagnostic code:" and "Remote system:" lines, beside the DSN.
 */
import { FieldMap, parseFields } from "../header-fields";
import type { MailMessage } from "../message";
import { paragraphs, section } from "../prose";
import { stripTypePrefix } from "../rfc3464";
import { findAddress, normalizeAddress } from "../text";
import type { FormatModule, RecipientFinding } from "./format";

const RELATES = "This report relates to a message you sent with the following header fields:";

function writtenByMessagingServer(message: MailMessage): boolean {
  return message.contentType.includes("boundary_(id_") || message.text.includes(RELATES);
}

const fieldsOf = (lines: readonly string[]) => new FieldMap(parseFields(lines.map((line) => line.trim()).join("\n")));

/** "  Recipient address: bob@example.com" lines: labels may hold spaces, unlike header names. */
function labelled(lines: readonly string[]): FieldMap {
  const fields = lines.flatMap((line) => {
    const colon = line.indexOf(": ");
    return colon > 0 && colon <= 40 ? [{ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 2).trim() }] : [];
  });
  return new FieldMap(fields);
}

/** "@relay.example:bob@host" (a source route) names the host, not the mailbox: the original address does. */
function mailbox(fields: FieldMap): string | null {
  const recipient = fields.get("recipient address") ?? "";
  const original = normalizeAddress(fields.get("original address") ?? "");
  if (recipient.startsWith("@")) return original ?? normalizeAddress(recipient.slice(recipient.indexOf(":") + 1));
  return normalizeAddress(recipient) ?? original;
}

function recipientOf(fields: FieldMap): RecipientFinding | null {
  const address = mailbox(fields);
  if (!address) return null;
  const remote = stripTypePrefix(fields.get("remote system"));
  return {
    address,
    diagnostic: stripTypePrefix(fields.get("diagnostic code")) ?? fields.get("reason") ?? undefined,
    remoteMta: remote?.split(/[\s(]/)[0] || undefined,
  };
}

export const messagingserver: FormatModule = {
  name: "messagingserver",
  recognise: writtenByMessagingServer,
  extract: (message) => {
    const recipients = paragraphs(message.text.split("\n"))
      .filter((paragraph) => /^\s*Recipient address:/.test(paragraph[0]))
      .map((paragraph) => recipientOf(labelled(paragraph)))
      .filter((r): r is RecipientFinding => r !== null);
    const quoted = fieldsOf(paragraphs(section(message.text, RELATES) ?? [])[0] ?? []);
    if (recipients.length === 0 && !message.deliveryStatus) return null;
    return { recipients, originalSender: findAddress(quoted.get("from")) };
  },
};
