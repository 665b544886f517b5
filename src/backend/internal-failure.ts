/**
 * What the log says about a failure that became a 500: the error's class and its stack
 * frames, so the fault can be found. Never the request, and never the error's message,
 * which can quote what the request carried (a domain, an address, a header).
 */

/** One 500, as logged: a JSON line of its own. */
export interface InternalFailure {
  event: "internal-error";
  /** The error's class ("TypeError", "RangeError"), or the type of a thrown non-error. */
  class: string;
  /** The stack's "at ..." frames: functions and source positions only. */
  stack: string[];
}

const MAX_FRAMES = 30;
const MAX_FRAME_CHARS = 300;

export function describeInternalFailure(error: unknown): InternalFailure {
  if (!(error instanceof Error)) return { event: "internal-error", class: error === null ? "null" : typeof error, stack: [] };
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES)
    .map((line) => line.trim().slice(0, MAX_FRAME_CHARS));
  return { event: "internal-error", class: error.constructor.name || error.name, stack: frames };
}

/** The default: one JSON line on standard error (Azure Functions sends it to Application Insights). */
export function logInternalFailure(failure: InternalFailure): void {
  console.error(JSON.stringify(failure));
}
