/**
 * Linear time, shown rather than claimed: the same work on hostile input of size n and
 * of size 2n, in one run on the same machine, and the ratio of the two times. Linear
 * work gives about 2, quadratic about 4; a test asserts the ratio stays under a bound.
 *
 * `prepare(n)` builds the input of size n and returns the work to time, so building the
 * input is not timed. Time is the process's CPU time, and each size is timed several
 * times, interleaved, with the fastest run of each counting: other processes and
 * collections only ever add time, so the minimum is the honest figure. n grows first until one run takes long enough for the clock to
 * be trusted; work that reads only a bounded prefix never does, and passes.
 */

export interface DoublingOptions {
  /** Runs of each size; the fastest counts (default 5). */
  repeats?: number;
  /** n doubles until one run of size n takes at least this long (default 20 ms)... */
  minMs?: number;
  /** ...or until n reaches this (default 2^21). */
  maxN?: number;
}

export interface Doubling {
  n: number;
  msAtN: number;
  msAt2N: number;
  /** msAt2N / msAtN. */
  ratio: number;
}

/**
 * The process's CPU time for the work, in ms: unlike the wall clock, it does not count
 * the time other processes on a busy machine had the CPU.
 */
async function timed(work: () => unknown): Promise<number> {
  const started = process.cpuUsage();
  await work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** Times below this are clock noise: a ratio is taken against at least this much. */
const FLOOR_MS = 1;

/** Times the work on input of size n against the work on input of size 2n. */
export async function doubling(prepare: (n: number) => () => unknown, startN: number, options: DoublingOptions = {}): Promise<Doubling> {
  const repeats = options.repeats ?? 5;
  const minMs = options.minMs ?? 20;
  const maxN = options.maxN ?? 2 ** 21;
  let n = startN;
  await timed(prepare(n)); // warm-up: compile the code paths before timing them
  while (n * 2 <= maxN && (await timed(prepare(n))) < minMs) n *= 2;
  const atN = prepare(n);
  const at2N = prepare(2 * n);
  let msAtN = Infinity;
  let msAt2N = Infinity;
  for (let i = 0; i < repeats; i++) {
    msAtN = Math.min(msAtN, await timed(atN));
    msAt2N = Math.min(msAt2N, await timed(at2N));
  }
  return { n, msAtN, msAt2N, ratio: msAt2N / Math.max(msAtN, FLOOR_MS) };
}

/** The bound a test asserts: well above linear's 2 for a noisy machine, well below quadratic's 4. */
export const LINEAR_BOUND = 3;

/** Measurements an assertion may take: a busy moment spoils one, quadratic work fails every one. */
const ATTEMPTS = 3;

/**
 * Asserts that doubling the input at most about doubles the time. A ratio over the bound
 * is measured again, up to ATTEMPTS times: the process's CPU time also counts V8's
 * background threads (a concurrent collection that lands in one size's runs can push a
 * linear ratio to 3), while quadratic work gives about 4 in every measurement.
 */
export async function expectLinear(prepare: (n: number) => () => unknown, startN: number, options: DoublingOptions = {}): Promise<Doubling> {
  const ratios: string[] = [];
  let result: Doubling | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    result = await doubling(prepare, startN, options);
    if (result.ratio < LINEAR_BOUND) return result;
    ratios.push(`n=${result.n} took ${result.msAtN.toFixed(2)} ms, 2n took ${result.msAt2N.toFixed(2)} ms (ratio ${result.ratio.toFixed(2)})`);
  }
  throw new Error(`not linear in ${ATTEMPTS} measurements, bound ${LINEAR_BOUND}: ${ratios.join("; ")}`);
}
