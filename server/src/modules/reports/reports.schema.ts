// Shared with the web: imports only zod.
import { z } from 'zod';

/** A calendar month, YYYY-MM. */
export const reportMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use YYYY-MM');
export const reportMonthInput = z.object({ month: reportMonth });
