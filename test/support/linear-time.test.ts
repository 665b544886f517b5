/** The linear-time helper tells linear work from quadratic work on the same machine. */
import { doubling, expectLinear, LINEAR_BOUND } from "./linear-time";

function linear(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += i % 7;
  return sum;
}

function quadratic(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sum += (i ^ j) & 1;
  return sum;
}

test("linear work stays under the bound", async () => {
  expect((await doubling((n) => () => linear(n), 1 << 16)).ratio).toBeLessThan(LINEAR_BOUND);
});

test("quadratic work goes over it", async () => {
  expect((await doubling((n) => () => quadratic(n), 256)).ratio).toBeGreaterThan(LINEAR_BOUND);
});

test("the assertion passes linear work and still fails quadratic work after measuring it again", async () => {
  await expect(expectLinear((n) => () => linear(n), 1 << 16)).resolves.toMatchObject({ ratio: expect.any(Number) });
  await expect(expectLinear((n) => () => quadratic(n), 256)).rejects.toThrow(/not linear in 3 measurements/);
});
