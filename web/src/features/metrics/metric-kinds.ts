import dayjs from 'dayjs';
import i18n from '../../lib/i18n';
import type { RouterOutputs } from '../../lib/trpc';

export type MetricsList = RouterOutputs['metrics']['list'];
export type MetricView = MetricsList['metrics'][number];

/** The Monday that starts the ISO week of a 'YYYY-MM-DD' date (as the server stores it), or null. */
export function weekStartOf(iso: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = dayjs(iso);
  if (!d.isValid() || d.format('YYYY-MM-DD') !== iso) return null;
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
}

/** A value in the reader's language: 1,234.5 / 1,234.5 (zh uses the same grouping). */
export function formatValue(value: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2, ...options }).format(value);
}

/** The metric's value in each week, by Monday. */
export const valuesByWeek = (metric: MetricView) => new Map(metric.values.map((v) => [v.week, v.value]));
