/**
 * A small least-recently-used map: keeps the `capacity` entries used last, so
 * memoising by an untrusted key (a record text from DNS) cannot grow memory without bound.
 */
export class RecentMap<K, V> {
  // A Map iterates in insertion order; re-inserting on use keeps the oldest entry first.
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }

  get size(): number {
    return this.entries.size;
  }
}
