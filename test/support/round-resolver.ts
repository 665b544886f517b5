/**
 * A Resolver that holds every query until the test releases a "round": all
 * queries pending at that moment are answered together. The number of rounds a
 * check needs is its count of sequential DNS round trips, measured without clocks.
 */
import type { Resolver } from "../../src/spf/types";

export interface RoundResolver extends Resolver {
  /** Runs `work`, answering pending queries round by round until it settles. */
  run: <T>(work: () => Promise<T>) => Promise<{ value: T; rounds: number; queries: number }>;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

export function createRoundResolver(inner: Resolver): RoundResolver {
  let pending: Array<() => void> = [];
  let queries = 0;
  return {
    lookup(name, type) {
      queries += 1;
      return new Promise((resolve) => pending.push(() => void inner.lookup(name, type).then(resolve)));
    },
    async run<T>(work: () => Promise<T>) {
      queries = 0;
      let outcome = null as { value: T } | null;
      let failure = null as unknown;
      const started = work().then(
        (value) => (outcome = { value }),
        (error: unknown) => (failure = error ?? new Error("rejected")),
      );
      let rounds = 0;
      for (;;) {
        await settle();
        if (outcome || failure) break;
        if (pending.length === 0) throw new Error("the work is waiting on something other than DNS");
        const batch = pending;
        pending = [];
        rounds += 1;
        batch.forEach((answer) => answer());
      }
      await started;
      // Rethrows what the work rejected with, whatever it was.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (failure) throw failure;
      return { value: outcome!.value, rounds, queries };
    },
  };
}
