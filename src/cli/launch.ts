/**
 * The bounce-doctor executable. It runs the CLI program (main.js, bundled from
 * bounce-doctor.ts) through V8's code cache (main.js.cache, written by `npm run build`),
 * so a run does not compile again the functions every run needs: a tenth of a short
 * run's time. The cache starts with the SHA-1 of the program it was made from; a
 * cache for another build, or one V8 rejects (another Node.js), is ignored.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";

const DIGEST_BYTES = 20;

function main(): void {
  const program = path.join(__dirname, "main.js");
  const cacheFile = `${program}.cache`;
  const bytes = fs.readFileSync(program);
  const digest = createHash("sha1").update(bytes).digest();
  const cachedData = cacheFor(cacheFile, digest);
  // The same wrapper Node.js puts around a CommonJS module; the shebang line is dropped.
  const source = `(function (exports, require, module, __filename, __dirname) {${bytes.toString("utf8").replace(/^#!.*/, "")}\n})`;
  const script = new vm.Script(source, { filename: program, cachedData });
  const programModule = { exports: {} };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper(programModule.exports, createRequire(program), programModule, program, path.dirname(program));
  // `npm run build` runs sample bounces through the CLI with this set, to fill the cache.
  if (process.env.BOUNCE_DOCTOR_WRITE_CODE_CACHE) {
    process.once("beforeExit", () => fs.writeFileSync(cacheFile, Buffer.concat([digest, script.createCachedData()])));
  }
}

/** The V8 cache data made from exactly this program, if there is one. */
function cacheFor(cacheFile: string, digest: Buffer): Buffer | undefined {
  try {
    const cache = fs.readFileSync(cacheFile);
    return cache.subarray(0, DIGEST_BYTES).equals(digest) ? cache.subarray(DIGEST_BYTES) : undefined;
  } catch {
    return undefined; // no cache: compile as usual
  }
}

main();
