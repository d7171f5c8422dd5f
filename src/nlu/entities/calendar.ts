/** Calendar arithmetic on the UTC calendar day of `now`, so results do not depend on the server's zone. */

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function utcDay(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month, day));
}

export function addDays(now: Date, days: number): Date {
  return utcDay(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days);
}

/** The Monday starting the week `weeksBack` weeks before the current one. */
export function startOfWeek(now: Date, weeksBack: number): Date {
  const sinceMonday = (now.getUTCDay() + 6) % 7;
  return addDays(now, -sinceMonday - 7 * weeksBack);
}

export function startOfMonth(now: Date, monthsBack: number): Date {
  return utcDay(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1);
}

export function startOfYear(now: Date, yearsBack: number): Date {
  return utcDay(now.getUTCFullYear() - yearsBack, 0, 1);
}

/** The same day `months` months earlier, clamped to the month's end (31 March − 1 month = 28 Feb). */
export function monthsAgo(now: Date, months: number): Date {
  const first = utcDay(now.getUTCFullYear(), now.getUTCMonth() - months, 1);
  const lastDay = utcDay(first.getUTCFullYear(), first.getUTCMonth() + 1, 0).getUTCDate();
  return utcDay(first.getUTCFullYear(), first.getUTCMonth(), Math.min(now.getUTCDate(), lastDay));
}
