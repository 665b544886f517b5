/**
 * A MIME node's header block, read as postal-mime's processHeaders reads it
 * (mime-node.js).
 */

export interface HeaderField {
  /** The name, trimmed of SP and HTAB and lowercased. */
  key: string;
  /** The value unfolded, a bare CR in it made a space, trimmed of SP and HTAB. */
  value: string;
}

export interface NodeHeaders {
  fields: HeaderField[];
  /** The first Content-Type, Content-Transfer-Encoding and Content-Disposition (the first decides, as in postal-mime), or null. */
  contentType: string | null;
  transferEncoding: string | null;
  disposition: string | null;
}

/** postal-mime decodes header lines as UTF-8 and keeps a U+FEFF (mime-node.js, headerDecoder). */
const headerDecoder = new TextDecoder("utf-8", { ignoreBOM: true });

const CR = 0x0d;

/** Trims SP and HTAB only, as postal-mime's trimWsp does: other spaces stay part of a name. */
function trimWsp(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text.charCodeAt(start) === 0x20 || text.charCodeAt(start) === 0x09)) start++;
  while (end > start && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--;
  return text.slice(start, end);
}

function isContinuation(line: string): boolean {
  const first = line.charCodeAt(0);
  return first === 0x20 || first === 0x09;
}

/**
 * The header block [start, end) of the input (its last line without its line end): a
 * line starting with SP or HTAB continues the field above and is joined to it without
 * the line break; the name is what precedes the first ":", the value what follows.
 */
export function readHeaders(bytes: Uint8Array, start: number, end: number): NodeHeaders {
  const headers: NodeHeaders = { fields: [], contentType: null, transferEncoding: null, disposition: null };
  if (start < 0) return headers;
  // One decode for the block: UTF-8 never joins a sequence across CR or LF, so this reads as line-by-line decoding does.
  const lines = headerDecoder.decode(bytes.subarray(start, end)).split("\n");
  for (let index = 0; index < lines.length; ) {
    let field = withoutTrailingCrs(lines[index++]);
    while (index < lines.length && isContinuation(lines[index])) field += withoutTrailingCrs(lines[index++]);
    addField(headers, field);
  }
  return headers;
}

/** postal-mime's readLine drops every CR before a line's LF. */
function withoutTrailingCrs(line: string): string {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === CR) end--;
  return end === line.length ? line : line.slice(0, end);
}

function addField(headers: NodeHeaders, unfolded: string): void {
  const colon = unfolded.indexOf(":");
  const key = trimWsp(colon < 0 ? unfolded : unfolded.slice(0, colon)).toLowerCase();
  const rawValue = colon < 0 ? "" : unfolded.slice(colon + 1);
  const value = trimWsp(rawValue.includes("\r") ? rawValue.replace(/[\r\n]+/g, " ") : rawValue);
  headers.fields.push({ key, value });
  if (key === "content-type") headers.contentType ??= value;
  else if (key === "content-transfer-encoding") headers.transferEncoding ??= value;
  else if (key === "content-disposition") headers.disposition ??= value;
}
