/**
 * A MIME leaf's body, decoded as postal-mime's decoders decode it (pass-through-decoder.js,
 * qp-decoder.js, base64-decoder.js and decodeBase64 in decode-strings.js), and its text
 * as postal-mime's getDecoder first tries the charset.
 */

export type TransferEncoding = "base64" | "quoted-printable" | "pass-through";

const LF = 0x0a;
const CR = 0x0d;
const EQUALS = 0x3d;

/**
 * The encoding as postal-mime picks its decoder from the field: the first word, matched
 * anywhere in it ("x-base64" is base64). Null for a field with a comment, which
 * postal-mime strips first by rules of its own.
 */
export function transferEncodingOf(field: string | null): TransferEncoding | null {
  if (field === null) return "pass-through";
  if (field.includes("(")) return null;
  const word = /[\w-]+/.exec(field.toLowerCase())?.[0] ?? "";
  return word.includes("base64") ? "base64" : word.includes("quoted-printable") ? "quoted-printable" : "pass-through";
}

/** Where the line starting at `start` ends without its line end: postal-mime's readLine drops every CR and LF there. */
export function contentEnd(bytes: Uint8Array, start: number, next: number): number {
  let end = next;
  while (end > start && (bytes[end - 1] === LF || bytes[end - 1] === CR)) end--;
  return end;
}

/** Just past the LF ending the line that starts at `start`, or `limit`. */
export function lineAfter(bytes: Uint8Array, start: number, limit: number): number {
  const newline = bytes.indexOf(LF, start);
  return newline < 0 || newline >= limit ? limit : newline + 1;
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  return -1;
}

/** The six bits of a base64 character, or -1 for "=" (-2 for any other byte, which is skipped). */
const BASE64_VALUES = (() => {
  const values = new Int8Array(256).fill(-2);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (let i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i;
  values[EQUALS] = -1;
  return values;
})();

/**
 * Base64 as postal-mime decodes it: every byte outside the alphabet is dropped; a run of
 * "=" ends a unit, and each unit is decoded on its own (a last group of one character
 * is dropped, of two or three gives one or two bytes).
 */
function decodeBase64(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil((body.length * 3) / 4) + 3);
  let length = 0;
  let group = 0;
  let count = 0;
  const endUnit = () => {
    if (count === 2) out[length++] = group >> 4;
    else if (count === 3) {
      out[length++] = group >> 10;
      out[length++] = (group >> 2) & 0xff;
    }
    group = 0;
    count = 0;
  };
  for (const byte of body) {
    const value = BASE64_VALUES[byte];
    if (value === -2) continue;
    if (value === -1) {
      endUnit();
      continue;
    }
    group = (group << 6) | value;
    if (++count === 4) {
      out[length++] = group >> 16;
      out[length++] = (group >> 8) & 0xff;
      out[length++] = group & 0xff;
      group = 0;
      count = 0;
    }
  }
  endUnit();
  return out.subarray(0, length);
}

/**
 * The body [start, stop) of the input (its lines with their line ends) decoded: each
 * line followed by LF; in quoted-printable, "=XX" is the byte and a final "=" joins the
 * line to the next.
 */
export function decodeBody(bytes: Uint8Array, start: number, stop: number, encoding: TransferEncoding): Uint8Array {
  if (start < 0 || stop <= start) return new Uint8Array(0);
  const body = bytes.subarray(start, stop);
  if (encoding === "base64") return decodeBase64(body);
  // Lines that end in a bare LF lie in the input as they are decoded: one view, no copy.
  if (encoding === "pass-through" && body[body.length - 1] === LF && body.indexOf(CR) < 0) return body;
  // Decoding never lengthens a line; a last line without its LF gains one.
  const out = new Uint8Array(stop - start + 1);
  let length = 0;
  for (let lineStart = start; lineStart < stop; ) {
    const next = lineAfter(bytes, lineStart, stop);
    let end = contentEnd(bytes, lineStart, next);
    const from = lineStart;
    lineStart = next;
    if (encoding === "pass-through") {
      out.set(bytes.subarray(from, end), length);
      length += end - from;
      out[length++] = LF;
      continue;
    }
    const softBreak = end > from && bytes[end - 1] === EQUALS;
    if (softBreak) end--;
    for (let i = from; i < end; i++) {
      const byte = bytes[i];
      if (byte === EQUALS && i + 2 < end) {
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
export function decoderFor(charset: string | undefined): TextDecoder | null {
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
