/**
 * A message date as an ISO 8601 UTC string. Most bounces carry the RFC 5322 form
 * ("Thu, 29 Apr 2010 23:34:45 +0900"), read here with one pattern; anything else goes to
 * Date.parse, which reads that form to the same instant (test/ndr/date.test.ts) but
 * costs several times more.
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** RFC 5322 §3.3 date-time with a numeric zone, the years Date.parse reads as written. */
const RFC5322_DATE =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),[ \t]{0,3})?(\d{1,2})[ \t]{1,3}(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[ \t]{1,3}([12]\d{3})[ \t]{1,3}([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?[ \t]{1,3}([+-])([01]\d|2[0-3])([0-5]\d)$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 1 && leap ? 29 : DAYS_IN_MONTH[month];
}

/** Milliseconds since the epoch of an RFC 5322 date-time, or null when the text is not in that form. */
function rfc5322Time(text: string): number | null {
  const match = RFC5322_DATE.exec(text);
  if (!match) return null;
  const [, day, month, year, hours, minutes, seconds, sign, zoneHours, zoneMinutes] = match;
  const monthIndex = MONTHS.indexOf(month);
  // A day the month does not have ("31 Apr") is left to Date.parse.
  if (Number(day) < 1 || Number(day) > daysIn(Number(year), monthIndex)) return null;
  const local = Date.UTC(Number(year), monthIndex, Number(day), Number(hours), Number(minutes), Number(seconds ?? 0));
  const offset = (Number(zoneHours) * 60 + Number(zoneMinutes)) * 60_000;
  return sign === "+" ? local - offset : local + offset;
}

/** The date as "2010-04-29T14:34:45Z", or null when it does not read as one. */
export function toIsoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  // RFC 5322 comments ("(UTC)", "(PST)") are dropped first: Date.parse reads no comment.
  const text = (value.includes("(") ? value.replace(/\([^)]*\)/g, "") : value).trim();
  const time = rfc5322Time(text) ?? Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString().replace(".000Z", "Z");
}
