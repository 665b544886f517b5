/**
 * The corpus's CRLF ("dos-") and CR-only ("mac-") copies must read exactly as their
 * LF originals: line ends are transport noise, never meaning.
 */
import fs from "node:fs";
import path from "node:path";
import { parseBounce } from "../../src/ndr";
import { corpusDir, testWholeCorpus } from "../support/shared-data";

const variantsDir = path.join(corpusDir, "newline-variants");
const variants = fs.readdirSync(variantsDir).filter((name) => /^(?:dos|mac)-.+\.eml$/.test(name)).sort();
const read = (file: string) => parseBounce(new Uint8Array(fs.readFileSync(file)));

testWholeCorpus("the corpus holds CRLF and CR-only copies", () => {
  expect(variants.filter((name) => name.startsWith("dos-")).length).toBeGreaterThan(20);
  expect(variants.filter((name) => name.startsWith("mac-")).length).toBeGreaterThan(20);
});

test.each(variants)("%s reads as its LF original", async (name) => {
  const raw = fs.readFileSync(path.join(variantsDir, name));
  // The copies really do use the other line ends.
  expect(raw.includes(name.startsWith("dos-") ? "\r\n" : "\r")).toBe(true);
  const result = await read(path.join(variantsDir, name));
  // The same bytes with LF line ends (the corpus keeps some originals back for evaluation).
  const asLf = Buffer.from(raw.toString("latin1").replace(/\r\n?/g, "\n"), "latin1");
  expect(result).toEqual(await parseBounce(new Uint8Array(asLf)));
  const original = path.join(corpusDir, name.slice(4));
  if (fs.existsSync(original)) expect(result).toEqual(await read(original));
});
