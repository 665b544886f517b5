/**
 * Many bounces quote the returned message's header block in their text ("------
 * This is a copy of the message, including all the headers. ------") instead of
 * attaching it. This reads that block, and from it (or from the bounce itself) the
 * original sender, so every family answers "who sent the mail?" the same way.
 */
import { FieldMap, parseFields } from "./header-fields";
import type { MailMessage } from "./message";
import { type Marker, section } from "./prose";
import { findAddress } from "./text";

/** How far a quoted header block is read: far enough for a long Received chain. */
const MAX_HEADER_LINES = 500;

export interface QuotedHeaderOptions {
  /** The marker line is the block's first field (a bare "Received: from ..." line), not a caption above it. */
  fromMarkerLine?: boolean;
}

/** The header block of a returned message quoted in the text after the line matching `marker`. */
export function quotedHeaders(text: string, marker: Marker, options: QuotedHeaderOptions = {}): FieldMap | null {
  const after = section(text, marker, undefined, { inclusive: options.fromMarkerLine });
  if (!after) return null;
  // Skip the blank and ruler ("-----") lines some servers put between marker and headers.
  let start = 0;
  while (start < after.length && start < 5 && (after[start].trim() === "" || /^[-=_*]{3,}\s*$/.test(after[start]))) start++;
  const fields = parseFields(after.slice(start, start + MAX_HEADER_LINES).join("\n"));
  return fields.length > 0 ? new FieldMap(fields) : null;
}

/**
 * The sender of a quoted message: From, then Return-Path; with `orSenderField`, then
 * Sender (the providers that quote only a few headers may keep just that one).
 */
export function senderOf(headers: FieldMap | null | undefined, options: { orSenderField?: boolean } = {}): string | null {
  const sender = findAddress(headers?.get("from")) ?? findAddress(headers?.get("return-path"));
  return sender ?? (options.orSenderField ? findAddress(headers?.get("sender")) : null);
}

/** Whom the bounce is addressed to: the original's sender, when nothing else names them. */
export function bounceAddressee(message: MailMessage): string | null {
  return findAddress(message.headers.get("to"));
}

/**
 * The original sender when the bounce has no returned-message part: the quoted copy's
 * From or Return-Path, else the bounce's own To (an MTA returns mail to its sender).
 * Undefined leaves the choice to the pipeline, which reads the returned part.
 */
export function returnedTo(message: MailMessage, quoted: FieldMap | null): string | undefined {
  if (message.original) return undefined;
  return senderOf(quoted) ?? bounceAddressee(message) ?? undefined;
}
