/**
 * Reads any BounceSource into one MailMessage: the headers, the human-readable text,
 * the RFC 3464 delivery-status part and the returned original. Every format module
 * works on this shape, whether the input was raw MIME or the parts Outlook hands over.
 */
import { decodeWords } from "postal-mime";
import { FieldMap, parseFields } from "./header-fields";
import { htmlToText } from "./html-text";
import { type DeliveryStatus, parseDeliveryStatus } from "./rfc3464";
import { type ParsedEmail, readMimeQuickly } from "./mime/reader";
import { BounceInputError, type BounceSource, type MessageParts, type SourceAttachment } from "./types";

/** The message the bounce returned (whole, or its headers only): what its headers say. */
interface ReturnedMessage {
  headers: FieldMap;
}

export interface MailMessage {
  /** Top-level headers (values unfolded; encoded words decoded). */
  headers: FieldMap;
  from: string;
  subject: string;
  /** Top-level Content-Type, lowercased, with parameters. */
  contentType: string;
  /** The human-readable text: text/plain parts, or the HTML turned into text. LF line ends. */
  text: string;
  deliveryStatus: DeliveryStatus | null;
  /** Raw text of the delivery-status part(s), for modules that read extension fields. */
  deliveryStatusText: string;
  original: ReturnedMessage | null;
  /** MIME types of every attachment part, lowercased (e.g. "message/feedback-report"). */
  partTypes: string[];
  /**
   * The Disposition field of a message/disposition-notification part (RFC 8098 §3.2.6,
   * "automatic-action/MDN-sent-automatically; deleted"), or null.
   */
  disposition: string | null;
  /** Every attached message (message/rfc822), raw: a bounce forwarded as an attachment is one. */
  attachedMessages: Uint8Array[];
}

const utf8 = new TextDecoder("utf-8");

function toBytes(content: string | ArrayBuffer | Uint8Array): Uint8Array | string {
  return content instanceof ArrayBuffer ? new Uint8Array(content) : content;
}

function asText(content: string | ArrayBuffer | Uint8Array): string {
  const value = toBytes(content);
  return typeof value === "string" ? value : utf8.decode(value);
}

/** ESC $ / ESC ( : the shift sequences of ISO-2022-JP text left undecoded. */
const ISO_2022_JP_ESCAPE = /\x1b[$(][@BJ]/;

/**
 * Text of a part whose charset is not declared (delivery-status parts never declare
 * one). Japanese servers put raw ISO-2022-JP in Diagnostic-Code: decode it as such.
 */
function asUndeclaredText(content: string | ArrayBuffer | Uint8Array): string {
  const text = asText(content);
  if (!ISO_2022_JP_ESCAPE.test(text)) return text;
  return new TextDecoder("iso-2022-jp").decode(new TextEncoder().encode(text));
}

/**
 * A message saved as UTF-16 ("Unicode" in Windows editors) begins with its byte-order
 * mark: decode it to text so it reads like any other. Other input is left as it is.
 */
function fromUtf16(raw: string | Uint8Array): string | Uint8Array {
  if (typeof raw === "string" || raw.length < 2) return raw;
  if (raw[0] === 0xff && raw[1] === 0xfe) return new TextDecoder("utf-16le").decode(raw.subarray(2));
  if (raw[0] === 0xfe && raw[1] === 0xff) return new TextDecoder("utf-16be").decode(raw.subarray(2));
  return raw;
}

/** Blank lines before the first header (a pasted message) would end the header block at once. */
function withoutLeadingBlankLines(raw: string | Uint8Array): string | Uint8Array {
  let start = 0;
  const at = (i: number) => (typeof raw === "string" ? raw.charCodeAt(i) : raw[i]);
  // A UTF-8 byte-order mark, then spaces, tabs and line ends.
  if (typeof raw === "string" ? raw.charCodeAt(0) === 0xfeff : raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) start = typeof raw === "string" ? 1 : 3;
  while (start < raw.length && (at(start) === 10 || at(start) === 13 || at(start) === 32 || at(start) === 9)) start++;
  if (start === 0) return raw;
  return typeof raw === "string" ? raw.slice(start) : raw.subarray(start);
}

/** Whether some CR is not the first half of a CRLF. Native scans from CR to CR. */
function hasBareCr(bytes: Uint8Array): boolean {
  for (let cr = bytes.indexOf(13); cr >= 0; cr = bytes.indexOf(13, cr + 2)) if (bytes[cr + 1] !== 10) return true;
  return false;
}

/**
 * CR-only line ends (old Mac mail) become LF. In bytes, CRLF alone is left to the MIME
 * parser, which reads it natively: rewriting it would copy every CRLF message for
 * nothing. (A string is encoded into new bytes anyway, so it is rewritten whole.)
 */
function normalizeLineEnds(raw: string | Uint8Array): string | Uint8Array {
  if (typeof raw === "string") return raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
  if (!hasBareCr(raw)) return raw;
  const out = new Uint8Array(raw.length);
  let length = 0;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (byte === 13) {
      out[length++] = 10;
      if (raw[i + 1] === 10) i++;
    } else out[length++] = byte;
  }
  return out.subarray(0, length);
}

/** A message starts with a header field (or an mbox "From " line). Binary noise does not. */
function looksLikeMessage(raw: string | Uint8Array): boolean {
  const head = typeof raw === "string" ? raw.slice(0, 2048) : utf8.decode(raw.subarray(0, 2048));
  const firstLine = head.replace(/^\s+/, "").split("\n", 1)[0];
  return /^From /.test(firstLine) || /^[!-9;-~]{1,76}:/.test(firstLine);
}

/**
 * How postal-mime reads a message here; the quick reader (mime/reader.ts) reads the
 * shapes it knows as postal-mime does with these.
 * @internal exported for the test that holds the two readers to the same result
 */
export const POSTAL_OPTIONS = {
  forceRfc822Attachments: true,
  attachmentEncoding: "arraybuffer",
  // The headers are read from `headers`; postal-mime's parsed address fields would go unused.
  parseAddresses: false,
  maxNestingDepth: 64,
  maxHeadersSize: 4 * 1024 * 1024,
} as const;

function isDeliveryStatusType(mimeType: string): boolean {
  return mimeType === "message/delivery-status" || mimeType === "message/global-delivery-status";
}

function isReturnedMessageType(mimeType: string): boolean {
  return mimeType === "message/rfc822" || mimeType === "message/global" || mimeType === "text/rfc822-headers" || mimeType === "message/global-headers";
}

/**
 * Reads a returned message or header block without a full MIME parse. Only its header
 * block is decoded: the body of the original (often the larger part of a bounce) is
 * never read as text.
 */
function readReturnedMessage(content: string | Uint8Array): ReturnedMessage {
  const head = lfOnly(typeof content === "string" ? content : utf8.decode(content.subarray(0, byteEndOfHeaderBlock(content))));
  const blank = head.indexOf("\n\n");
  const headerBlock = blank >= 0 ? head.slice(0, blank) : head;
  return { headers: new FieldMap(parseFields(headerBlock).map(({ name, value }) => ({ name, value: decodeWords(value) }))) };
}

/** Windows-1252's characters at 0x80-0x9F (undefined bytes keep their code). */
const WINDOWS_1252_HIGH = "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/**
 * C1 control characters never occur in mail text: where they appear, a windows-1252
 * part was decoded as Latin-1 (Node 20's TextDecoder does this), turning "wasn't"
 * into "wasn\u0092t". Map them to the characters windows-1252 meant.
 */
function repairWindows1252(text: string): string {
  return /[\u0080-\u009f]/.test(text) ? text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]) : text;
}

/** Whether the text holds more than white space: what trim() would leave, without copying it. */
function hasText(text: string): boolean {
  return /\S/.test(text);
}

/** The text with LF line ends; most texts have no CR and are not copied. */
function lfOnly(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

function decodedHeaders(email: ParsedEmail): FieldMap {
  return new FieldMap(email.headers.map(({ key, value }) => ({ name: key, value: repairWindows1252(decodeWords(value).trim()) })));
}

function buildMessage(headers: FieldMap, textParts: { text?: string; html?: string }, attachments: { mimeType: string; content: string | Uint8Array }[]): MailMessage {
  const statusTexts: string[] = [];
  let original: ReturnedMessage | null = null;
  const attachedMessages: Uint8Array[] = [];
  let disposition: string | null = null;
  for (const { mimeType, content } of attachments) {
    if (isDeliveryStatusType(mimeType)) statusTexts.push(asUndeclaredText(content));
    else if (mimeType === "message/disposition-notification") disposition ??= FieldMap.parse(asText(content).slice(0, 16384).replace(/\r\n?/g, "\n")).get("disposition") ?? null;
    else if (isReturnedMessageType(mimeType)) {
      if (original === null) original = readReturnedMessage(toBytes(content));
      if (mimeType.startsWith("message/")) attachedMessages.push(typeof content === "string" ? new TextEncoder().encode(content) : content);
    }
  }
  const deliveryStatusText = statusTexts.join("\n\n");
  const text = repairWindows1252(lfOnly(textParts.text && hasText(textParts.text) ? textParts.text : textParts.html ? htmlToText(textParts.html) : ""));
  const fromHeader = headers.get("from") ?? "";
  return {
    headers,
    from: fromHeader,
    subject: headers.get("subject") ?? "",
    contentType: (headers.get("content-type") ?? "text/plain").toLowerCase(),
    text,
    deliveryStatus: deliveryStatusText ? parseDeliveryStatus(deliveryStatusText) : null,
    deliveryStatusText,
    original,
    partTypes: attachments.map((part) => part.mimeType),
    disposition,
    attachedMessages,
  };
}

/**
 * How much of a message is parsed. A bounce puts its report first; past this only
 * the returned original remains, whose size (a 50 MB attachment) would cost seconds
 * of MIME parsing and tell nothing more. A cut MIME tree reads like a truncated one.
 */
const MAX_PARSED_LENGTH = 4 * 1024 * 1024;

/** The input cut to MAX_PARSED_LENGTH at a line end. */
function headOf(raw: string | Uint8Array): string | Uint8Array {
  if (raw.length <= MAX_PARSED_LENGTH) return raw;
  if (typeof raw === "string") {
    const end = raw.lastIndexOf("\n", MAX_PARSED_LENGTH);
    return raw.slice(0, end > 0 ? end + 1 : MAX_PARSED_LENGTH);
  }
  const end = raw.lastIndexOf(10, MAX_PARSED_LENGTH);
  return raw.subarray(0, end > 0 ? end + 1 : MAX_PARSED_LENGTH);
}

/**
 * How long one top-level header field may be. postal-mime tokenizes address fields
 * (To, Cc, ...) in time far from linear on hostile input (a 1 MB To: took seconds);
 * no real field comes near this, and what a bounce says is in its body and DSN part.
 * @internal exported for its test
 */
export const MAX_HEADER_FIELD_BYTES = 64 * 1024;

/** Byte offset just past a header block (its blank line), or the end. */
function byteEndOfHeaderBlock(bytes: Uint8Array): number {
  for (let nl = bytes.indexOf(10); nl >= 0; nl = bytes.indexOf(10, nl + 1)) {
    const next = nl + 1;
    if (bytes[next] === 10) return next + 1;
    if (bytes[next] === 13 && bytes[next + 1] === 10) return next + 2;
  }
  return bytes.length;
}

/** The message with every top-level header field cut to MAX_HEADER_FIELD_BYTES. One pass. */
function capHeaderFields(raw: string | Uint8Array): string | Uint8Array {
  // A message no longer than the limit has no field over it (a UTF-16 unit is at most 3 UTF-8 bytes).
  if ((typeof raw === "string" ? raw.length * 3 : raw.length) <= MAX_HEADER_FIELD_BYTES) return raw;
  const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
  const end = byteEndOfHeaderBlock(bytes);
  if (end <= MAX_HEADER_FIELD_BYTES) return raw;
  const kept: Uint8Array[] = [];
  let fieldLength = 0;
  let cut = false;
  for (let start = 0; start < end; ) {
    const newline = bytes.indexOf(10, start);
    const lineEnd = newline < 0 || newline >= end ? end : newline + 1;
    const continues = bytes[start] === 32 || bytes[start] === 9;
    if (!continues) fieldLength = 0;
    const room = MAX_HEADER_FIELD_BYTES - fieldLength;
    const length = lineEnd - start;
    if (length <= room) kept.push(bytes.subarray(start, lineEnd));
    else {
      cut = true;
      if (room > 0) kept.push(bytes.subarray(start, start + room), NEWLINE);
    }
    fieldLength += Math.min(length, Math.max(room, 0));
    start = lineEnd;
  }
  if (!cut) return raw;
  kept.push(bytes.subarray(end));
  const out = new Uint8Array(kept.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of kept) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

const NEWLINE = new Uint8Array([10]);

/** Bytes that fill their whole buffer go to postal-mime as that buffer, which it reads without a copy. */
function forParser(raw: string | Uint8Array): string | Uint8Array | ArrayBuffer {
  if (typeof raw === "string" || !(raw.buffer instanceof ArrayBuffer)) return raw;
  return raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength ? raw.buffer : raw;
}

/**
 * The MIME structure: by the quick reader for the shapes it knows (mime/reader.ts), else
 * by postal-mime. Both read a string as its UTF-8 bytes.
 */
async function parseMime(input: string | Uint8Array): Promise<ParsedEmail> {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const quick = readMimeQuickly(bytes);
  if (quick) return quick;
  // Loaded when first needed: the task pane fetches the parser only for a message that needs it.
  const { default: PostalMime } = await import(/* webpackChunkName: "mime-parser" */ "postal-mime");
  return PostalMime.parse(forParser(bytes), POSTAL_OPTIONS);
}

async function readRaw(raw: string | Uint8Array): Promise<MailMessage> {
  const normalized = capHeaderFields(normalizeLineEnds(headOf(withoutLeadingBlankLines(fromUtf16(raw)))));
  if (!looksLikeMessage(normalized)) throw new BounceInputError("not an email message: it does not start with a header");
  let email: ParsedEmail;
  try {
    email = await parseMime(normalized);
    // ISO-2022-JP is 7-bit: 8-bit bytes under that label are UTF-8 that a relay
    // re-encoded without relabelling. Read them as what they are.
    const relabelled = email.text?.includes("\uFFFD") ? relabelIso2022jpAsUtf8(normalized) : null;
    if (relabelled) {
      // Kept only when it reads better: a genuine ISO-2022-JP part elsewhere must not lose.
      const reread = await parseMime(relabelled);
      if (replacementCount(reread.text) < replacementCount(email.text)) email = reread;
    }
  } catch (error) {
    throw new BounceInputError(`unreadable MIME: ${error instanceof Error ? error.message : String(error)}`);
  }
  const attachments = email.attachments.map((part) => ({
    mimeType: part.mimeType.toLowerCase(),
    content: toBytes(part.content),
  }));
  const text = [...attachments.filter(isMislabelledText).map(mislabelledText), email.text ?? ""].join("\n");
  if (!hasText(text) && !email.html && attachments.length === 0) {
    // A multipart whose boundary the parser could not find (a folded parameter left
    // unindented): the raw body is all the text there is.
    return buildMessage(decodedHeaders(email), { text: rawBody(normalized) }, attachments);
  }
  return buildMessage(decodedHeaders(email), { text, html: email.html }, attachments);
}

const ISO_2022_JP_LABEL = "iso-2022-jp";

/** How many U+FFFD (undecodable input) a text holds. */
function replacementCount(text: string | undefined): number {
  let count = 0;
  for (let at = text?.indexOf("\uFFFD") ?? -1; at >= 0; at = text!.indexOf("\uFFFD", at + 1)) count++;
  return count;
}

/**
 * A copy of raw bytes holding 8-bit data with every "iso-2022-jp" label overwritten
 * in place by "utf-8" (padded to the same length), or null when there is nothing
 * to relabel. One linear pass.
 */
function relabelIso2022jpAsUtf8(raw: string | Uint8Array): Uint8Array | null {
  const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
  if (!bytes.some((byte) => byte >= 0x80)) return null;
  const copy = bytes.slice();
  const label = ISO_2022_JP_LABEL;
  const replacement = new TextEncoder().encode("utf-8".padEnd(label.length, " "));
  const lower = (byte: number) => (byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte);
  let found = false;
  for (let i = 0; i + label.length <= copy.length; i++) {
    let j = 0;
    while (j < label.length && lower(copy[i + j]) === label.charCodeAt(j)) j++;
    if (j < label.length) continue;
    copy.set(replacement, i);
    found = true;
    i += label.length - 1;
  }
  return found ? copy : null;
}

/**
 * "Content-Type: text/plain" folded without its ";" ("text/plain   charset=...")
 * reads as an unknown type and would be dropped as an attachment: it is the text.
 */
function isMislabelledText(part: { mimeType: string }): boolean {
  return /^text\/plain\s/.test(part.mimeType);
}

function mislabelledText(part: { mimeType: string; content: string | Uint8Array }): string {
  if (typeof part.content === "string") return part.content;
  const charset = /charset="?([\w.:-]{1,40})/.exec(part.mimeType)?.[1] ?? "utf-8";
  try {
    return new TextDecoder(charset).decode(part.content);
  } catch {
    return utf8.decode(part.content);
  }
}

/** The body after the top-level header block, as text. */
function rawBody(raw: string | Uint8Array): string {
  const text = typeof raw === "string" ? raw : utf8.decode(raw);
  const blank = /\r?\n\r?\n/.exec(text);
  return blank ? text.slice(blank.index + blank[0].length) : "";
}

function guessAttachmentType(attachment: SourceAttachment): string {
  if (attachment.contentType) return attachment.contentType.toLowerCase().split(";")[0].trim();
  const name = attachment.name?.toLowerCase() ?? "";
  if (name.endsWith(".eml")) return "message/rfc822";
  return "application/octet-stream";
}

function readParts(parts: MessageParts): MailMessage {
  const headers = FieldMap.parse((parts.headers ?? "").replace(/\r\n?/g, "\n"));
  const attachments = (parts.attachments ?? []).map((attachment) => ({
    mimeType: guessAttachmentType(attachment),
    content: attachment.content,
  }));
  return buildMessage(
    new FieldMap(headers.fields.map(({ name, value }) => ({ name, value: decodeWords(value) }))),
    { text: parts.text, html: parts.html },
    attachments,
  );
}

/** Reads raw MIME (string or bytes, any line ends) or Outlook's parts. Throws BounceInputError. */
export async function readMessage(source: BounceSource): Promise<MailMessage> {
  if (source instanceof ArrayBuffer) return readRaw(new Uint8Array(source));
  if (typeof source === "string" || source instanceof Uint8Array) return readRaw(source);
  if (source && typeof source === "object" && source.kind === "parts") return readParts(source);
  throw new BounceInputError("unsupported input: expected a raw message or message parts");
}
