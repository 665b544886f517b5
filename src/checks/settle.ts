// One deadline and one rule for which failures are reported as { error }: src/spf/check-failure.ts.
export { settle } from "../spf/check-failure";

/** Maps over at most `limit` items (remote lists are cut, never walked whole). */
export function firstOf<T>(items: readonly T[], limit: number): T[] {
  return items.slice(0, limit);
}
