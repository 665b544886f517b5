import { createRateLimiter } from "../../src/backend/rate-limit";

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
