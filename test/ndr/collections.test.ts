/**
 * Outside collections (test/fixtures/collections, each with its outside labels and
 * licence): every message is read as labelled, except the misses counted below for
 * the collections not yet read in full (their reasons are in each collection's README;
 * `npm run eval:collections -- --failures` lists them). The counts only rise.
 */
import path from "node:path";
import { collectionDirs, evaluateCollection } from "../../scripts/eval-collections";

const dirs = collectionDirs();

/** Hits measured when the collection was committed: detection, recall, precision. */
const floors: Record<string, { detection: number; recall: number; precision: number }> = {
  bounceparser: { detection: 120, recall: 39, precision: 39 },
  "flufl-bounce": { detection: 106, recall: 114, precision: 124 },
};

test("at least one outside collection is committed", () => {
  expect(dirs.length).toBeGreaterThan(0);
});

test.each(dirs.map((dir) => [path.basename(dir), dir]))("%s is read as labelled", async (name, dir) => {
  const score = await evaluateCollection(dir, { sisimai: false });
  const floor = floors[name];
  if (!floor) {
    expect(score.failures).toEqual([]);
    expect(score.detection.hit).toBe(score.messages);
    return;
  }
  expect(score.detection.hit).toBeGreaterThanOrEqual(floor.detection);
  expect(score.recall.hit).toBeGreaterThanOrEqual(floor.recall);
  expect(score.precision.hit).toBeGreaterThanOrEqual(floor.precision);
  expect(score.status.hit).toBe(score.status.total);
});
