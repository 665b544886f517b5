/**
 * Which failures a check reports to its user as { error }, and which are bugs.
 *
 * A check that cannot be done for a reason outside the program (the DNS failed, the
 * check was cancelled or ran out of time, or it was given nothing it can check) becomes
 * { error } beside the other checks: "SPF could not be checked: ...". Anything else
 * (a TypeError, a RangeError) is a programming error: it propagates, so the backend
 * answers 500 and logs it, instead of telling the user that DNS failed.
 */

/** A lookup failed in a way that decides the check: SERVFAIL, no answer in time, a refused query. */
export class DnsLookupError extends Error {
  override name = "DnsLookupError";
}

/** The check was asked about something it cannot check: no domain given, a private IP for a public blocklist. */
export class NotCheckableError extends Error {
  override name = "NotCheckableError";
}

/** DnsLookupError, NotCheckableError, or an abort (AbortSignal's "AbortError", whatever its realm or class). */
function isCheckFailure(error: unknown): error is Error {
  if (error instanceof DnsLookupError || error instanceof NotCheckableError) return true;
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}

/**
 * Runs one check with a deadline: a check failure or an overrun becomes { error }, so one
 * check never sinks the others; any other error propagates.
 */
export async function settle<T>(work: () => Promise<T>, timeoutMs: number, what: string): Promise<T | { error: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<{ error: string }>((resolve) => {
    timer = setTimeout(() => resolve({ error: `the ${what} check took longer than ${timeoutMs} ms` }), timeoutMs);
  });
  const running = Promise.resolve()
    .then(work)
    .catch((error: unknown) => {
      if (isCheckFailure(error)) return { error: error.message };
      throw error;
    });
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
