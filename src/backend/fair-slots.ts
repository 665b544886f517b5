/**
 * Slots for DNS questions in flight, shared fairly between clients: at most `total`
 * at once, and at most `perClient` of them held by one client, so one client's burst of
 * checks whose questions never answer cannot take every slot (the others keep theirs).
 * Waiting work is served client by client in turn; work whose signal aborts while it
 * waits leaves the queue at once.
 */
import { AbortedError } from "../dns/transport";

interface Waiter {
  start: () => void;
}

export class FairSlots {
  private active = 0;
  private readonly activeOf = new Map<string, number>();
  /** Waiting work per client; Map order is the turn order (a client served goes last). */
  private readonly queues = new Map<string, Waiter[]>();

  constructor(
    private readonly total: number,
    private readonly perClient: number,
  ) {}

  async use<T>(client: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new AbortedError();
    if (!this.canStart(client)) await this.wait(client, signal);
    else this.take(client);
    try {
      return await work();
    } finally {
      this.release(client);
    }
  }

  /** Questions waiting for a slot, over all clients (for tests and monitoring). */
  get waiting(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.length;
    return count;
  }

  private canStart(client: string): boolean {
    return this.active < this.total && (this.activeOf.get(client) ?? 0) < this.perClient && !this.queues.has(client);
  }

  private take(client: string): void {
    this.active += 1;
    this.activeOf.set(client, (this.activeOf.get(client) ?? 0) + 1);
  }

  private wait(client: string, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const queue = this.queues.get(client);
        const index = queue?.indexOf(waiter) ?? -1;
        if (queue && index >= 0) {
          queue.splice(index, 1);
          if (queue.length === 0) this.queues.delete(client);
        }
        reject(new AbortedError());
      };
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const queue = this.queues.get(client);
      if (queue) queue.push(waiter);
      else this.queues.set(client, [waiter]);
    });
  }

  private release(client: string): void {
    this.active -= 1;
    const held = (this.activeOf.get(client) ?? 1) - 1;
    if (held === 0) this.activeOf.delete(client);
    else this.activeOf.set(client, held);
    this.startNext();
  }

  /** Hands free slots to waiting clients in turn, skipping those at their share. */
  private startNext(): void {
    while (this.active < this.total) {
      let started = false;
      for (const [client, queue] of this.queues) {
        if ((this.activeOf.get(client) ?? 0) >= this.perClient) continue;
        const waiter = queue.shift()!;
        this.queues.delete(client);
        if (queue.length > 0) this.queues.set(client, queue); // to the end of the turn order
        this.take(client);
        waiter.start();
        started = true;
        break;
      }
      if (!started) return;
    }
  }
}
