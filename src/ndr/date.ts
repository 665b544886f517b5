/**
 * Dates as mail writes them (RFC 5322 3.3, "Thu, 27 Nov 2026 10:00:00 +0000"), to ISO
 * 8601 in UTC. The common form is read directly: V8's Date.parse, which reads it too,
 * costs microseconds a call. Anything else (zone names, two-digit years, other
 * layouts) goes to Date.parse, so the result is the same as Date.parse's.
 */

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };

/** [day-of-week ","] day month year hh:mm[:ss] (+hhmm | -hhmm | GMT | UT | UTC | Z), nothing after. */
const RFC5322_DATE = /^(?:[A-Za-z]{3},?[ \t]{1,8})?(\d{1,2})[ \t]{1,8}([A-Za-z]{3})[ \t]{1,8}(\d{4})[ \t]{1,8}(\d{2}):(\d{2})(?::(\d{2}))?[ \t]{0,8}(?:([+-])(\d{2})(\d{2})|GMT|UTC?|Z)$/;

/** Milliseconds since the epoch of an RFC 5322 date in its common form, or null when it is not in that form. */
export function readCommonForm(value: string): number | null {
  const match = RFC5322_DATE.exec(value);
  if (!match) return null;
  const [, day, monthName, year, hour, minute, second, sign, zoneHours, zoneMinutes] = match;
  const month = MONTHS[monthName.toLowerCase()];
  // Out-of-range fields are left to Date.parse, which decides what they mean.
  if (month === undefined || Number(year) < 1000 || Number(day) < 1 || Number(day) > 31 || Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return null;
  if (sign && (Number(zoneHours) > 23 || Number(zoneMinutes) > 59)) return null;
  const offset = sign ? (sign === "-" ? -1 : 1) * (Number(zoneHours) * 60 + Number(zoneMinutes)) : 0;
  const local = Date.UTC(Number(year), month, Number(day), Number(hour), Number(minute), Number(second ?? 0));
  return local - offset * 60_000;
}

/** The date as ISO 8601 in UTC ("2026-11-27T10:00:00Z"), or null when it is no date. Comments are ignored. */
export function toIsoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const cleaned = (value.includes("(") ? value.replace(/\([^)]*\)/g, "") : value).trim();
  const time = readCommonForm(cleaned) ?? Date.parse(cleaned);
  return Number.isNaN(time) ? null : new Date(time).toISOString().replace(".000Z", "Z");
}
