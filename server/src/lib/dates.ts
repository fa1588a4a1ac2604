// Calendar dates travel as 'YYYY-MM-DD' strings and are stored as PostgreSQL DATE (midnight UTC in
// JavaScript), so no time zone can move a due date by a day.
const DAY_MS = 86_400_000;

export type IsoDate = string;

export function toIsoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function fromIsoDate(iso: IsoDate): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return toIsoDate(new Date(fromIsoDate(iso).getTime() + days * DAY_MS));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((fromIsoDate(to).getTime() - fromIsoDate(from).getTime()) / DAY_MS);
}

/** The Monday that starts the ISO week of a date (weeks run Monday to Sunday): the one "week of" helper. */
export function weekStartOf(iso: IsoDate): IsoDate {
  const weekday = fromIsoDate(iso).getUTCDay(); // 0 = Sunday
  return addDays(iso, -((weekday + 6) % 7));
}

export const isMonday = (iso: IsoDate) => weekStartOf(iso) === iso;

/** Today's calendar date where the server runs. */
export function localToday(now: Date = new Date()): IsoDate {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}
