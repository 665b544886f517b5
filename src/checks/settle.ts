/** Runs one check with a deadline; a failure or an overrun becomes { error }, so one check never sinks the others. */
export async function settle<T>(work: () => Promise<T>, timeoutMs: number, what: string): Promise<T | { error: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<{ error: string }>((resolve) => {
    timer = setTimeout(() => resolve({ error: `the ${what} check took longer than ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    const running = Promise.resolve()
      .then(work)
      .catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
