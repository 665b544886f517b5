/**
 * The RFC 3464 reader: a message/delivery-status body (or message/global-delivery-status,
 * RFC 6533) is a group of per-message fields followed by one group per recipient.
 */
import { FieldMap, parseFields } from "./header-fields";

interface DsnRecipientFields {
  finalRecipient: string | null;
  originalRecipient: string | null;
  action: string | null;
  status: string | null;
  remoteMta: string | null;
  diagnosticCode: string | null;
  lastAttemptDate: string | null;
  fields: FieldMap;
}

export interface DeliveryStatus {
  reportingMta: string | null;
  arrivalDate: string | null;
  receivedFromMta: string | null;
  /** X-Postfix-Sender, X-Original-Sender and similar per-message sender fields. */
  originalEnvelopeSender: string | null;
  perMessage: FieldMap;
  recipients: DsnRecipientFields[];
}

/** "rfc822; bob@example.com" -> "bob@example.com"; "dns; mx.example.com" -> "mx.example.com". */
export function stripTypePrefix(value: string | null): string | null {
  if (value === null) return null;
  const semicolon = value.indexOf(";");
  const bare = (semicolon >= 0 && semicolon < 20 ? value.slice(semicolon + 1) : value).trim();
  return bare === "" ? null : bare;
}

/** Splits the body into field groups at blank lines (lines holding only whitespace count as blank). */
function fieldGroups(body: string): FieldMap[] {
  const groups: FieldMap[] = [];
  for (const chunk of body.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/)) {
    const fields = parseFields(chunk);
    if (fields.length > 0) groups.push(new FieldMap(fields));
  }
  return groups;
}

const RECIPIENT_MARKERS = ["final-recipient", "original-recipient", "action", "status"];

export function parseDeliveryStatus(body: string): DeliveryStatus | null {
  const groups = fieldGroups(body);
  if (groups.length === 0) return null;
  const isRecipientGroup = (group: FieldMap) => RECIPIENT_MARKERS.some((name) => group.has(name));
  const [first, ...rest] = groups;
  const firstIsRecipient = isRecipientGroup(first);
  // Some servers omit the per-message group; others put everything in one group.
  const perMessage = firstIsRecipient && !first.has("reporting-mta") ? new FieldMap([]) : first;
  const recipientGroups = (perMessage === first ? rest : groups).filter(isRecipientGroup);
  if (recipientGroups.length === 0 && firstIsRecipient) recipientGroups.push(first);
  const recipients = recipientGroups.map((fields) => ({
    finalRecipient: stripTypePrefix(fields.get("final-recipient")),
    originalRecipient: stripTypePrefix(fields.get("original-recipient")),
    action: fields.get("action")?.toLowerCase().split(/[\s(]/)[0] ?? null,
    status: fields.get("status"),
    remoteMta: stripTypePrefix(fields.get("remote-mta")),
    diagnosticCode: stripTypePrefix(fields.get("diagnostic-code")),
    lastAttemptDate: fields.get("last-attempt-date"),
    fields,
  }));
  return {
    reportingMta: stripTypePrefix(perMessage.get("reporting-mta")),
    arrivalDate: perMessage.get("arrival-date"),
    receivedFromMta: stripTypePrefix(perMessage.get("received-from-mta")),
    originalEnvelopeSender: stripTypePrefix(perMessage.get("x-postfix-sender") ?? perMessage.get("x-original-sender")),
    perMessage,
    recipients,
  };
}
