import { describe, expect, it } from 'vitest';
import {
  checkCsvRows,
  csvHeaderIssues,
  metricTrend,
  parseValueText,
  planValueChanges,
  recentWeeks,
  resolveValueRows,
  unitMinimum,
  weekProblem,
  type MetricRef,
} from './metrics.rules.js';

const metrics: MetricRef[] = [
  { id: 'm1', key: 'contact_submit', archived: false },
  { id: 'm2', key: 'quickstart_complete', archived: false },
  { id: 'm3', key: 'old_metric', archived: true },
];
const byKey = (key: string) => metrics.find((m) => m.key === key);
const today = '2026-03-11'; // a Wednesday

describe('weeks', () => {
  it('lists the recent weeks oldest first, ending with the current week', () => {
    expect(recentWeeks(today, 3)).toEqual(['2026-02-23', '2026-03-02', '2026-03-09']);
    expect(recentWeeks('2026-03-09', 1)).toEqual(['2026-03-09']);
  });

  it('refuses a week that has not started, with a day of slack for time zones', () => {
    expect(weekProblem('2026-03-09', today)).toBeNull();
    expect(weekProblem('2026-03-16', today)).toMatch(/not started/);
    expect(weekProblem('2026-03-16', '2026-03-15')).toBeNull(); // Sunday here, Monday for a client east of us
  });
});

describe('values', () => {
  it('parses numbers as people type them and refuses the rest', () => {
    expect(parseValueText('1234')).toEqual({ value: 1234 });
    expect(parseValueText(' 1,234 ')).toEqual({ value: 1234 });
    expect(parseValueText('1,234,567.5')).toEqual({ value: 1_234_567.5 });
    expect(parseValueText('-3.25')).toEqual({ value: -3.25 });
    expect(parseValueText('.5')).toEqual({ value: 0.5 });
    expect(parseValueText('')).toEqual({ error: 'Value is missing' });
    expect(parseValueText('12,34')).toMatchObject({ error: expect.stringMatching(/Not a number/) });
    expect(parseValueText('abc')).toMatchObject({ error: expect.stringMatching(/Not a number/) });
    expect(parseValueText('NaN')).toMatchObject({ error: expect.any(String) });
    expect(parseValueText('Infinity')).toMatchObject({ error: expect.any(String) });
    expect(parseValueText('1e13')).toMatchObject({ error: expect.stringMatching(/At most/) });
  });
});

describe('trend and target', () => {
  it('compares the latest week with the one before and with the target, in the metric’s direction', () => {
    const points = [
      { week: '2026-03-09', value: 120 },
      { week: '2026-02-23', value: 80 },
      { week: '2026-03-02', value: 100 },
    ];
    expect(metricTrend(points, 150, 'UP')).toEqual({
      latest: { week: '2026-03-09', value: 120 },
      previous: { week: '2026-03-02', value: 100 },
      change: 20,
      changeRatio: 0.2,
      improving: true,
      target: { gap: -30, ratio: 0.8, met: false },
    });
    const down = metricTrend(points, 150, 'DOWN');
    expect(down.improving).toBe(false);
    expect(down.target).toEqual({ gap: -30, ratio: 0.8, met: true });
    expect(metricTrend(points, 120, 'UP').target?.met).toBe(true);
  });

  it('has no change when the week before the latest has no value, and no target without one', () => {
    const gap = metricTrend([{ week: '2026-02-23', value: 5 }, { week: '2026-03-09', value: 9 }], null, 'UP');
    expect(gap).toMatchObject({ latest: { value: 9 }, previous: null, change: null, changeRatio: null, improving: null, target: null });
    expect(metricTrend([], 10, 'UP')).toMatchObject({ latest: null, target: null });
    const fromZero = metricTrend([{ week: '2026-03-02', value: 0 }, { week: '2026-03-09', value: 4 }], 0, 'UP');
    expect(fromZero).toMatchObject({ change: 4, changeRatio: null, target: { gap: 4, ratio: null, met: true } });
  });
});

describe('a minimum from the unit', () => {
  it('counts and shares cannot go below 0; other units have no minimum', () => {
    for (const unit of ['events', 'Events', ' clicks ', 'users', 'sign-ups', '%', 'count']) expect(unitMinimum(unit), unit).toBe(0);
    for (const unit of ['', 'USD', '€', 'points', 'NPS', 'delta']) expect(unitMinimum(unit), unit).toBeNull();
  });

  it('a value below the minimum is refused on its row; 0 and a metric without one are fine', () => {
    const refs = new Map([
      ['contact_submit', { id: 'm1', key: 'contact_submit', archived: false, min: 0 }],
      ['nps', { id: 'm3', key: 'nps', archived: false, min: null }],
    ]);
    const { values, issues } = resolveValueRows(
      [
        { metric: 'contact_submit', week: '2026-03-02', value: -5 },
        { metric: 'contact_submit', week: '2026-02-23', value: 0 },
        { metric: 'nps', week: '2026-03-02', value: -5 },
      ],
      (key) => refs.get(key),
      today,
    );
    expect(issues).toEqual([{ index: 0, field: 'value', message: 'Must be at least 0: "contact_submit" counts in a unit that cannot go below it' }]);
    expect(values.map((v) => [v.metricKey, v.value])).toEqual([
      ['contact_submit', 0],
      ['nps', -5],
    ]);
  });
});

describe('checking rows', () => {
  it('resolves keys, normalises weeks and reports unknown, archived, future and duplicate rows', () => {
    const { values, issues } = resolveValueRows(
      [
        { metric: 'contact_submit', week: '2026-03-04', value: 3 },
        { metric: 'nope', week: '2026-03-02', value: 1 },
        { metric: 'old_metric', week: '2026-03-02', value: 1 },
        { metric: 'quickstart_complete', week: '2026-03-30', value: 1 },
        { metric: 'contact_submit', week: '2026-03-02', value: 4 },
        { metric: 'quickstart_complete', week: '2026-02-31', value: 1 },
        { metric: 'quickstart_complete', week: '2026-03-02', value: null },
      ],
      byKey,
      today,
    );
    expect(values).toEqual([
      { index: 0, metricId: 'm1', metricKey: 'contact_submit', week: '2026-03-04', weekStart: '2026-03-02', value: 3 },
      { index: 6, metricId: 'm2', metricKey: 'quickstart_complete', week: '2026-03-02', weekStart: '2026-03-02', value: null },
    ]);
    expect(issues).toEqual([
      { index: 1, field: 'metric', message: 'Unknown metric "nope"' },
      { index: 2, field: 'metric', message: 'The metric "old_metric" is archived' },
      { index: 3, field: 'week', message: 'This week has not started yet' },
      { index: 4, field: 'week', message: 'Same metric and week (2026-03-02) as row 1' },
      { index: 5, field: 'week', message: 'Not a date (YYYY-MM-DD): "2026-02-31"' },
    ]);
  });

  it('checks a CSV: missing columns, then every row numbered from 1 after the header', () => {
    expect(csvHeaderIssues(['Metric', 'week'])).toEqual(['Missing column "value"']);
    expect(csvHeaderIssues(['metric', 'week', 'value', 'note'])).toEqual([]);
    const ok = checkCsvRows(
      [
        { metric: 'Contact_Submit', week: '2026-03-02', value: '1,200' },
        { metric: 'quickstart_complete', week: '2026-03-08', value: '7' },
      ],
      byKey,
      today,
    );
    expect(ok.issues).toEqual([]);
    expect(ok.values.map((v) => [v.metricKey, v.weekStart, v.value])).toEqual([
      ['contact_submit', '2026-03-02', 1200],
      ['quickstart_complete', '2026-03-02', 7],
    ]);
    const bad = checkCsvRows(
      [
        { metric: 'contact_submit', week: '2026-03-02', value: '' },
        { metric: 'contact_submit', week: 'last week', value: 'many' },
        { metric: '', week: '2026-03-02', value: '1' },
      ],
      byKey,
      today,
    );
    expect(bad.issues).toEqual([
      { row: 1, field: 'value', message: 'Value is missing' },
      { row: 2, field: 'week', message: 'Not a date (YYYY-MM-DD): "last week"' },
      { row: 2, field: 'value', message: 'Not a number: "many"' },
      { row: 3, field: 'metric', message: 'Metric is missing' },
    ]);
    expect(bad.values).toEqual([]);
  });
});

describe('what a write changes', () => {
  it('writes only new, changed and deleted values; the rest is unchanged', () => {
    const stored = [
      { metricId: 'm1', weekStart: '2026-03-02', value: 3 },
      { metricId: 'm1', weekStart: '2026-02-23', value: 5 },
      { metricId: 'm2', weekStart: '2026-03-02', value: 1 },
    ];
    const { changes, unchanged } = planValueChanges(
      [
        { metricId: 'm1', weekStart: '2026-03-02', value: 3 },
        { metricId: 'm1', weekStart: '2026-02-23', value: 6 },
        { metricId: 'm2', weekStart: '2026-03-02', value: null },
        { metricId: 'm2', weekStart: '2026-02-23', value: null },
        { metricId: 'm2', weekStart: '2026-03-09', value: 0 },
      ],
      stored,
    );
    expect(unchanged).toBe(2);
    expect(changes).toEqual([
      { metricId: 'm1', weekStart: '2026-02-23', from: 5, to: 6 },
      { metricId: 'm2', weekStart: '2026-03-02', from: 1, to: null },
      { metricId: 'm2', weekStart: '2026-03-09', from: null, to: 0 },
    ]);
  });
});
