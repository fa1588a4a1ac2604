import { describe, expect, it } from 'vitest';
import { gateRunStats, kpiMonth, monthRange } from './reports.rules.js';

describe('monthRange', () => {
  it('runs from the first of the month to the first of the next, across a year end', () => {
    expect(monthRange('2026-04')).toEqual({ from: '2026-04-01', to: '2026-05-01' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
  });
});

describe('gateRunStats', () => {
  const run = (capturedOn: string, result: 'PASSED' | 'FAILED' | null) => ({ gateTitle: null, title: 't', capturedOn, result, url: 'https://ci.example' });

  it('counts passes and failures, the pass rate, the longest streak and the streak at the end, in date order', () => {
    const runs = [run('2026-04-05', 'PASSED'), run('2026-04-01', 'PASSED'), run('2026-04-02', 'PASSED'), run('2026-04-03', 'FAILED'), run('2026-04-04', 'PASSED'), run('2026-04-06', null)];
    expect(gateRunStats(runs)).toEqual({ total: 6, passed: 4, failed: 1, passRate: 0.8, longestPassStreak: 2, currentPassStreak: 2 });
  });

  it('has no pass rate without a decided run', () => {
    expect(gateRunStats([])).toEqual({ total: 0, passed: 0, failed: 0, passRate: null, longestPassStreak: 0, currentPassStreak: 0 });
  });
});

describe('kpiMonth', () => {
  const weeks = [
    { week: '2026-04-13', value: 12 },
    { week: '2026-04-06', value: 8 },
  ];
  it('counts the weeks on target for a metric that should rise, and one that should fall', () => {
    expect(kpiMonth({ key: 'k', name: 'K', unit: '', direction: 'UP', target: 10 }, weeks)).toMatchObject({ weeksOnTarget: 1, latest: 12, weeks: [{ week: '2026-04-06' }, { week: '2026-04-13' }] });
    expect(kpiMonth({ key: 'k', name: 'K', unit: 'ms', direction: 'DOWN', target: 10 }, weeks).weeksOnTarget).toBe(1);
    expect(kpiMonth({ key: 'k', name: 'K', unit: '', direction: 'UP', target: null }, weeks).weeksOnTarget).toBeNull();
  });
});
