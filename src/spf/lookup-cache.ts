/**
 * One evaluation's view of DNS: every (name, type) is asked at most once, and
 * an answer can be requested early (prefetched) and consumed later. Counting
 * lookups against the RFC limits is the evaluator's job, done when it consumes
 * an answer, so prefetching never changes a result.
 */
import type { LookupResult, RecordData, RecordType, Resolver } from "./types";

export class LookupCache implements Resolver {
  private readonly answers = new Map<string, Promise<LookupResult<unknown>>>();

  constructor(private readonly resolver: Resolver) {}

  lookup<T extends RecordType>(name: string, type: T): Promise<LookupResult<RecordData[T]>> {
    const key = `${type} ${name.toLowerCase()}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.resolver.lookup(name, type).catch(
        (error: unknown): LookupResult<never> => ({ status: "error", message: error instanceof Error ? error.message : String(error) }),
      );
      this.answers.set(key, answer);
    }
    return answer as Promise<LookupResult<RecordData[T]>>;
  }

  /** Starts a lookup whose answer will probably be needed soon. */
  prefetch(name: string, type: RecordType): Promise<LookupResult<unknown>> {
    return this.lookup(name, type);
  }

  /** Number of distinct queries asked so far. */
  get size(): number {
    return this.answers.size;
  }
}
