/**
 * A tiny MIME writer: just enough to turn a message Outlook stored in its own format
 * (an embedded .msg) back into RFC 5322 text the bounce parser reads like any other.
 * Every part is base64, so no line-length or 8-bit question can arise.
 */
import type { SourceAttachment } from "../../ndr/types";

const utf8 = new TextEncoder();

function base64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary).replace(/.{76}(?=.)/g, "$&\r\n");
}

/** Headers that describe the original MIME body, which is replaced by the one written here. */
const BODY_HEADERS = /^(content-type|content-transfer-encoding|mime-version|content-disposition)$/i;

/** Unfolds a header block and drops the body-describing fields. */
export function keepEnvelopeHeaders(headers: string): string[] {
  const unfolded = headers.replace(/\r\n?/g, "\n").replace(/\n[ \t]+/g, " ").split("\n");
  return unfolded.filter((line) => /^[!-9;-~]+:/.test(line) && !BODY_HEADERS.test(line.slice(0, line.indexOf(":")).trim()));
}

function part(contentType: string, content: Uint8Array, name?: string): string {
  const safeName = name?.replace(/["\\\r\n]/g, "_");
  return [
    `Content-Type: ${contentType}${safeName ? `; name="${safeName}"` : ""}`,
    "Content-Transfer-Encoding: base64",
    ...(safeName ? [`Content-Disposition: attachment; filename="${safeName}"`] : []),
    "",
    base64(content),
  ].join("\r\n");
}

/** Writes a multipart/mixed message: the given header lines, the text (and HTML), then the attachments. */
export function buildMime(
  headerLines: string[],
  body: { text?: string; html?: string },
  attachments: SourceAttachment[],
  boundarySeed: number,
): string {
  // Every part is base64, whose alphabet has no "-": the boundary cannot occur inside a part.
  const boundary = `----=_bounce-doctor_${boundarySeed}`;
  const parts: string[] = [];
  if (body.text !== undefined || body.html === undefined) parts.push(part("text/plain; charset=utf-8", utf8.encode(body.text ?? "")));
  if (body.html !== undefined) parts.push(part("text/html; charset=utf-8", utf8.encode(body.html)));
  for (const attachment of attachments) {
    const content = typeof attachment.content === "string" ? utf8.encode(attachment.content) : attachment.content;
    parts.push(part(attachment.contentType || "application/octet-stream", content, attachment.name));
  }
  return [
    ...headerLines,
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    "",
    ...parts.map((p) => `--${boundary}\r\n${p}`),
    `--${boundary}--`,
    "",
  ].join("\r\n");
}
