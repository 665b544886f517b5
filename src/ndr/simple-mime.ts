/**
 * A quick reader for the MIME shapes most bounces take: one header block, and a body
 * that is a single text part or one multipart level of leaves (text/plain, the
 * delivery-status part, the returned message or its headers). It reads them exactly as
 * postal-mime does with our options (message.ts), in one pass over the lines and
 * without postal-mime's per-line work, which was a third of a bounce's parse time.
 *
 * It declines (returns null) whatever it cannot read that way: nested multiparts, HTML,
 * base64, format=flowed, comments or RFC 2231 sections in a structured field, a charset
 * TextDecoder does not know by that name. postal-mime then reads the message, as it
 * reads every string input. test/ndr/simple-mime.test.ts holds this reader to
 * postal-mime's result on every fixture and on edge cases; both are linear and bounded
 * by the input, which message.ts has already cut to size.
 */

/** What message.ts reads of a parsed message: postal-mime's Email, in part. */
export interface ParsedEmail {
  /** Top-level header fields in order: lowercased name, value unfolded and trimmed of SP/HTAB. */
  headers: { key: string; value: string }[];
  text?: string;
  html?: string;
  attachments: { mimeType: string; content: ArrayBuffer | Uint8Array | string }[];
}

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;

/** postal-mime decodes header lines as UTF-8 and keeps a U+FEFF (mime-node.js, headerDecoder). */
const headerDecoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * One MIME node: its header lines and its body lines, each a run of consecutive lines
 * of the input, kept as byte ranges.
 */
interface Node {
  /** [headerStart, headerEnd): the header lines, the last without its line end; headerStart < 0 when there are none. */
  headerStart: number;
  headerEnd: number;
  /** [bodyStart, bodyEnd): the body lines with their line ends; bodyStart < 0 until the header block ends. */
  bodyStart: number;
  bodyEnd: number;
}

function newNode(): Node {
  return { headerStart: -1, headerEnd: -1, bodyStart: -1, bodyEnd: -1 };
}

/** Where the line starting at `start` ends without its line end: postal-mime's readLine drops every CR and LF there. */
function contentEnd(bytes: Uint8Array, start: number, next: number): number {
  let end = next;
  while (end > start && (bytes[end - 1] === LF || bytes[end - 1] === CR)) end--;
  return end;
}

/** Just past the LF ending the line that starts at `start`, or `limit`. */
function lineAfter(bytes: Uint8Array, start: number, limit: number): number {
  const newline = bytes.indexOf(LF, start);
  return newline < 0 || newline >= limit ? limit : newline + 1;
}

interface NodeHeaders {
  fields: { key: string; value: string }[];
  /** The first Content-Type (null when there is none), Content-Transfer-Encoding, Content-Disposition: the first decides. */
  contentType: string | null;
  transferEncoding: string;
  disposition: string;
}

/** Trims SP and HTAB only, as postal-mime's trimWsp does (mime-node.js). */
function trimWsp(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text.charCodeAt(start) === 0x20 || text.charCodeAt(start) === 0x09)) start++;
  while (end > start && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--;
  return text.slice(start, end);
}

const CONTENT_FIELDS = new Set(["content-type", "content-transfer-encoding", "content-disposition"]);

/**
 * A node's header fields, as postal-mime's processHeaders makes them: lines starting
 * with SP or HTAB continue the field above, joined without their line breaks; the name
 * is what precedes the first ":", the value what follows, a bare CR in it made a space.
 */
function readHeaders(bytes: Uint8Array, node: Node): NodeHeaders {
  const headers: NodeHeaders = { fields: [], contentType: null, transferEncoding: "", disposition: "" };
  if (node.headerStart < 0) return headers;
  // One decode for the block: UTF-8 never joins a sequence across CR or LF, so this reads as line-by-line decoding does.
  const block = headerDecoder.decode(bytes.subarray(node.headerStart, node.headerEnd));
  const texts = block.split("\n");
  const groups: string[][] = [];
  for (const raw of texts) {
    let end = raw.length;
    while (end > 0 && raw.charCodeAt(end - 1) === CR) end--;
    const text = end === raw.length ? raw : raw.slice(0, end);
    const first = text.charCodeAt(0);
    if (groups.length > 0 && (first === 0x20 || first === 0x09)) groups[groups.length - 1].push(text);
    else groups.push([text]);
  }
  const seen = new Set<string>();
  for (const parts of groups) {
    const unfolded = parts.length === 1 ? parts[0] : parts.join("");
    const colon = unfolded.indexOf(":");
    const key = trimWsp(colon < 0 ? unfolded : unfolded.slice(0, colon)).toLowerCase();
    const rawValue = colon < 0 ? "" : unfolded.slice(colon + 1);
    const value = trimWsp(rawValue.includes("\r") ? rawValue.replace(/[\r\n]+/g, " ") : rawValue);
    headers.fields.push({ key, value });
    if (!CONTENT_FIELDS.has(key) || seen.has(key)) continue;
    seen.add(key);
    if (key === "content-type") headers.contentType = value;
    else if (key === "content-transfer-encoding") headers.transferEncoding = value;
    else headers.disposition = value;
  }
  return headers;
}

interface Structured {
  value: string;
  params: Map<string, string>;
}

/** Characters of an RFC 2045 token; "*" apart, since in a parameter name it marks RFC 2231 sections. */
function isTokenChar(code: number, star: boolean): boolean {
  if (code >= 0x61 ? code <= 0x7a || code === 0x7c || code === 0x7e : code >= 0x41 ? code <= 0x5a || code === 0x5e || code === 0x5f || code === 0x60 : code >= 0x30 ? code <= 0x39 : false) return true;
  return code === 0x21 || (code >= 0x23 && code <= 0x27) || code === 0x2b || code === 0x2d || code === 0x2e || (star && code === 0x2a);
}

function tokenEnd(text: string, at: number, star: boolean): number {
  while (at < text.length && isTokenChar(text.charCodeAt(at), star)) at++;
  return at;
}

function blanksEnd(text: string, at: number): number {
  while (at < text.length && (text.charCodeAt(at) === 0x20 || text.charCodeAt(at) === 0x09)) at++;
  return at;
}

/**
 * Content-Type and Content-Disposition in the simple form, "type/sub" (or a token) then
 * "; name=token" or "; name=\"quoted\"" and at most one final ";", read as postal-mime's
 * parseStructuredHeader reads it: the value lowercased, parameter names lowercased, the
 * first of a repeated parameter kept. Null for any other form (comments, escapes, RFC
 * 2231 sections). An empty field is the empty value.
 */
function parseStructured(field: string): Structured | null {
  const params = new Map<string, string>();
  if (field === "") return { value: "", params };
  const typeStart = blanksEnd(field, 0);
  let at = tokenEnd(field, typeStart, true);
  if (at === typeStart) return null;
  if (field.charCodeAt(at) === 0x2f) {
    const subtype = at + 1;
    at = tokenEnd(field, subtype, true);
    if (at === subtype) return null;
  }
  const value = field.slice(typeStart, at).toLowerCase();
  for (at = blanksEnd(field, at); at < field.length; at = blanksEnd(field, at)) {
    if (field.charCodeAt(at) !== 0x3b) return null;
    at = blanksEnd(field, at + 1);
    if (at === field.length) break; // a final ";"
    const nameStart = at;
    at = tokenEnd(field, at, false);
    if (at === nameStart) return null;
    const name = field.slice(nameStart, at).toLowerCase();
    at = blanksEnd(field, at);
    if (field.charCodeAt(at) !== 0x3d) return null;
    at = blanksEnd(field, at + 1);
    let parameter: string;
    if (field.charCodeAt(at) === 0x22) {
      const close = field.indexOf('"', at + 1);
      if (close < 0) return null;
      parameter = field.slice(at + 1, close);
      if (parameter.includes("\\")) return null;
      at = close + 1;
    } else {
      const valueStart = at;
      at = tokenEnd(field, at, false);
      if (at === valueStart) return null;
      parameter = field.slice(valueStart, at);
    }
    if (!params.has(name)) params.set(name, parameter);
  }
  return { value, params };
}

type Decoding = "quoted-printable" | "pass-through";

/** The transfer encoding as postal-mime picks its decoder (mime-node.js, setupContentDecoder), or null for base64 and comments. */
function decodingOf(field: string): Decoding | null {
  if (field.includes("(")) return null;
  const token = /[\w-]+/.exec(field.toLowerCase())?.[0] ?? "";
  if (/base64/.test(token)) return null;
  return /quoted-printable/.test(token) ? "quoted-printable" : "pass-through";
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  return -1;
}

/**
 * A body's bytes, decoded as postal-mime's decoders do: each line followed by LF; in
 * quoted-printable, "=XX" is the byte and a final "=" joins the line to the next.
 */
function bodyOf(bytes: Uint8Array, node: Node, decoding: Decoding): Uint8Array {
  const { bodyStart: start, bodyEnd: stop } = node;
  if (start < 0 || stop <= start) return new Uint8Array(0);
  const body = bytes.subarray(start, stop);
  // Lines that end in a bare LF lie in the input as they are decoded: one view, no copy.
  if (decoding === "pass-through" && body[body.length - 1] === LF && body.indexOf(CR) < 0) return body;
  // Decoding never lengthens a line; a last line without its LF gains one.
  const out = new Uint8Array(stop - start + 1);
  let length = 0;
  for (let lineStart = start; lineStart < stop; ) {
    const next = lineAfter(bytes, lineStart, stop);
    let end = contentEnd(bytes, lineStart, next);
    const from = lineStart;
    lineStart = next;
    if (decoding === "pass-through") {
      out.set(bytes.subarray(from, end), length);
      length += end - from;
      out[length++] = LF;
      continue;
    }
    const softBreak = end > from && bytes[end - 1] === 0x3d;
    if (softBreak) end--;
    for (let i = from; i < end; i++) {
      const byte = bytes[i];
      if (byte === 0x3d && i + 2 < end) {
        const high = hexValue(bytes[i + 1]);
        const low = hexValue(bytes[i + 2]);
        if (high >= 0 && low >= 0) {
          out[length++] = (high << 4) | low;
          i += 2;
          continue;
        }
      }
      out[length++] = byte;
    }
    if (!softBreak) out[length++] = LF;
  }
  return out.subarray(0, length);
}

const decoders = new Map<string, TextDecoder | null>();

/** TextDecoder for a charset label as postal-mime's getDecoder first tries it, or null when that fails. */
function decoderFor(charset: string | undefined): TextDecoder | null {
  const label = (charset || "utf8").trim().toLowerCase();
  let decoder = decoders.get(label);
  if (decoder === undefined) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      decoder = null; // postal-mime then tries its aliases
    }
    if (decoders.size < 64) decoders.set(label, decoder);
  }
  return decoder;
}

/** The MIME nodes the input's lines make: the root, then the parts of a top-level multipart. */
function splitNodes(bytes: Uint8Array): { root: Node; parts: Node[]; rootHeaders: NodeHeaders; rootType: Structured | null } | null {
  const root = newNode();
  const parts: Node[] = [];
  let rootHeaders: NodeHeaders | null = null;
  let rootType: Structured | null = null;
  let boundary: Uint8Array | null = null;
  let current: Node | null = root;
  for (let start = 0; start < bytes.length; ) {
    const next = lineAfter(bytes, start, bytes.length);
    const end = contentEnd(bytes, start, next);
    const lineStart = start;
    start = next;
    if (boundary && end - lineStart > 2 && bytes[lineStart] === DASH && bytes[lineStart + 1] === DASH) {
      const kind = boundaryKind(bytes, lineStart, end, boundary);
      if (kind === "terminator") {
        // The multipart is finished: what follows is its epilogue, boundary lines included.
        current = null;
        boundary = null;
        continue;
      }
      if (kind === "separator") {
        current = newNode();
        parts.push(current);
        continue;
      }
    }
    if (!current) continue; // the epilogue
    if (current.bodyStart >= 0) current.bodyEnd = next;
    else if (end > lineStart) {
      if (current.headerStart < 0) current.headerStart = lineStart;
      current.headerEnd = end;
    } else {
      // The empty line: the header block ends, the body begins.
      current.bodyStart = current.bodyEnd = next;
      if (current === root) {
        rootHeaders = readHeaders(bytes, root);
        rootType = parseStructured(rootHeaders.contentType ?? DEFAULT_TYPE);
        if (!rootType) return null;
        const found = rootBoundary(rootType);
        if (found === undefined) return null;
        boundary = found;
      }
    }
  }
  if (!rootHeaders) {
    rootHeaders = readHeaders(bytes, root);
    rootType = parseStructured(rootHeaders.contentType ?? DEFAULT_TYPE);
  }
  return { root, parts, rootHeaders, rootType };
}

/** Whether a line is the boundary's separator ("--b") or terminator ("--b--"), trailing SP/HTAB allowed. */
function boundaryKind(bytes: Uint8Array, start: number, end: number, boundary: Uint8Array): "separator" | "terminator" | null {
  const length = end - start;
  if (length < boundary.length + 2) return null;
  for (let j = 0; j < boundary.length; j++) if (bytes[start + 2 + j] !== boundary[j]) return null;
  let at = start + 2 + boundary.length;
  const terminator = length >= boundary.length + 4 && bytes[at] === DASH && bytes[at + 1] === DASH;
  if (terminator) at += 2;
  for (; at < end; at++) if (bytes[at] !== 0x20 && bytes[at] !== 0x09) return null;
  return terminator ? "terminator" : "separator";
}

const encoder = new TextEncoder();

/** A part without a Content-Type field is text/plain (RFC 2045 §5.2); one with an empty field has the empty type. */
const DEFAULT_TYPE = "text/plain";

/** The root's boundary as bytes; null when the root is no multipart; undefined for a shape this reader declines. */
function rootBoundary(type: Structured): Uint8Array | null | undefined {
  if (!type.value.startsWith("multipart/")) return null;
  const subtype = type.value.slice("multipart/".length);
  const boundary = type.params.get("boundary");
  // digest parts default to message/rfc822, alternative and related change how text is picked: postal-mime reads those.
  if (subtype === "" || subtype === "digest" || subtype === "alternative" || subtype === "related" || !boundary) return undefined;
  return encoder.encode(boundary);
}

/**
 * Reads raw message bytes the way postal-mime reads them with our options
 * (forceRfc822Attachments, parseAddresses off), or returns null when the message has a
 * shape this reader leaves to postal-mime.
 */
export function readSimpleMime(bytes: Uint8Array): ParsedEmail | null {
  if (bytes.length === 0) return null;
  const split = splitNodes(bytes);
  if (!split) return null;
  const { root, parts, rootHeaders, rootType } = split;
  if (!rootType) return null;
  const leaves = rootType.value.startsWith("multipart/") ? parts.map((node) => ({ node, headers: readHeaders(bytes, node) })) : [{ node: root, headers: rootHeaders }];
  const texts: string[] = [];
  const attachments: ParsedEmail["attachments"] = [];
  for (const { node, headers } of leaves) {
    const type = parseStructured(headers.contentType ?? DEFAULT_TYPE);
    const disposition = parseStructured(headers.disposition);
    const decoding = decodingOf(headers.transferEncoding);
    if (!type || !disposition || !decoding) return null;
    const mimeType = type.value;
    if (mimeType.startsWith("multipart/") || mimeType === "text/html" || mimeType === "text/calendar" || mimeType === "application/ics") return null;
    const content = bodyOf(bytes, node, decoding);
    if (mimeType === "text/plain" && disposition.value !== "attachment") {
      if (/^flowed$/i.test(type.params.get("format") ?? "")) return null;
      const decoder = decoderFor(type.params.get("charset"));
      if (!decoder) return null;
      texts.push(decoder.decode(content));
    } else attachments.push({ mimeType, content });
  }
  const text = texts.join("\n");
  return { headers: rootHeaders.fields, text: text || undefined, attachments };
}
