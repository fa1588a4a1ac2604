// Kept apart from weeks.ts: a route's params check (in the first page's bundle) needs only this.

/** A 'YYYY-MM-DD' calendar date as midnight UTC, or null if the string is not a real date. */
export function parseIsoDate(iso: string): Date | null {
  const d = new Date(`${iso}T00:00:00Z`);
  // Date rolls 2026-02-30 over to March: a real date reads back as written.
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(+d) && d.toISOString().startsWith(iso) ? d : null;
}

/** Whether a string is a real calendar date written 'YYYY-MM-DD'. */
export const isIsoDate = (iso: string) => parseIsoDate(iso) !== null;
