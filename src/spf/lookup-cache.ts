/**
 * One evaluation's view of DNS: every (name, type) is asked at most once, and
 * an answer can be requested early (prefetched) and consumed later. Counting
 * lookups against the RFC limits is the evaluator's job, done when it consumes
 * an answer, so prefetching never changes a result.
 */
import type { LookupResult, RecordData, RecordType, Resolver } from "./types";

export class LookupCache implements Resolver {
  // By type, then lower-cased name: names mostly come straight from record text, and
  // such a string keeps its hash, where a composed "TYPE name" key is hashed anew each time.
  private readonly answers = new Map<RecordType, Map<string, Promise<LookupResult<unknown>>>>();

  constructor(private readonly resolver: Resolver) {}

  lookup<T extends RecordType>(name: string, type: T): Promise<LookupResult<RecordData[T]>> {
    let ofType = this.answers.get(type);
    if (!ofType) this.answers.set(type, (ofType = new Map<string, Promise<LookupResult<unknown>>>()));
    const key = name.toLowerCase();
    let answer = ofType.get(key);
    if (!answer) {
      answer = this.resolver.lookup(name, type).catch(
        (error: unknown): LookupResult<never> => ({ status: "error", message: error instanceof Error ? error.message : String(error) }),
      );
      ofType.set(key, answer);
    }
    return answer as Promise<LookupResult<RecordData[T]>>;
  }

  /** Starts a lookup whose answer will probably be needed soon. */
  prefetch(name: string, type: RecordType): Promise<LookupResult<unknown>> {
    return this.lookup(name, type);
  }

  /** Number of distinct queries asked so far. */
  get size(): number {
    let size = 0;
    for (const ofType of this.answers.values()) size += ofType.size;
    return size;
  }
}
