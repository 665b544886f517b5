/**
 * Lets other work run between the synchronous phases of checks. Parsing and reviewing
 * a record costs about 10 microseconds a term, and a record served over TCP can hold
 * thousands of terms. Such a record is read on a turn of the event loop of its own:
 * turns are handed out one after another (each timer is set only once the previous
 * turn's work is done), so the sibling branches of a tree, which all resume at once,
 * never add up to one long block, and requests (I/O) are served between them.
 * setTimeout exists in browsers and Node alike.
 */
export const LARGE_RECORD_LENGTH = 2048;

let last: Promise<void> = Promise.resolve();

/** Resolves on a turn of its own, after the turns asked for before. */
export function nextTurn(): Promise<void> {
  const turn = last.then(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  last = turn;
  return turn;
}
