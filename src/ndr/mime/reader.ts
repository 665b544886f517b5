/**
 * A quick MIME reader for the shapes bounces take, reading them exactly as postal-mime
 * does with our options (message.ts: forceRfc822Attachments, parseAddresses off) in one
 * pass over the lines, without postal-mime's work per line and per part, which was a
 * third of a bounce's parse time.
 *
 * It declines (returns null) what it cannot read that way, and postal-mime reads it:
 * a text that postal-mime would make from the HTML or the HTML from the text,
 * format=flowed, comments, escapes or RFC 2231 sections in a structured field, a
 * charset TextDecoder does not know by that name, calendar parts, deep nesting.
 * test/ndr/mime-reader.test.ts holds it to postal-mime's result on every fixture, on
 * the whole corpus and on edge cases. Linear in the input, which message.ts has
 * already cut to size.
 */
import { contentEnd, decodeBody, decoderFor, lineAfter, transferEncodingOf } from "./body";
import { type HeaderField, type NodeHeaders, readHeaders } from "./headers";
import { parseStructured, type Structured } from "./structured";

/** What message.ts reads of a parsed message: postal-mime's Email, in part. */
export interface ParsedEmail {
  /** The top-level header fields in order. */
  headers: HeaderField[];
  text?: string;
  html?: string;
  attachments: { mimeType: string; content: ArrayBuffer | Uint8Array | string }[];
}

const DASH = 0x2d;

/** Multiparts nested deeper than this are left to postal-mime (which allows 64 with our options). */
const MAX_DEPTH = 16;

/** One MIME node: where its header block and body lie in the input, and its children. */
interface Node {
  parent: Node | null;
  depth: number;
  /** [headerStart, headerEnd): the header lines, the last without its line end; -1 when there are none. */
  headerStart: number;
  headerEnd: number;
  /** [bodyStart, bodyEnd): the body lines with their line ends; -1 until the header block ends. */
  bodyStart: number;
  bodyEnd: number;
  headers: NodeHeaders | null;
  type: Structured | null;
  children: Node[];
}

function newNode(parent: Node | null): Node {
  return { parent, depth: parent ? parent.depth + 1 : 0, headerStart: -1, headerEnd: -1, bodyStart: -1, bodyEnd: -1, headers: null, type: null, children: [] };
}

/** A multipart's boundary, as the lines that open and close its parts must carry it. */
interface Boundary {
  bytes: Uint8Array;
  node: Node;
}

const encoder = new TextEncoder();

/**
 * The node's header block read and its type parsed (postal-mime's default: text/plain,
 * or message/rfc822 in a multipart/digest; an empty Content-Type is the empty type).
 * False when the type is in a form this reader leaves to postal-mime.
 */
function finishHeaders(bytes: Uint8Array, node: Node): boolean {
  node.headers = readHeaders(bytes, node.headerStart, node.headerEnd);
  const fallback = node.parent && subtypeOf(node.parent) === "digest" ? "message/rfc822" : "text/plain";
  node.type = parseStructured(node.headers.contentType ?? fallback);
  return node.type !== null && subtypeOf(node) !== "";
}

/** The multipart subtype ("mixed", "report"), or null for a leaf. */
function subtypeOf(node: Node): string | null {
  const value = node.type?.value ?? "";
  return value.startsWith("multipart/") ? value.slice("multipart/".length) : null;
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

/**
 * The MIME tree, split as postal-mime splits it: a line is first tested against the open
 * boundaries, innermost first; a separator starts a new child of its multipart (closing
 * whatever was open inside), a terminator closes the multipart, and the lines after it
 * belong to its parent (or to nothing, after the root's).
 */
function splitTree(bytes: Uint8Array): Node | null {
  const root = newNode(null);
  const open: Boundary[] = [];
  let current: Node | null = root;
  for (let start = 0; start < bytes.length; ) {
    const next = lineAfter(bytes, start, bytes.length);
    const end = contentEnd(bytes, start, next);
    const lineStart = start;
    start = next;
    if (open.length > 0 && end - lineStart > 2 && bytes[lineStart] === DASH && bytes[lineStart + 1] === DASH) {
      let index = open.length - 1;
      let kind: "separator" | "terminator" | null = null;
      for (; index >= 0 && kind === null; index--) kind = boundaryKind(bytes, lineStart, end, open[index].bytes);
      index++;
      if (kind !== null) {
        const { node } = open[index];
        if (kind === "terminator") {
          open.length = index;
          current = node.parent;
        } else {
          open.length = index + 1;
          current = newNode(node);
          if (current.depth > MAX_DEPTH) return null;
          node.children.push(current);
        }
        continue;
      }
    }
    if (!current) continue; // after the root's terminator
    if (current.bodyStart >= 0) current.bodyEnd = next;
    else if (end > lineStart) {
      if (current.headerStart < 0) current.headerStart = lineStart;
      current.headerEnd = end;
    } else {
      // The empty line: the header block ends, the body begins.
      current.bodyStart = current.bodyEnd = next;
      if (!finishHeaders(bytes, current)) return null;
      const boundary = subtypeOf(current) !== null ? current.type?.params.get("boundary") : undefined;
      if (boundary) open.push({ bytes: encoder.encode(boundary), node: current });
    }
  }
  return root;
}

/** Every node whose header block never ended (the input did first) reads the lines it has. */
function finishAll(bytes: Uint8Array, node: Node): boolean {
  if (!node.headers && !finishHeaders(bytes, node)) return false;
  return node.children.every((child) => finishAll(bytes, child));
}

/** The text parts of one node, or of one multipart/alternative: postal-mime's textMap entry. */
interface TextEntry {
  plain: string[];
  html: string[];
}

interface Collected {
  entries: TextEntry[];
  byKey: Map<Node, TextEntry>;
  attachments: ParsedEmail["attachments"];
}

/**
 * Sorts the leaves into text and attachments as postal-mime's collectNode does: a
 * text/plain or text/html leaf not marked as an attachment is text, kept under the
 * closest multipart/alternative around it; every other leaf is an attachment.
 */
function collect(bytes: Uint8Array, node: Node, alternative: Node | null, into: Collected): boolean {
  const subtype = subtypeOf(node);
  if (subtype !== null) {
    const inner = subtype === "alternative" ? node : alternative;
    return node.children.every((child) => collect(bytes, child, inner, into));
  }
  const headers = node.headers!;
  const mimeType = node.type!.value;
  const disposition = parseStructured(headers.disposition ?? "");
  const encoding = transferEncodingOf(headers.transferEncoding);
  if (!disposition || !encoding || mimeType === "text/calendar" || mimeType === "application/ics") return false;
  const content = decodeBody(bytes, node.bodyStart, node.bodyEnd, encoding);
  const isText = (mimeType === "text/plain" || mimeType === "text/html") && disposition.value !== "attachment";
  if (!isText) {
    into.attachments.push({ mimeType, content });
    return true;
  }
  if (/^flowed$/i.test(node.type!.params.get("format") ?? "")) return false;
  const decoder = decoderFor(node.type!.params.get("charset"));
  if (!decoder) return false;
  const key = alternative ?? node;
  let entry = into.byKey.get(key);
  if (!entry) {
    entry = { plain: [], html: [] };
    into.byKey.set(key, entry);
    into.entries.push(entry);
  }
  (mimeType === "text/html" ? entry.html : entry.plain).push(decoder.decode(content));
  return true;
}

/**
 * Reads raw message bytes as postal-mime reads them with our options, or returns null
 * when the message has a shape this reader leaves to postal-mime.
 */
export function readMimeQuickly(bytes: Uint8Array): ParsedEmail | null {
  if (bytes.length === 0) return null;
  const root = splitTree(bytes);
  if (!root || !finishAll(bytes, root)) return null;
  const collected: Collected = { entries: [], byKey: new Map(), attachments: [] };
  if (!collect(bytes, root, null, collected)) return null;
  const { entries, attachments } = collected;
  const hasPlain = entries.some((entry) => entry.plain.length > 0);
  const hasHtml = entries.some((entry) => entry.html.length > 0);
  // postal-mime renders a part of one kind missing in an entry from the other kind (HTML to text, text to HTML): not read here.
  if (entries.some((entry) => (hasPlain && entry.plain.length === 0) || (hasHtml && entry.html.length === 0))) return null;
  const text = entries.flatMap((entry) => entry.plain).join("\n");
  const html = entries.flatMap((entry) => entry.html).join("\n");
  return { headers: root.headers!.fields, text: text || undefined, html: html || undefined, attachments };
}
