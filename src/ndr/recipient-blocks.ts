/**
 * Most bounces write one block per failed recipient: a line naming the address, then
 * the error on the lines below it. Providers mark the address line in their own way
 * ("<bob@example.com>:", "bob@example.com on 1/2/2024"), the open-source MTAs by
 * indentation. Both readers live here so that no family splits such blocks by hand.
 * One linear pass over the lines.
 */
import { type Marker, linesOf, section } from "./prose";
import { findAddress } from "./text";

export interface RecipientBlock {
  address: string;
  /** The address line itself, trimmed. */
  head: string;
  /** The lines after it (trimmed, blanks dropped) up to the next address line or the end. */
  body: string[];
}

export interface BlockOptions {
  /** Where the blocks begin: the line after the first line matching this; default: the first line. */
  start?: Marker;
  /** Where they end (the original message, a signature); default: the end of the text. */
  end?: RegExp;
  /**
   * What an address line looks like: a pattern (the line's first address is then the
   * recipient) or a reader giving the line's address or null; default: a line that
   * holds an address and little else.
   */
  addressLine?: RegExp | ((line: string) => string | null);
  /** Stop after this many consecutive blank lines once a block has begun; default 3. */
  maxBlankRun?: number;
}

const DEFAULT_ADDRESS_LINE = /^\s{0,12}<?[^\s<>@]{1,128}@[A-Za-z0-9.-]{1,253}>?(?:\s|$|:|,)/;

/** The address blocks in the text (or its lines), between `start` and `end`. */
export function recipientBlocks(source: string | readonly string[], options: BlockOptions = {}): RecipientBlock[] {
  const lines = options.start === undefined ? (typeof source === "string" ? linesOf(source) : source) : section(source, options.start);
  if (!lines) return [];
  const pattern = options.addressLine ?? DEFAULT_ADDRESS_LINE;
  const addressOf = typeof pattern === "function" ? pattern : (line: string) => (pattern.test(line) ? findAddress(line) : null);
  const maxBlankRun = options.maxBlankRun ?? 3;
  const blocks: RecipientBlock[] = [];
  let blankRun = 0;
  for (const line of lines) {
    if (options.end?.test(line)) break;
    if (line.trim() === "") {
      if (blocks.length > 0 && ++blankRun >= maxBlankRun) break;
      continue;
    }
    blankRun = 0;
    const address = addressOf(line);
    if (address) blocks.push({ address, head: line.trim(), body: [] });
    else blocks[blocks.length - 1]?.body.push(line.trim());
  }
  return blocks;
}

/**
 * The MTAs' layout, where the head line is not always an address ("pipe to |/usr/bin/x",
 * a bare local part) and the family reads it: a head line at indentation `headIndent`
 * (or less) followed by its more-indented continuation lines. Blank lines end a block.
 */
export function indentedBlocks(lines: readonly string[], headIndent = 0): string[][] {
  const blocks: string[][] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    if (line.trim() === "") {
      current = null;
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (current && indent > headIndent) current.push(line.trim());
    else {
      current = [line.trim()];
      blocks.push(current);
    }
  }
  return blocks;
}
