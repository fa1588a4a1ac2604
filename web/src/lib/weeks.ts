// Week arithmetic on calendar dates ('YYYY-MM-DD'), as the server stores them: weeks start on Monday
// (ISO 8601). Plain UTC date maths, so the reader's time zone cannot shift a day.
import { parseIsoDate as parse } from './iso-date';

export { isIsoDate } from './iso-date';

/** The Monday that starts the week of a 'YYYY-MM-DD' date, or null if it is not one. */
export function mondayOf(iso: string): string | null {
  const d = parse(iso);
  if (!d) return null;
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** The first Monday after a date (a week later if the date is itself a Monday), or null. */
export function nextMonday(iso: string): string | null {
  const d = parse(iso);
  if (!d) return null;
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7));
  return d.toISOString().slice(0, 10);
}
