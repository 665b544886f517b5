import { PassThrough, Writable } from "node:stream";
import type { RequestLogEntry } from "../../src/backend/handler";
import { createIsoClock, createRequestLog, formatLogLine } from "../../src/backend/request-log";

const entry: RequestLogEntry = { method: "GET", path: "/api/check", status: 200, ms: 3, domain: "example.com" };

function collect(stream: PassThrough): () => string {
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  return () => text;
}

describe("formatLogLine", () => {
  test.each<RequestLogEntry>([
    entry,
    { method: "POST", path: "(unknown)", status: 404, ms: 0 },
    { method: 'G"E\\T\n', path: "/api/check", status: 400, ms: 12, domain: "xn--bcher-kva.example" },
  ])("writes the same JSON as JSON.stringify({ time, ...entry }): %j", (e) => {
    const time = "2026-11-27T12:00:00.123Z";
    const line = formatLogLine(e, time);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).toBe(JSON.stringify({ time, ...e }));
  });

  test("a number JSON cannot hold becomes null, so the line stays valid JSON", () => {
    expect(JSON.parse(formatLogLine({ ...entry, ms: Number.NaN }, "t")).ms).toBeNull();
  });
});

describe("createIsoClock", () => {
  test("matches Date#toISOString across milliseconds and second boundaries", () => {
    const iso = createIsoClock();
    const start = Date.UTC(2026, 10, 27, 23, 59, 58, 990);
    for (let ms = start; ms < start + 2100; ms += 7) expect(iso(ms)).toBe(new Date(ms).toISOString());
    expect(iso(start)).toBe(new Date(start).toISOString()); // going back a second is fine too
  });
});

describe("createRequestLog", () => {
  test("batches lines until the flush delay, then writes them in one write", async () => {
    const out = new PassThrough();
    const writes: string[] = [];
    out.on("data", (chunk: Buffer) => writes.push(chunk.toString("utf8")));
    const log = createRequestLog(out, { flushAfterMs: 20, now: () => Date.UTC(2026, 0, 1) });
    log.write(entry);
    log.write({ ...entry, status: 429, domain: undefined });
    expect(writes).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(writes).toHaveLength(1);
    const lines = writes[0].trimEnd().split("\n").map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { time: "2026-01-01T00:00:00.000Z", ...entry },
      { time: "2026-01-01T00:00:00.000Z", method: "GET", path: "/api/check", status: 429, ms: 3 },
    ]);
  });

  test("writes at once when a batch is full, and close() writes the rest", async () => {
    const out = new PassThrough();
    const text = collect(out);
    const log = createRequestLog(out, { flushAfterMs: 60_000, batchBytes: 300 });
    for (let i = 0; i < 5; i++) log.write({ ...entry, ms: i });
    await new Promise((resolve) => setImmediate(resolve));
    const beforeClose = text().split("\n").filter(Boolean).length;
    expect(beforeClose).toBeGreaterThan(0);
    expect(beforeClose).toBeLessThan(5);
    await log.close();
    expect(text().split("\n").filter(Boolean).map((line) => JSON.parse(line).ms)).toEqual([0, 1, 2, 3, 4]);
  });

  test("drops lines while the output is backed up, and says how many once it is not", async () => {
    let release: (() => void) | undefined;
    const received: string[] = [];
    // An output that holds its first write until released, like a pipe nobody reads.
    const out = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _encoding, done) {
        received.push(chunk.toString("utf8"));
        if (received.length === 1) release = done;
        else done();
      },
    });
    const log = createRequestLog(out, { flushAfterMs: 60_000, batchBytes: 1, maxBacklogBytes: 500 });
    for (let i = 0; i < 50; i++) log.write({ ...entry, ms: i });
    expect(out.writableLength).toBeLessThan(1000); // bounded, not 50 lines
    release?.();
    await new Promise((resolve) => setImmediate(resolve));
    log.write({ ...entry, ms: 99 });
    await log.close();
    const lines = received.join("").split("\n").filter(Boolean).map((line) => JSON.parse(line));
    const dropped = lines.find((line) => "dropped" in line);
    const logged = lines.filter((line) => "ms" in line).map((line) => line.ms);
    expect(dropped?.dropped).toBeGreaterThan(0);
    expect(logged.length + Number(dropped.dropped)).toBe(51);
    expect(logged.at(-1)).toBe(99);
  });

  test("an output that fails (its reader went away) silences the log instead of crashing the server", async () => {
    const out = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
      },
    });
    const log = createRequestLog(out, { batchBytes: 1 });
    log.write(entry);
    await new Promise((resolve) => setImmediate(resolve));
    expect(() => log.write(entry)).not.toThrow();
    await expect(log.close()).resolves.toBeUndefined();
  });
});
