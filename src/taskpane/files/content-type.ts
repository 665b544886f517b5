/**
 * What an attachment is, decided from its bytes. Outlook's AttachmentDetails.contentType
 * is deprecated and is only a lookup on the file's extension (@types/office-js,
 * AttachmentDetails.contentType; Microsoft 365 Developer Blog, "Outlook JavaScript API
 * deprecation for AttachmentDetails contentType property"), so a delivery-status part
 * that a server named details.txt arrives as text/plain, and an .eml saved as .txt as
 * text/plain too. The parser needs the real kind to find the RFC 3464 fields and the
 * returned message.
 */
import { isCompoundFile } from "./cfb";

/** How much of the content is looked at: the fields that decide sit at the top. */
const SNIFF_BYTES = 16 * 1024;

const HEADER_LINE = /^[!-9;-~]{1,76}:/;

/** The content as text, for the first SNIFF_BYTES only. */
function head(content: string | Uint8Array): string {
  const text = typeof content === "string" ? content.slice(0, SNIFF_BYTES) : new TextDecoder("utf-8").decode(content.subarray(0, SNIFF_BYTES));
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

function fieldNames(block: string): Set<string> {
  const names = new Set<string>();
  for (const line of block.split("\n")) {
    const match = HEADER_LINE.exec(line);
    if (match) names.add(match[0].slice(0, -1).toLowerCase());
  }
  return names;
}

/**
 * RFC 3464 section 2: per-message fields, a blank line, then per-recipient groups that
 * each hold Action and Status with a Final-Recipient.
 */
function isDeliveryStatus(text: string): boolean {
  const names = fieldNames(text);
  return names.has("final-recipient") && names.has("action") && names.has("status");
}

/** An RFC 5322 header block at the very start: the first line is a field, and a message-ish one is among the fields. */
function headerBlock(text: string): { isMessage: boolean; hasBody: boolean } {
  const firstLine = text.split("\n", 1)[0] ?? "";
  if (!HEADER_LINE.test(firstLine) && !/^From \S/.test(firstLine)) return { isMessage: false, hasBody: false };
  const end = text.indexOf("\n\n");
  const block = end < 0 ? text : text.slice(0, end);
  const names = fieldNames(block);
  const isMessage = ["from", "received", "message-id", "date", "subject", "return-path"].filter((name) => names.has(name)).length >= 2;
  return { isMessage, hasBody: end >= 0 && text.slice(end + 2).trim() !== "" };
}

function looksBinary(content: string | Uint8Array): boolean {
  if (typeof content === "string") return false;
  return content.subarray(0, 8192).includes(0);
}

/**
 * The MIME type the content shows it is: message/delivery-status, message/rfc822 (a
 * whole message), text/rfc822-headers (a header block alone), application/vnd.ms-outlook
 * (an Outlook .msg), text/plain, or application/octet-stream.
 */
export function contentTypeOf(content: string | Uint8Array): string {
  if (typeof content !== "string" && isCompoundFile(content)) return "application/vnd.ms-outlook";
  if (looksBinary(content)) return "application/octet-stream";
  const text = head(content);
  // A whole bounce also holds the RFC 3464 fields in its body: the message's own header block decides first.
  const block = headerBlock(text);
  if (block.isMessage) return block.hasBody ? "message/rfc822" : "text/rfc822-headers";
  if (HEADER_LINE.test(text) && isDeliveryStatus(text)) return "message/delivery-status";
  return "text/plain";
}
