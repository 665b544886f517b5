/**
 * Fills dist/cli/main.js.cache, the V8 code cache the bounce-doctor launcher reads:
 * runs the built CLI over bounces with BOUNCE_DOCTOR_WRITE_CODE_CACHE set, so the cache
 * holds the code a parse run compiles. The sample bounces always; the shared corpus
 * too where it is checked out beside the repo, whose many formats reach more code
 * (a cache from the samples alone is smaller and a little less effective, never wrong).
 * Run by `npm run build`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "dist/cli/bounce-doctor.js");
const samplesDir = path.join(root, "src/web/samples");
const corpusDir = path.join(process.env.BOUNCE_DOCTOR_SHARED ?? path.join(root, "../shared"), "corpus/ndr");
const emlIn = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith(".eml")).map((name) => path.join(dir, name)) : []);
const samples = [...emlIn(samplesDir), ...emlIn(corpusDir)];

const run = spawnSync(process.execPath, [cli, "parse", "--jsonl", ...samples], {
  env: { ...process.env, BOUNCE_DOCTOR_WRITE_CODE_CACHE: "1" },
  stdio: ["ignore", "ignore", "inherit"],
});
const cache = path.join(root, "dist/cli/main.js.cache");
if (run.status !== 0 || !fs.existsSync(cache)) {
  console.error(`cli-code-cache: the CLI run failed (exit ${run.status}); no code cache written`);
  process.exit(1);
}
console.log(`cli-code-cache: ${path.relative(root, cache)} (${(fs.statSync(cache).size / 1024).toFixed(0)} KB) from ${samples.length} bounces`);
