/**
 * bounce-doctor parse FILE... [--json | --jsonl]
 * One file prints one JSON object; --jsonl prints one object per line with a "file"
 * field, all in one process. "-" reads standard input.
 */
import { readFileSync } from "node:fs";
import { parseBounce } from "../../ndr";
import { parseArgs } from "../args";
import { type CliIo, UsageError } from "../io";

async function readInput(file: string, io: CliIo): Promise<Uint8Array> {
  if (file === "-") return io.readStdin();
  try {
    // Synchronous on purpose: one small file after another, an async read per file
    // left the process idle half the time waiting on the thread pool.
    return new Uint8Array(readFileSync(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : `cannot read (${code ?? "error"})`);
  }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { positional: files, flags } = parseArgs(args, { booleans: ["--json", "--jsonl"] });
  if (files.length === 0) throw new UsageError("give one or more files (- for standard input)");
  if (flags.has("--json") && flags.has("--jsonl")) throw new UsageError("choose --json or --jsonl, not both");
  const lines = flags.has("--jsonl") || files.length > 1;
  if (files.length > 1 && !flags.has("--jsonl")) throw new UsageError("several files need --jsonl");
  let failed = false;
  for (const file of files) {
    try {
      const bounce = await parseBounce(await readInput(file, io));
      io.stdout(lines ? `${JSON.stringify({ file, ...bounce })}\n` : `${JSON.stringify(bounce, null, 2)}\n`);
    } catch (error) {
      failed = true;
      io.stderr(`bounce-doctor parse: ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  return failed ? 1 : 0;
}
