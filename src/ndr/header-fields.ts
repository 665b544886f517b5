/**
 * "Name: value" field blocks, as found in message headers, in text/rfc822-headers
 * parts, in RFC 3464 delivery-status groups and in headers quoted inside a body.
 */

export interface Field {
  /** Lowercased field name. */
  name: string;
  /** Unfolded value, untrimmed of inner whitespace but trimmed at both ends. */
  value: string;
}

/** A field name is at most this long: a longer "name:" is prose, not a field. */
const MAX_NAME_LENGTH = 76;

/**
 * The line's field, when it is "Name: value": a name of printable ASCII except ":"
 * (RFC 5322 section 3.6.8), 1 to MAX_NAME_LENGTH characters, then ":", one optional
 * space or tab, and the value. A value holding a line break of another kind (a bare
 * CR, U+2028, U+2029) is no field's. One scan of the line, no pattern.
 */
function fieldOf(line: string): Field | null {
  const colon = line.indexOf(":");
  if (colon < 1 || colon > MAX_NAME_LENGTH) return null;
  for (let i = 0; i < colon; i++) {
    const code = line.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return null;
  }
  const next = line.charCodeAt(colon + 1);
  const value = line.slice(next === 0x20 || next === 0x09 ? colon + 2 : colon + 1);
  if (LINE_BREAK.test(value)) return null;
  return { name: line.slice(0, colon).toLowerCase(), value: value.trim() };
}

const LINE_BREAK = /[\r\u2028\u2029]/;

/**
 * Reads a field block up to its first empty line (or the end). Linear in the input:
 * a folded value is joined once, from its non-empty pieces.
 */
export function parseFields(block: string): Field[] {
  const fields: Field[] = [];
  let pieces: string[] | null = null;
  const unfold = () => {
    if (pieces) fields[fields.length - 1].value = pieces.filter((piece) => piece !== "").join(" ");
    pieces = null;
  };
  for (let start = 0; start <= block.length; ) {
    const newline = block.indexOf("\n", start);
    const end = newline < 0 ? block.length : newline;
    const text = block.slice(start, end > start && block.charCodeAt(end - 1) === 0x0d ? end - 1 : end);
    start = end + 1;
    if (text === "") {
      if (fields.length > 0) break;
      continue;
    }
    if ((text[0] === " " || text[0] === "\t") && fields.length > 0) {
      (pieces ??= [fields[fields.length - 1].value]).push(text.trim());
      continue;
    }
    const field = fieldOf(text);
    if (field) {
      unfold();
      fields.push(field);
    }
  }
  unfold();
  return fields;
}

/** A read-only view of fields, looked up by name, case-insensitively. */
export class FieldMap {
  private readonly byName = new Map<string, string[]>();

  constructor(readonly fields: readonly Field[]) {
    for (const { name, value } of fields) {
      const values = this.byName.get(name);
      if (values) values.push(value);
      else this.byName.set(name, [value]);
    }
  }

  /** The first value of the field, or null. */
  get(name: string): string | null {
    return this.valuesOf(name)?.[0] ?? null;
  }

  /** Every value of the field, in order. */
  all(name: string): string[] {
    return this.valuesOf(name) ?? [];
  }

  has(name: string): boolean {
    return this.valuesOf(name) !== undefined;
  }

  /** Callers mostly ask in lower case already: look that up, and lowercase only a name that changes. */
  private valuesOf(name: string): string[] | undefined {
    const values = this.byName.get(name);
    if (values !== undefined) return values;
    const lower = name.toLowerCase();
    return lower === name ? undefined : this.byName.get(lower);
  }

  static parse(block: string): FieldMap {
    return new FieldMap(parseFields(block));
  }
}
