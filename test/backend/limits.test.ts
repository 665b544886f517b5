import { createRateLimiter } from "../../src/backend/rate-limit";
import { Semaphore } from "../../src/backend/semaphore";

describe("rate limiter", () => {
  test("allows a burst, then refuses with a retry delay, then refills", () => {
    const limiter = createRateLimiter({ requestsPerMinute: 6, burst: 2 });
    expect(limiter.take("a", 0)).toEqual({ allowed: true });
    expect(limiter.take("a", 0)).toEqual({ allowed: true });
    expect(limiter.take("a", 0)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(limiter.take("b", 0)).toEqual({ allowed: true });
    expect(limiter.take("a", 10_000)).toEqual({ allowed: true });
  });

  test("bounds the number of clients it remembers", () => {
    const limiter = createRateLimiter({ requestsPerMinute: 1, burst: 1 }, 2);
    limiter.take("a", 0);
    limiter.take("b", 0);
    limiter.take("c", 0); // forgets "a"
    expect(limiter.take("a", 0)).toEqual({ allowed: true });
    expect(limiter.take("c", 0)).toMatchObject({ allowed: false });
  });
});

test("semaphore runs at most `limit` tasks at once, in arrival order", async () => {
  const semaphore = new Semaphore(2);
  let running = 0;
  let peak = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      semaphore.use(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(i);
        running--;
      }),
    ),
  );
  expect(peak).toBe(2);
  expect(order).toEqual([0, 1, 2, 3, 4, 5]);
});

test("semaphore frees the slot of work that fails or throws, and passes the failure on", async () => {
  const semaphore = new Semaphore(1);
  await expect(semaphore.use(() => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
  await expect(
    semaphore.use(() => {
      throw new Error("thrown");
    }),
  ).rejects.toThrow("thrown");
  await expect(semaphore.use(async () => "still usable")).resolves.toBe("still usable");
});
