/**
 * A bounded memo for values keyed by untrusted text (record texts, addresses from
 * DNS): holds at most `capacity` entries, so no input can grow memory without bound.
 *
 * Entries live in two generations. New and recently read entries go to the young
 * one; when it is full it becomes the old one and the previous old generation is
 * dropped. So entries read within the last `capacity / 2` insertions survive, like an
 * LRU, while a read costs a map lookup rather than an LRU's re-insertion.
 */
/** `undefined` means "not held", so it cannot be a value; null can. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is "any value but undefined", what this map needs
export class RecentMap<K, V extends {} | null> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly generationSize: number;

  constructor(capacity: number) {
    this.generationSize = Math.max(1, Math.floor(capacity / 2));
  }

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const survivor = this.old.get(key);
    if (survivor !== undefined) this.set(key, survivor);
    return survivor;
  }

  set(key: K, value: V): void {
    this.old.delete(key);
    this.young.set(key, value);
    if (this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}
