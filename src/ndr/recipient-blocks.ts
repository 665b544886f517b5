/**
 * Many providers write one block per failed recipient: a line naming the address,
 * then the error on the following lines. This reads such blocks out of the text
 * after a start marker, up to an end marker, in one linear pass.
 */
import { findLine } from "./prose";
import { findAddress } from "./text";

export interface RecipientBlock {
  address: string;
  /** The address line itself, trimmed. */
  head: string;
  /** The lines after it (trimmed, blanks dropped) up to the next address line or the end. */
  body: string[];
}

export interface BlockOptions {
  /** Where the blocks begin: the first line matching this (the blocks start on the next line). */
  start: RegExp;
  /** Where they end (the original message, a signature); default: the end of the text. */
  end?: RegExp;
  /** What an address line looks like; default: a line that holds an address and little else. */
  addressLine?: RegExp;
  /** Stop after this many consecutive blank lines once a block has begun; default 3. */
  maxBlankRun?: number;
}

const DEFAULT_ADDRESS_LINE = /^\s{0,12}<?[^\s<>@]{1,128}@[A-Za-z0-9.-]{1,253}>?(?:\s|$|:|,)/;

export function readRecipientBlocks(text: string, options: BlockOptions): RecipientBlock[] {
  const lines = text.split("\n");
  const start = findLine(lines, options.start);
  if (start < 0) return [];
  const addressLine = options.addressLine ?? DEFAULT_ADDRESS_LINE;
  const maxBlankRun = options.maxBlankRun ?? 3;
  const blocks: RecipientBlock[] = [];
  let blankRun = 0;
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index];
    if (options.end?.test(line)) break;
    if (line.trim() === "") {
      if (blocks.length > 0 && ++blankRun >= maxBlankRun) break;
      continue;
    }
    blankRun = 0;
    const address = addressLine.test(line) ? findAddress(line) : null;
    if (address) blocks.push({ address, head: line.trim(), body: [] });
    else blocks[blocks.length - 1]?.body.push(line.trim());
  }
  return blocks;
}
