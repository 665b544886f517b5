/**
 * toIsoDate reads the RFC 5322 form itself and leaves every other to Date.parse: on
 * every date, valid or not, it must give what Date.parse alone gives.
 */
import { toIsoDate } from "../../src/ndr/date";

/** The reading before the RFC 5322 shortcut: comments dropped, then Date.parse. */
function byDateParse(value: string): string | null {
  const time = Date.parse(value.replace(/\([^)]*\)/g, "").trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString().replace(".000Z", "Z");
}

/** A small seeded generator (mulberry32), so that every run checks the same dates. */
function random(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Xyz"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Foo"];
const YEARS = [1000, 1899, 1969, 1970, 1999, 2000, 2010, 2038, 2100, 2999, 99, 49];

test("well-formed and malformed dates read as Date.parse reads them", () => {
  const pick = random(7);
  const pad = (value: number) => String(value).padStart(2, "0");
  const differ: string[] = [];
  for (let i = 0; i < 20000; i++) {
    const date = [
      pick(3) ? `${DAYS[pick(DAYS.length)]},${" ".repeat(pick(3))} ` : "",
      pick(2) ? String(pick(33)) : pad(pick(32)),
      ` ${MONTHS[pick(MONTHS.length)]} ${YEARS[pick(YEARS.length)] + pick(3)} `,
      `${pad(pick(25))}:${pad(pick(61))}${pick(2) ? `:${pad(pick(61))}` : ""} `,
      `${pick(2) ? "+" : "-"}${pad(pick(25))}${pad(pick(61))}`,
      pick(8) ? "" : " (UTC)",
    ].join("");
    if (toIsoDate(date) !== byDateParse(date)) differ.push(`${date}: ${toIsoDate(date)} against ${byDateParse(date)}`);
  }
  expect(differ).toEqual([]);
});

test.each([
  ["Thu, 29 Apr 2010 23:34:45 +0900", "2010-04-29T14:34:45Z"],
  ["1 Jan 2024 00:00 -0130", "2024-01-01T01:30:00Z"],
  ["Mon, 31 Apr 2023 10:00:00 +0000", byDateParse("Mon, 31 Apr 2023 10:00:00 +0000")],
  ["Wed, 5 Jun 2019 08:01:02 GMT", "2019-06-05T08:01:02Z"],
  ["2021-03-04T05:06:07Z", "2021-03-04T05:06:07Z"],
  ["not a date", null],
  ["", null],
])("%s", (value, expected) => {
  expect(toIsoDate(value)).toBe(expected);
  expect(toIsoDate(value)).toBe(byDateParse(value));
});
