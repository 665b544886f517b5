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

// A field name is printable ASCII except ":" (RFC 5322 section 3.6.8); bounded so a
// 1 MB line that is not a field costs one linear scan.
const FIELD_LINE = /^([!-9;-~]{1,76}):[ \t]?(.*)$/;

/** Reads a field block up to its first empty line (or the end). Linear in the input. */
export function parseFields(block: string): Field[] {
  const fields: Field[] = [];
  for (const line of block.split("\n")) {
    const text = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (text === "") {
      if (fields.length > 0) break;
      continue;
    }
    const last = fields[fields.length - 1];
    if ((text[0] === " " || text[0] === "\t") && last) {
      last.value = `${last.value} ${text.trim()}`.trim();
      continue;
    }
    const match = FIELD_LINE.exec(text);
    if (match) fields.push({ name: match[1].toLowerCase(), value: match[2].trim() });
  }
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

  /** Callers mostly ask in lower case already: look that up before lowercasing. */
  private valuesOf(name: string): string[] | undefined {
    return this.byName.get(name) ?? this.byName.get(name.toLowerCase());
  }

  static parse(block: string): FieldMap {
    return new FieldMap(parseFields(block));
  }
}
