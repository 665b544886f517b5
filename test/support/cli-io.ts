import type { CliIo } from "../../src/cli/io";

/** A CLI's standard streams in memory: what it wrote, and `stdin` to read. */
export function captureIo(stdin = ""): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    readStdin: () => Promise.resolve(new TextEncoder().encode(stdin)),
  };
  return io;
}
