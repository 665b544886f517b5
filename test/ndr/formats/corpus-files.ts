/** Reading corpus messages by name in the format families' tests. */
import fs from "node:fs";
import path from "node:path";
import { parseBounce } from "../../../src/ndr";
import { readMessage, type MailMessage } from "../../../src/ndr/message";
import type { Bounce } from "../../../src/ndr/bounce";
import { corpusDir } from "../../support/shared-data";

export function corpusBytes(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(corpusDir, name)));
}

/** Every corpus file whose name starts with the prefix ("lhost-mfilter-"), variants included. */
export function corpusFiles(prefix: string): string[] {
  const main = fs.readdirSync(corpusDir).filter((f) => f.startsWith(prefix) && f.endsWith(".eml"));
  const variantsDir = path.join(corpusDir, "newline-variants");
  const variants = fs.existsSync(variantsDir)
    ? fs.readdirSync(variantsDir).filter((f) => /^(?:dos|mac)-/.test(f) && f.slice(4).startsWith(prefix) && f.endsWith(".eml")).map((f) => `newline-variants/${f}`)
    : [];
  return [...main, ...variants].sort();
}

export const parseCorpus = (name: string): Promise<Bounce> => parseBounce(corpusBytes(name));
export const readCorpus = (name: string): Promise<MailMessage> => readMessage(corpusBytes(name));
