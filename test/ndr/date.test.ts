/** Mail dates: the direct reader of the common form agrees with Date.parse everywhere it answers. */
import { readCommonForm, toIsoDate } from "../../src/ndr/date";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A small deterministic generator, so a failure can be reproduced. */
function generator(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % below;
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

test("agrees with Date.parse on 20,000 generated dates in the common form", () => {
  const next = generator(7);
  let read = 0;
  for (let i = 0; i < 20000; i++) {
    const zone = [`+${pad(next(15))}${pad(next(60))}`, `-${pad(next(13))}${pad(next(60))}`, "GMT", "UT", "UTC", "Z", "+0000"][next(7)];
    const day = next(33); // 0 and 32 are out of range on purpose
    const date = `${next(2) ? `${DAYS[next(7)]}, ` : ""}${day} ${MONTHS[next(12)]} ${1970 + next(100)} ${pad(next(25))}:${pad(next(61))}${next(2) ? `:${pad(next(61))}` : ""} ${zone}`;
    const direct = readCommonForm(date);
    if (direct === null) continue;
    read++;
    expect([date, direct]).toEqual([date, Date.parse(date)]);
  }
  expect(read).toBeGreaterThan(15000);
});

test.each([
  ["Thu, 27 Nov 2026 10:00:00 +0000", "2026-11-27T10:00:00Z"],
  ["27 Nov 2026 18:00 +0800", "2026-11-27T10:00:00Z"],
  ["Thu, 27 Nov 2026 05:00:00 -0500 (EST)", "2026-11-27T10:00:00Z"],
  ["Thu, 27 Nov 2026 10:00:00 GMT", "2026-11-27T10:00:00Z"],
  ["Fri, 31 Feb 2026 10:00:00 +0000", "2026-03-03T10:00:00Z"],
])("%s is %s", (value, iso) => {
  expect(toIsoDate(value)).toBe(iso);
});

test.each([
  "Thu, 27 Nov 2026 05:00:00 EST", // a zone name
  "Thu, 27 Nov 26 10:00:00 +0000", // a two-digit year
  "2026-11-27T10:00:00Z", // ISO
  "Thu, 27 Nov 2026 24:00:00 +0000", // out of range
  "Thu, 27 Nov 2026 10:00:60 +0000", // a leap second
])("%s is left to Date.parse, with its answer", (value) => {
  expect(readCommonForm(value)).toBeNull();
  const time = Date.parse(value);
  expect(toIsoDate(value)).toBe(Number.isNaN(time) ? null : new Date(time).toISOString().replace(".000Z", "Z"));
});

test("no date is null", () => {
  expect(toIsoDate("yesterday-ish")).toBeNull();
  expect(toIsoDate("")).toBeNull();
  expect(toIsoDate(null)).toBeNull();
});
