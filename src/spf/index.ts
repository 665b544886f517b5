/**
 * The SPF/DMARC engine's public API. Pure TypeScript: DNS comes in through the
 * Resolver interface (src/dns in node, test doubles in tests).
 */
import { analyzeSpf, type AnalyzeInput, type AnalyzeOptions } from "./analyzer";
import { checkDmarc } from "./dmarc";
import { CHECKS_SCHEMA, type Checks, type Resolver } from "./types";

export { type AnalyzeInput } from "./analyzer";
export * from "./types";

export interface RunChecksOptions extends AnalyzeOptions {
  /** Overall deadline; RFC 7208 4.6.4 asks for at least 20 s (default 20000 ms). */
  timeoutMs?: number;
}

/** SPF analysis (with the verdict for ip) and DMARC, run concurrently; a check that fails becomes { error }. */
export async function runChecks(input: AnalyzeInput, resolver: Resolver, options: RunChecksOptions = {}): Promise<Checks> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const [spf, dmarc] = await Promise.all([
    settle(analyzeSpf(input, resolver, options), timeoutMs, "SPF"),
    settle(checkDmarc(input.domain, resolver), timeoutMs, "DMARC"),
  ]);
  return { schema: CHECKS_SCHEMA, spf, dmarc };
}

async function settle<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T | { error: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<{ error: string }>((resolve) => {
    timer = setTimeout(() => resolve({ error: `the ${what} check took longer than ${timeoutMs / 1000} s` }), timeoutMs);
  });
  try {
    return await Promise.race([work.catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) })), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
