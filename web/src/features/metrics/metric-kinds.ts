import i18n from '../../lib/i18n';
import type { RouterOutputs } from '../../lib/trpc';

export type MetricsList = RouterOutputs['metrics']['list'];
export type MetricView = MetricsList['metrics'][number];

/** A value in the reader's language: 1,234.5 / 1,234.5 (zh uses the same grouping). */
export function formatValue(value: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2, ...options }).format(value);
}

/** The metric's value in each week, by Monday. */
export const valuesByWeek = (metric: MetricView) => new Map(metric.values.map((v) => [v.week, v.value]));
