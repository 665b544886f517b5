/**
 * Content-Type and Content-Disposition fields in their simple form, read exactly as
 * postal-mime's parseStructuredHeader reads them (mime-node.js), or not at all.
 */

export interface Structured {
  /** "type/subtype" or a token, lowercased. */
  value: string;
  /** Parameters by lowercased name; a repeated parameter keeps its first value. */
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
 * The field in the simple form, "type/sub" (or a token) then "; name=token" or
 * "; name=\"quoted\"" and at most one final ";", as postal-mime reads it: the value
 * lowercased, parameter names lowercased, the first of a repeated parameter kept. Null
 * for any other form (comments, escapes, RFC 2231 sections, a valueless parameter),
 * which postal-mime reads with rules of its own. An empty field is the empty value.
 */
export function parseStructured(field: string): Structured | null {
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
