/**
 * bounce-doctor parse (options and help in ../spec.ts)
 * One file prints one JSON object; --jsonl prints one object per line with a "file"
 * field, all in one process. "-" reads standard input.
 */
import { readFileSync } from "node:fs";
import { parseBounce } from "../../ndr";
import { type CliIo, UsageError } from "../io";
import { escapeControlsInJson, singleLine } from "../../text/sanitize";
import { type CommandLine, runCommand } from "../options";

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

function parseCommand({ values, positionals: files }: CommandLine<"parse">) {
  if (files.length === 0) throw new UsageError("give one or more files (- for standard input)");
  if (files.length > 1 && !values.jsonl) throw new UsageError("several files need --jsonl");
  return { files, lines: values.jsonl ?? false };
}

export function run(args: string[], io: CliIo): Promise<number> {
  return runCommand("parse", args, io, parseCommand, (command) => parseFiles(command, io));
}

async function parseFiles(command: ReturnType<typeof parseCommand>, io: CliIo): Promise<number> {
  const { files, lines } = command;
  const out = new BufferedOutput(io);
  let failed = false;
  for (const file of files) {
    try {
      const bounce = await parseBounce(await readInput(file, io));
      out.write(escapeControlsInJson(lines ? `${JSON.stringify({ file, ...bounce })}\n` : `${JSON.stringify(bounce, null, 2)}\n`));
    } catch (error) {
      failed = true;
      out.flush(); // what was printed before the error comes before it
      io.stderr(`bounce-doctor parse: ${file}: ${singleLine(error instanceof Error ? error.message : String(error))}\n`);
    }
  }
  out.flush();
  return failed ? 1 : 0;
}

/**
 * Standard output in blocks of about 64 KB rather than a write, and a system call, per
 * message.
 */
class BufferedOutput {
  private pending: string[] = [];
  private size = 0;

  constructor(private readonly io: CliIo) {}

  write(text: string): void {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= 65536) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    this.io.stdout(this.pending.join(""));
    this.pending = [];
    this.size = 0;
  }
}
