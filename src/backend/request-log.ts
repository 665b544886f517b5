/**
 * The local server's request log: one JSON line per request,
 *   {"time":"2026-11-27T12:00:00.123Z","method":"GET","path":"/api/check","status":200,"ms":3,"domain":"example.com"}
 * (the fields of RequestLogEntry; the domain is the only request data in it).
 *
 * Built for thousands of requests per second: each line is assembled from strings
 * (no JSON.stringify of a fresh object, no Date formatting per request), and lines
 * are written in batches rather than with one write system call each. Writes never
 * wait for the reader: when it falls too far behind, lines are dropped and counted,
 * and the count is logged once it catches up, so a stuck log pipe cannot stall or
 * swell the server.
 */
import type { Writable } from "node:stream";
import type { RequestLogEntry } from "./handler";

export interface RequestLog {
  write: (entry: RequestLogEntry) => void;
  /** Writes what is pending and resolves once the output has taken it. */
  close: () => Promise<void>;
}

export interface RequestLogOptions {
  /** Longest a line waits before it is written (default 50 ms). */
  flushAfterMs?: number;
  /** Pending text that is written at once, without waiting (default 16 KiB). */
  batchBytes?: number;
  /** Text the output may hold unwritten before lines are dropped (default 1 MiB). */
  maxBacklogBytes?: number;
  now?: () => number;
}

/** ISO 8601 time of `ms`, formatting a Date only once per second. @internal exported for its test */
export function createIsoClock(): (ms: number) => string {
  let second = Number.NaN;
  let prefix = "";
  return (ms) => {
    const thisSecond = Math.floor(ms / 1000);
    if (thisSecond !== second) {
      second = thisSecond;
      prefix = new Date(thisSecond * 1000).toISOString().slice(0, 20); // "YYYY-MM-DDTHH:MM:SS."
    }
    const millis = ms - thisSecond * 1000;
    return `${prefix}${millis < 10 ? "00" : millis < 100 ? "0" : ""}${Math.floor(millis)}Z`;
  };
}

const number = (n: number) => (Number.isFinite(n) ? String(n) : "null");

/** The JSON text of one entry, as JSON.stringify({ time, ...entry }) would write it. @internal exported for its test */
export function formatLogLine(entry: RequestLogEntry, time: string): string {
  const domain = entry.domain === undefined ? "" : `,"domain":${JSON.stringify(entry.domain)}`;
  return (
    `{"time":"${time}","method":${JSON.stringify(entry.method)},"path":${JSON.stringify(entry.path)}` +
    `,"status":${number(entry.status)},"ms":${number(entry.ms)}${domain}}\n`
  );
}

export function createRequestLog(out: Writable, options: RequestLogOptions = {}): RequestLog {
  const flushAfterMs = options.flushAfterMs ?? 50;
  const batchBytes = options.batchBytes ?? 16 * 1024;
  const maxBacklogBytes = options.maxBacklogBytes ?? 1024 * 1024;
  const now = options.now ?? Date.now;
  const isoTime = createIsoClock();
  let pending = "";
  let dropped = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let broken = false;
  // A log pipe closed by its reader must not take the server down (console.log ignores such errors too).
  out.on("error", () => {
    broken = true;
  });

  function flush(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending === "" || broken) return;
    out.write(pending);
    pending = "";
  }

  return {
    write(entry) {
      if (broken) return;
      if (out.writableLength > maxBacklogBytes) {
        dropped++;
        return;
      }
      const time = isoTime(now());
      if (dropped > 0) {
        pending += `{"time":"${time}","dropped":${dropped}}\n`;
        dropped = 0;
      }
      pending += formatLogLine(entry, time);
      if (pending.length >= batchBytes) flush();
      else if (timer === undefined) {
        timer = setTimeout(flush, flushAfterMs);
        timer.unref();
      }
    },
    close() {
      if (dropped > 0) pending += `{"time":"${isoTime(now())}","dropped":${dropped}}\n`;
      dropped = 0;
      flush();
      if (broken || out.destroyed) return Promise.resolve();
      // An empty write calls back once everything written before it has been handed over.
      return new Promise((resolve) => out.write("", () => resolve()));
    },
  };
}
