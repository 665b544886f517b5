/**
 * The data the tests read, and where it comes from.
 *
 * A clone of the repository alone is green: the sample bounces the tests name (a few
 * per family), the SPF suites and the status-code table are in test/fixtures. The
 * whole corpus in ../shared (or $BOUNCE_DOCTOR_SHARED) feeds the evaluations that
 * score every message: they run where it is present, as in CI, and where it is absent
 * they are skipped under a title that says so (test/support/shared-skips-reporter.js
 * sums them up in one line at the end of the run).
 */
import fs from "node:fs";
import path from "node:path";

const repoRoot = path.resolve(__dirname, "../..");
export const fixturesDir = path.join(repoRoot, "test/fixtures");
export const sampleCorpusDir = path.join(fixturesDir, "ndr");

export const sharedDir = process.env.BOUNCE_DOCTOR_SHARED ?? path.resolve(repoRoot, "../shared");
export const sharedCorpusDir = path.join(sharedDir, "corpus/ndr");
export const hasSharedCorpus = fs.existsSync(path.join(sharedCorpusDir, "index.tsv"));

/**
 * Where messages named by the tests and a family's files are read: the whole corpus
 * where it is present (every file of a family), else the samples (a few per family;
 * each one a byte-identical copy, checked by test/fixtures.test.ts).
 */
export const corpusDir = hasSharedCorpus ? sharedCorpusDir : sampleCorpusDir;

/** The mark on the titles of tests skipped because the whole corpus is absent. */
const NEEDS_SHARED = "[skipped: needs ../shared]";

const marked = (name: string) => `${name} ${NEEDS_SHARED}`;
const skippedTest = Object.assign((name: string, fn?: jest.ProvidesCallback, timeout?: number) => test.skip(marked(name), fn, timeout), {
  each:
    (table: readonly unknown[]) =>
    (name: string, fn: (...args: never[]) => unknown, timeout?: number) =>
      test.skip.each(table as unknown[])(marked(name), fn as (...args: unknown[]) => unknown, timeout),
});

/** A test that scores the whole corpus (also `.each`): skipped, under a title that says why, without it. */
export const testWholeCorpus = (hasSharedCorpus ? test : skippedTest) as typeof test;

