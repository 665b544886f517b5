/**
 * The fixtures are unchanged copies of the shared data: checked byte for byte where
 * ../shared is present, so a sample cannot drift from the corpus the evaluations score.
 */
import fs from "node:fs";
import path from "node:path";
import { fixturesDir, sampleCorpusDir, sharedDir, testWholeCorpus } from "./support/shared-data";

/** Every file under a folder, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((name) => fs.statSync(path.join(dir, name)).isFile()).sort();
}

const COPIES: [fixture: string, shared: string][] = [
  ...filesUnder(sampleCorpusDir)
    .filter((name) => name !== "LICENSE")
    .map((name): [string, string] => [`ndr/${name}`, `corpus/ndr/${name}`]),
  ["ndr/LICENSE", "corpus/ndr/LICENSE"],
  ...["rfc7208-tests.yml", "rfc7208-tests.LICENSE", "rfc4408-tests.yml", "rfc4408-tests.LICENSE"].map((name): [string, string] => [`spf/${name}`, `spf/${name}`]),
  ["reference/status-codes.tsv", "reference/status-codes.tsv"],
  ...filesUnder(path.join(fixturesDir, "office-schemas")).map((name): [string, string] => [`office-schemas/${name}`, `office-schemas/${name}`]),
];

test("every sample bounce has its reference reading beside it", () => {
  const emls = filesUnder(sampleCorpusDir).filter((name) => name.endsWith(".eml"));
  expect(emls.length).toBeGreaterThan(100);
  for (const name of emls) expect(fs.existsSync(path.join(sampleCorpusDir, name.replace(/\.eml$/, ".expected.json")))).toBe(true);
});

testWholeCorpus("every fixture is an unchanged copy of its shared file", () => {
  expect(COPIES.length).toBeGreaterThan(270);
  const changed = COPIES.filter(([fixture, shared]) => !fs.readFileSync(path.join(fixturesDir, fixture)).equals(fs.readFileSync(path.join(sharedDir, shared))));
  expect(changed).toEqual([]);
});
