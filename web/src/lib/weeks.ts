// Week arithmetic on calendar dates ('YYYY-MM-DD'), as the server stores them: weeks start on Monday
// (ISO 8601). Plain UTC date maths, so the reader's time zone cannot shift a day.

/** A 'YYYY-MM-DD' calendar date as midnight UTC, or null if the string is not a real date. */
function parse(iso: string): Date | null {
  const d = new Date(`${iso}T00:00:00Z`);
  // Date rolls 2026-02-30 over to March: a real date reads back as written.
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(+d) && d.toISOString().startsWith(iso) ? d : null;
}

/** Whether a string is a real calendar date written 'YYYY-MM-DD'. */
export const isIsoDate = (iso: string) => parse(iso) !== null;

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
