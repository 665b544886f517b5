/**
 * Outside collections (test/fixtures/collections, each with its hand labels and
 * licence): every message is read as labelled, and no non-bounce names a recipient.
 */
import path from "node:path";
import { collectionDirs, evaluateCollection } from "../../scripts/eval-collections";

const dirs = collectionDirs();

test("at least one outside collection is committed", () => {
  expect(dirs.length).toBeGreaterThan(0);
});

test.each(dirs.map((dir) => [path.basename(dir), dir]))("%s is read as labelled", async (_name, dir) => {
  const score = await evaluateCollection(dir, { sisimai: false });
  expect(score.failures).toEqual([]);
  expect(score.detection.hit).toBe(score.messages);
});
