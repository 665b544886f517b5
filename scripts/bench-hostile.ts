/**
 * npx tsx scripts/bench-hostile.ts
 * Time to a result (or a BounceInputError) for hostile and oversized input, at two or
 * more sizes each so the growth shows: noise, long lines, many recipients, deep
 * nesting, large messages. Each case is run once after a warm-up parse.
 */
import { parseBounce } from "../src/ndr";
import { BounceInputError, type BounceSource } from "../src/ndr/types";
import { dsnBounce, largeBody, longAddressHeader, longHeaderLine, manyAddresses, nestedMultipart, noise } from "../test/support/hostile-mail";

async function time(name: string, build: () => BounceSource): Promise<void> {
  const input = build();
  const size = typeof input === "string" ? input.length : input instanceof Uint8Array ? input.length : 0;
  const start = performance.now();
  let outcome: string;
  try {
    const bounce = await parseBounce(input);
    outcome = `${bounce.kind}, ${bounce.recipients.length} recipients`;
  } catch (error) {
    if (!(error instanceof BounceInputError)) throw error;
    outcome = `BounceInputError: ${error.message.slice(0, 60)}`;
  }
  const ms = performance.now() - start;
  console.log(`${name.padEnd(34)} ${(size / 2 ** 20).toFixed(2).padStart(7)} MB ${ms.toFixed(0).padStart(7)} ms  ${outcome}`);
}

async function main() {
  await parseBounce(dsnBounce()); // warm-up
  console.log(`${"case".padEnd(34)} ${"input".padStart(10)} ${"time".padStart(10)}  outcome`);
  for (const mb of [1, 10]) await time(`binary noise ${mb} MB`, () => noise(mb * 2 ** 20));
  for (const length of [2 ** 18, 2 ** 20]) await time(`header line ${length / 1024} KB`, () => longHeaderLine(length));
  for (const length of [2 ** 18, 2 ** 20]) await time(`To: of ":" ${length / 1024} KB`, () => longAddressHeader(length));
  for (const count of [1000, 10000]) await time(`${count} recipients`, () => dsnBounce({ recipients: manyAddresses(count) }));
  for (const depth of [50, 1000]) await time(`multipart nesting ${depth} deep`, () => nestedMultipart(depth));
  for (const mb of [1, 5, 50]) await time(`bounce with a ${mb} MB original`, () => dsnBounce({ original: largeBody(mb) }));
}

void main();
