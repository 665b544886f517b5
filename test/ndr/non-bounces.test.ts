/**
 * Messages that are not bounces, in many languages: auto-replies, read receipts,
 * successful-delivery notices, DMARC and ARF reports, and ordinary mail that quotes or
 * discusses a bounce. None may come out as a bounce, and none may name a failed recipient.
 * They are asked of every module (the family modules first, then the general path).
 */
import fs from "node:fs";
import path from "node:path";
import { parseBounce } from "../../src/ndr";
import { fixturesDir } from "../support/shared-data";

const folder = path.join(fixturesDir, "non-bounces");
const files = fs.readdirSync(folder).filter((name) => name.endsWith(".eml")).sort();

test("at least thirty non-bounces in at least ten languages", () => {
  expect(files.length).toBeGreaterThanOrEqual(30);
  const languages = new Set(files.map((name) => /-(en|de|fr|es|pt|it|nl|ru|pl|zh-tw|zh-cn|ja|ko)$/.exec(name.replace(/\.eml$/, ""))?.[1]).filter(Boolean));
  expect(languages.size).toBeGreaterThanOrEqual(10);
});

test.each(files)("%s is not a bounce and names no failed recipient", async (name) => {
  const bounce = await parseBounce(new Uint8Array(fs.readFileSync(path.join(folder, name))));
  expect(bounce.isBounce).toBe(false);
  expect(bounce.recipients.filter((recipient) => recipient.action === "failed" || recipient.action === "delayed")).toEqual([]);
});
