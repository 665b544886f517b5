/**
 * Outlook's .msg files (CFB "compound file" storage) turned into parser input with
 * @kenjiuno/msgreader. The top-level message becomes MessageParts (headers, body,
 * HTML, attachments); embedded messages and attached .msg files become RFC 822 text,
 * so a bounce forwarded as an attachment reads like a forwarded .eml.
 */
import MsgReader, { type FieldsData } from "@kenjiuno/msgreader";
import type { MessageParts, SourceAttachment } from "../../ndr/types";
import { isCompoundFile } from "./cfb";
import { buildMime, keepEnvelopeHeaders } from "./mime-build";


class MsgFormatError extends Error {
  override name = "MsgFormatError";
}

/** Report details Exchange keeps in MAPI properties of a delivery report rather than in its body. */
const PR_SUPPLEMENTARY_INFO = 0x0c1b;
const PR_REPORT_TEXT = 0x1001;
const PT_UNICODE = 0x001f;
const PT_STRING8 = 0x001e;
/** Nesting beyond this is not a forwarded bounce but a crafted file. */
const MAX_DEPTH = 8;

interface ReportNotes {
  /** Per recipient fields object: the server's words. */
  supplementary: Map<FieldsData, string>;
  reportText: Map<FieldsData, string>;
}

function decodeString(type: number, raw: Uint8Array | null): string {
  if (!raw) return "";
  const text = type === PT_UNICODE ? new TextDecoder("utf-16le").decode(raw) : new TextDecoder("windows-1252").decode(raw);
  return text.replace(/\0+$/, "").trim();
}

function openMsg(bytes: Uint8Array): { reader: MsgReader; data: FieldsData; notes: ReportNotes } {
  if (!isCompoundFile(bytes)) throw new MsgFormatError("not an Outlook .msg file (no compound-file signature)");
  const notes: ReportNotes = { supplementary: new Map(), reportText: new Map() };
  const reader = new MsgReader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  reader.parserConfig = {
    propertyObserver: (fields, tag, raw) => {
      const id = tag >>> 16;
      const type = tag & 0xffff;
      if (type !== PT_UNICODE && type !== PT_STRING8) return;
      if (id === PR_SUPPLEMENTARY_INFO) notes.supplementary.set(fields, decodeString(type, raw));
      else if (id === PR_REPORT_TEXT) notes.reportText.set(fields, decodeString(type, raw));
    },
  };
  let data: FieldsData;
  try {
    data = reader.getFileData();
  } catch (error) {
    throw new MsgFormatError(`unreadable .msg file: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (data.error) throw new MsgFormatError(`unreadable .msg file: ${data.error}`);
  return { reader, data, notes };
}

function htmlOf(fields: FieldsData): string | undefined {
  if (fields.bodyHtml) return fields.bodyHtml;
  // PR_HTML is bytes in the message's code page; UTF-8 covers what Outlook writes today.
  return fields.html ? new TextDecoder("utf-8").decode(fields.html) : undefined;
}

/**
 * A delivery report saved by classic Outlook may carry the remote server's words only
 * in recipient properties: write them out as the prose Exchange puts in its NDR body,
 * which the parser already reads.
 */
function reportProse(fields: FieldsData, notes: ReportNotes): string {
  if (!/^report\./i.test(fields.messageClass ?? "")) return "";
  const lines: string[] = [];
  const reportText = notes.reportText.get(fields);
  if (reportText) lines.push(reportText);
  for (const recipient of fields.recipients ?? []) {
    const info = notes.supplementary.get(recipient);
    if (!info) continue;
    const address = recipient.smtpAddress || recipient.email || recipient.name || "";
    lines.push("", address, `Remote server returned '${info}'`);
  }
  return lines.length ? `Delivery has failed to these recipients or groups:\n${lines.join("\n")}` : "";
}

function bodyText(fields: FieldsData, notes: ReportNotes): string | undefined {
  const prose = reportProse(fields, notes);
  const body = fields.body;
  if (prose && body?.includes(prose)) return body;
  return [body, prose].filter(Boolean).join("\n\n") || undefined;
}

function attachmentsOf(reader: MsgReader, fields: FieldsData, notes: ReportNotes, depth: number): SourceAttachment[] {
  if (depth > MAX_DEPTH) throw new MsgFormatError(`.msg file nests messages more than ${MAX_DEPTH} deep`);
  return (fields.attachments ?? []).map((attachment, index): SourceAttachment => {
    if (attachment.innerMsgContent && attachment.innerMsgContentFields) {
      const inner = attachment.innerMsgContentFields;
      return {
        name: `${inner.subject || attachment.name || `message-${index + 1}`}.eml`,
        contentType: "message/rfc822",
        content: new TextEncoder().encode(embeddedToRfc822(reader, inner, notes, depth + 1, index)),
      };
    }
    const { fileName, content } = reader.getAttachment(attachment);
    const name = attachment.fileName || fileName || attachment.name;
    if (isCompoundFile(content) && /\.msg$/i.test(name ?? "")) {
      // A .msg file attached as a plain file: open it as its own message.
      return { name: name!.replace(/\.msg$/i, ".eml"), contentType: "message/rfc822", content: new TextEncoder().encode(msgToRfc822(content, depth + 1)) };
    }
    return { name, contentType: attachment.attachMimeTag || guessType(name), content };
  });
}

function guessType(name: string | undefined): string | undefined {
  if (/\.eml$/i.test(name ?? "")) return "message/rfc822";
  if (/\.txt$/i.test(name ?? "")) return "text/plain";
  return undefined;
}

function synthesizedHeaders(fields: FieldsData): string[] {
  const lines: string[] = [];
  const sender = fields.senderSmtpAddress || fields.senderEmail;
  if (sender) lines.push(`From: ${fields.senderName ? `"${fields.senderName.replace(/["\\]/g, "")}" ` : ""}<${sender}>`);
  const to = (fields.recipients ?? []).filter((r) => r.recipType !== "cc" && r.recipType !== "bcc");
  const toAddresses = to.map((r) => r.smtpAddress || r.email).filter(Boolean);
  if (toAddresses.length) lines.push(`To: ${toAddresses.join(", ")}`);
  if (fields.subject) lines.push(`Subject: ${fields.subject}`);
  const date = fields.clientSubmitTime || fields.messageDeliveryTime;
  if (date && !Number.isNaN(Date.parse(date))) lines.push(`Date: ${new Date(date).toUTCString()}`);
  if (fields.messageId) lines.push(`Message-ID: ${fields.messageId}`);
  return lines;
}

function embeddedToRfc822(reader: MsgReader, fields: FieldsData, notes: ReportNotes, depth: number, seed: number): string {
  const headerLines = fields.headers ? keepEnvelopeHeaders(fields.headers) : synthesizedHeaders(fields);
  return buildMime(headerLines, { text: bodyText(fields, notes), html: htmlOf(fields) }, attachmentsOf(reader, fields, notes, depth), seed);
}

/** A whole .msg file as RFC 822 text (for .msg files found inside other messages). */
function msgToRfc822(bytes: Uint8Array, depth = 0): string {
  const { reader, data, notes } = openMsg(bytes);
  return embeddedToRfc822(reader, data, notes, depth, depth);
}

/** A .msg file as the parser's MessageParts. Throws MsgFormatError on anything else. */
export function msgToParts(bytes: Uint8Array): MessageParts {
  const { reader, data, notes } = openMsg(bytes);
  return {
    kind: "parts",
    headers: data.headers || synthesizedHeaders(data).join("\r\n"),
    text: bodyText(data, notes),
    html: htmlOf(data),
    attachments: attachmentsOf(reader, data, notes, 0),
  };
}
