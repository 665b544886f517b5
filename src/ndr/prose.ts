/**
 * Small readers for bounce prose shared by the format families, so that every family
 * splits lines and finds its markers the same way: a section of lines between two
 * markers, paragraphs, address-only lines and "Label: value" lines. Every pattern is
 * linear.
 */
import { FieldMap } from "./header-fields";
import { normalizeAddress } from "./text";

/** A marker: a pattern tested on the raw line, or a string the line contains. */
export type Marker = RegExp | string;

/** Lines are read up to this many: a bounce's report is at the top, returned mail follows. */
const MAX_LINES = 200000;

function matches(line: string, marker: Marker): boolean {
  return typeof marker === "string" ? line.includes(marker) : marker.test(line);
}

/** The text's lines, without their line ends. */
export function linesOf(text: string): readonly string[] {
  return text.split("\n", MAX_LINES).map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
}

/** The index of the first line matching `marker`, or -1. */
export function findLine(lines: readonly string[], marker: Marker): number {
  return lines.findIndex((line) => matches(line, marker));
}

/**
 * The raw lines after the first line matching `start` (from it, when `inclusive`), up
 * to (not including) the first later line matching `end`, or to the end; null when
 * `start` is not found. Takes the text, or its lines when the caller has split them.
 */
export function section(source: string | readonly string[], start: Marker, end?: Marker, options: { inclusive?: boolean } = {}): string[] | null {
  const lines = typeof source === "string" ? linesOf(source) : source;
  const from = findLine(lines, start);
  if (from < 0) return null;
  const rest = lines.slice(from + 1);
  const to = end === undefined ? -1 : findLine(rest, end);
  const body = to >= 0 ? rest.slice(0, to) : rest;
  return options.inclusive ? [lines[from], ...body] : body;
}

/** Groups of consecutive non-blank lines (raw, untrimmed). */
export function paragraphs(lines: readonly string[]): string[][] {
  const groups: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (line.trim() === "") {
      current = null;
      continue;
    }
    if (!current) {
      current = [];
      groups.push(current);
    }
    current.push(line);
  }
  return groups;
}

/** The first paragraph's lines, trimmed and joined by spaces; null when there is none. */
export function firstParagraph(lines: readonly string[] | null | undefined): string | null {
  const [first] = paragraphs(lines ?? []);
  const joined = first?.map((line) => line.trim()).join(" ") ?? "";
  return joined === "" ? null : joined;
}

/** A line that is an address and nothing else ("bob@example.com", "<bob@example.com>:"): the address. */
const ADDRESS_ONLY = /^<?([^\s<>@]{1,128}@[A-Za-z0-9.-]{1,253})>?[:,;.]?$/;

export function addressLine(line: string): string | null {
  const match = ADDRESS_ONLY.exec(line.trim());
  return match ? normalizeAddress(match[1]) : null;
}

/**
 * "Label: value" lines whose labels may hold spaces ("Recipient address:", "Original
 * Sender:"), unlike header field names; values lose surrounding angle brackets only
 * when asked.
 */
export function labelledLines(lines: readonly string[], options: { unbracket?: boolean } = {}): FieldMap {
  const fields = lines.flatMap((line) => {
    const colon = line.indexOf(":");
    if (colon <= 0 || colon > 40) return [];
    const value = line.slice(colon + 1).trim();
    return [{ name: line.slice(0, colon).trim().toLowerCase(), value: options.unbracket ? value.replace(/^<(.*)>$/, "$1") : value }];
  });
  return new FieldMap(fields);
}
