// Weekly metric values without I/O: which Monday a date belongs to, what a value may be, trends against
// the target, and checking rows (CSV, HTTP push, grid) before anything is written.
import { addDays, weekStartOf, type IsoDate } from '../../lib/dates.js';
import { isoDate } from '../plans/plans.schema.js';
import { MAX_ABS_VALUE, metricImportColumns, type MetricDirection, type MetricImportColumn } from './metrics.schema.js';

/** The Mondays of the last `count` weeks, oldest first, ending with the week `today` falls in. */
export function recentWeeks(today: IsoDate, count: number): IsoDate[] {
  const current = weekStartOf(today);
  return Array.from({ length: count }, (_, i) => addDays(current, -7 * (count - 1 - i)));
}

/**
 * A week may be the current one or any before it. A week starting tomorrow is allowed too: a client a
 * time zone ahead already lives in it on Sunday evening here.
 */
export function weekProblem(weekStart: IsoDate, today: IsoDate): string | null {
  return weekStart > addDays(today, 1) ? 'This week has not started yet' : null;
}

/** A value as typed into a CSV cell: "1234", "1,234", "12.5", "-3". Blank, text, NaN and Infinity are refused. */
export function parseValueText(text: string): { value: number } | { error: string } {
  const cleaned = text.trim().replace(/[,_\s](?=\d{3}(\D|$))/g, '');
  if (cleaned === '') return { error: 'Value is missing' };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cleaned)) return { error: `Not a number: "${text.trim()}"` };
  return checkValue(Number(cleaned));
}

/** A value must be a finite number of sensible size. */
export function checkValue(value: number): { value: number } | { error: string } {
  if (!Number.isFinite(value)) return { error: 'Not a finite number' };
  if (Math.abs(value) > MAX_ABS_VALUE) return { error: `At most ${MAX_ABS_VALUE.toExponential()} in size` };
  return { value };
}

// ---- trend and target ----------------------------------------------------------------------------

export interface WeekValue {
  week: IsoDate;
  value: number;
}

export interface MetricTrend {
  latest: WeekValue | null;
  /** The week right before the latest one, if it has a value. */
  previous: WeekValue | null;
  change: number | null;
  /** Relative change; null when there is no previous value or it is zero. */
  changeRatio: number | null;
  /** Whether the change goes the way the metric should go (UP: rising, DOWN: falling); null: flat or unknown. */
  improving: boolean | null;
  target: {
    /** latest − target. */
    gap: number;
    /** latest ÷ target; null for a zero target. */
    ratio: number | null;
    met: boolean;
  } | null;
}

/** Whether a value meets a target, in the direction the metric should move. */
export const meetsTarget = (value: number, target: number, direction: MetricDirection) =>
  direction === 'UP' ? value >= target : value <= target;

/** The latest value, its change against the week before, and how it stands against the target. */
export function metricTrend(points: readonly WeekValue[], target: number | null, direction: MetricDirection): MetricTrend {
  const sorted = [...points].sort((a, b) => a.week.localeCompare(b.week));
  const latest = sorted.at(-1) ?? null;
  const previous = latest ? (sorted.find((p) => p.week === addDays(latest.week, -7)) ?? null) : null;
  const change = latest && previous ? latest.value - previous.value : null;
  return {
    latest,
    previous,
    change,
    changeRatio: change !== null && previous && previous.value !== 0 ? change / Math.abs(previous.value) : null,
    improving: change === null || change === 0 ? null : direction === 'UP' ? change > 0 : change < 0,
    target:
      latest && target !== null
        ? { gap: latest.value - target, ratio: target === 0 ? null : latest.value / target, met: meetsTarget(latest.value, target, direction) }
        : null,
  };
}

// ---- checking rows -------------------------------------------------------------------------------

export interface MetricRef {
  id: string;
  key: string;
  archived: boolean;
  /** The smallest value its unit allows (`unitMinimum`), or null. */
  min?: number | null;
}

/** Units that count things or give a share: their values are never below 0. */
const NON_NEGATIVE_UNIT =
  /^(#|%|percent|count|counts|times|events?|clicks?|visits?|visitors?|views?|page ?views?|users?|people|persons?|accounts?|customers?|partners?|leads?|sign-?ups?|signups|submissions?|downloads?|installs?|stars?|sessions?|requests?|calls?|meetings?|demos?|trials?|deals?|tickets?|messages?|emails?|posts?|articles?|mentions?|followers?|subscribers?|members?|seats?|quickstarts?|runs?|deploys?|deployments?)$/i;

/** The smallest value a metric in this unit can take: 0 for counts and shares; otherwise none (a balance, a change). */
export function unitMinimum(unit: string): number | null {
  return NON_NEGATIVE_UNIT.test(unit.trim()) ? 0 : null;
}

/** One value to write, as a caller sent it; `value: null` deletes (the grid only). */
export interface ValueRow {
  metric: string;
  week: string;
  value: number | null;
}

export interface ResolvedValue {
  /** Index of the row it came from. */
  index: number;
  metricId: string;
  metricKey: string;
  /** The date as sent. */
  week: IsoDate;
  /** The Monday of its week: what is stored. */
  weekStart: IsoDate;
  value: number | null;
}

export type ValueField = 'metric' | 'week' | 'value';

export interface RowIssue {
  /** Index into the rows checked (0-based). */
  index: number;
  field: ValueField;
  message: string;
}

/**
 * Checks rows against the known metrics: the metric exists and is not archived, the week is a date and
 * has started, and no two rows name the same metric and week (two dates of one week are the same week;
 * the later row is the duplicate). `metric` is looked up by `lookup` (a key or an id).
 */
export function resolveValueRows(
  rows: readonly ValueRow[],
  lookup: (metric: string) => MetricRef | undefined,
  today: IsoDate,
  describeRow: (index: number) => string = (index) => `row ${index + 1}`,
): { values: ResolvedValue[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const values: ResolvedValue[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const fail = (field: ValueField, message: string) => issues.push({ index, field, message });
    const before = issues.length;
    const metric = lookup(row.metric);
    if (!row.metric) fail('metric', 'Metric is missing');
    else if (!metric) fail('metric', `Unknown metric "${row.metric}"`);
    else if (metric.archived) fail('metric', `The metric "${metric.key}" is archived`);
    const weekOk = isoDate.safeParse(row.week).success;
    const weekStart = weekOk ? weekStartOf(row.week) : null;
    if (!row.week) fail('week', 'Week is missing');
    else if (!weekStart) fail('week', `Not a date (YYYY-MM-DD): "${row.week}"`);
    else {
      const problem = weekProblem(weekStart, today);
      if (problem) fail('week', problem);
    }
    if (row.value !== null) {
      const checked = checkValue(row.value);
      if ('error' in checked) fail('value', checked.error);
      else if (metric?.min != null && row.value < metric.min) fail('value', `Must be at least ${metric.min}: "${metric.key}" counts in a unit that cannot go below it`);
    }
    if (metric && weekStart) {
      const key = `${metric.id}:${weekStart}`;
      const first = seen.get(key);
      if (first !== undefined) fail('week', `Same metric and week (${weekStart}) as ${describeRow(first)}`);
      else seen.set(key, index);
    }
    if (issues.length === before && metric && weekStart) {
      values.push({ index, metricId: metric.id, metricKey: metric.key, week: row.week, weekStart, value: row.value });
    }
  });
  return { values, issues };
}

/** Column problems of a CSV header: the required columns it lacks. */
export function csvHeaderIssues(fields: readonly string[]): string[] {
  const present = new Set(fields.map((f) => f.trim().toLowerCase()));
  return metricImportColumns.filter((c) => !present.has(c)).map((c) => `Missing column "${c}"`);
}

export interface CsvRowIssue {
  /** 1-based data row: the first row after the header is row 1. */
  row: number;
  field: MetricImportColumn;
  message: string;
}

/**
 * Checks CSV records (`metric,week,value`, header names lower-cased): each value must parse as a
 * number, then the rows are resolved like any other. Rows are numbered from 1 after the header.
 */
export function checkCsvRows(
  records: readonly Record<string, string | undefined>[],
  lookup: (key: string) => MetricRef | undefined,
  today: IsoDate,
): { values: ResolvedValue[]; issues: CsvRowIssue[] } {
  const valueIssues: CsvRowIssue[] = [];
  const rows: ValueRow[] = records.map((record, index) => {
    const parsed = parseValueText(record.value ?? '');
    if ('error' in parsed) valueIssues.push({ row: index + 1, field: 'value', message: parsed.error });
    return { metric: (record.metric ?? '').trim(), week: (record.week ?? '').trim(), value: 'error' in parsed ? null : parsed.value };
  });
  const { values, issues } = resolveValueRows(rows, (key) => lookup(key.toLowerCase()), today);
  const all = [...valueIssues, ...issues.map((i) => ({ row: i.index + 1, field: i.field, message: i.message }))];
  all.sort((a, b) => a.row - b.row || metricImportColumns.indexOf(a.field) - metricImportColumns.indexOf(b.field));
  const unparsed = new Set(valueIssues.map((i) => i.row - 1));
  return { values: values.filter((v) => !unparsed.has(v.index)), issues: all };
}

// ---- what a write changes ------------------------------------------------------------------------

export interface StoredValue {
  metricId: string;
  weekStart: IsoDate;
  value: number;
}

export interface ValueChange {
  metricId: string;
  weekStart: IsoDate;
  from: number | null;
  to: number | null;
}

/**
 * Splits resolved rows into what changes (insert, update or delete) and what is already so: a value
 * equal to the stored one, or a delete of a week with no value. Only changes are written and audited,
 * which is what makes a repeated push idempotent.
 */
export function planValueChanges(rows: readonly Pick<ResolvedValue, 'metricId' | 'weekStart' | 'value'>[], stored: readonly StoredValue[]) {
  const current = new Map(stored.map((s) => [`${s.metricId}:${s.weekStart}`, s.value]));
  const changes: ValueChange[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const from = current.get(`${row.metricId}:${row.weekStart}`) ?? null;
    if (from === row.value) unchanged += 1;
    else changes.push({ metricId: row.metricId, weekStart: row.weekStart, from, to: row.value });
  }
  return { changes, unchanged };
}
