/**
 * The built `bounce-doctor` executable (dist/cli, made by `npm run build`), run as a
 * user runs it: the launcher, the program beside it and its V8 code cache. A cache
 * made for another build, or one V8 cannot use, must change nothing but speed.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../../scripts/lib/paths";

const built = path.join(repoRoot, "dist/cli");
const sampleDir = path.join(repoRoot, "src/web/samples");
const samples = fs.readdirSync(sampleDir).filter((name) => name.endsWith(".eml")).map((name) => path.join(sampleDir, name));

function run(dir: string, args: string[]) {
  const result = spawnSync(process.execPath, [path.join(dir, "bounce-doctor.js"), ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the built CLI whose cache file is replaced by `cache` (or removed when null). */
function copyWithCache(cache: Buffer | null): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bounce-doctor-cli-"));
  for (const name of ["bounce-doctor.js", "main.js"]) fs.copyFileSync(path.join(built, name), path.join(dir, name));
  if (cache) fs.writeFileSync(path.join(dir, "main.js.cache"), cache);
  return dir;
}

let reference: ReturnType<typeof run>;

beforeAll(() => {
  expect(fs.existsSync(path.join(built, "main.js.cache"))).toBe(true);
  reference = run(built, ["parse", "--jsonl", ...samples]);
});

test("parse --jsonl over the sample bounces: one Bounce per file, exit 0", () => {
  expect(reference.status).toBe(0);
  expect(reference.stderr).toBe("");
  const lines = reference.stdout.trim().split("\n").map((line) => JSON.parse(line));
  expect(lines.map((line) => line.file)).toEqual(samples);
  expect(lines.every((line) => line.isBounce)).toBe(true);
});

test("the shipped cache is for this build: it starts with the program's digest", () => {
  const cache = fs.readFileSync(path.join(built, "main.js.cache"));
  const digest = createHash("sha1").update(fs.readFileSync(path.join(built, "main.js"))).digest();
  expect(cache.subarray(0, 20).equals(digest)).toBe(true);
  expect(cache.length).toBeGreaterThan(10_000);
});

test.each([
  ["no cache", null],
  ["a cache made for another build", Buffer.concat([Buffer.alloc(20, 7), fs.readFileSync(path.join(built, "main.js.cache")).subarray(20)])],
  ["a cache V8 cannot read", Buffer.concat([fs.readFileSync(path.join(built, "main.js.cache")).subarray(0, 20), Buffer.from("not V8 code cache data")])],
])("with %s the output is the same", (_, cache) => {
  const dir = copyWithCache(cache);
  try {
    expect(run(dir, ["parse", "--jsonl", ...samples])).toEqual(reference);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("errors and usage go through the launcher unchanged", () => {
  const missing = run(built, ["parse", "/nonexistent/x.eml"]);
  expect(missing.status).toBe(1);
  expect(missing.stderr).toBe("bounce-doctor parse: /nonexistent/x.eml: no such file\n");
  expect(run(built, ["frobnicate"]).status).toBe(2);
});
