import { describe, expect, it } from 'vitest';
import { blankPhases, phaseWindow, planTimeline, shiftDate } from './plans.rules.js';

describe('planTimeline', () => {
  const start = '2026-02-23';

  it('ends 180 days after the start, as the launch plan says (2026-08-22)', () => {
    expect(planTimeline(start, 180, start).endDate).toBe('2026-08-22');
  });

  it('counts days inside the plan', () => {
    expect(planTimeline(start, 180, '2026-04-11')).toMatchObject({ state: 'inside', day: 47 });
    expect(planTimeline(start, 180, start)).toMatchObject({ state: 'inside', day: 0 });
    expect(planTimeline(start, 180, '2026-08-22')).toMatchObject({ state: 'inside', day: 180 });
  });

  it('says how long until a plan starts', () => {
    expect(planTimeline(start, 180, '2026-02-11')).toMatchObject({ state: 'before', daysUntilStart: 12, day: 0 });
  });

  it('says how long ago a plan ended', () => {
    expect(planTimeline(start, 180, '2026-11-26')).toMatchObject({ state: 'after', daysSinceEnd: 96, day: 180 });
  });
});

describe('phaseWindow', () => {
  it('turns day offsets into dates and places today', () => {
    expect(phaseWindow('2026-02-23', 0, 30, '2026-03-01')).toEqual({ startDate: '2026-02-23', endDate: '2026-03-25', state: 'inside' });
    expect(phaseWindow('2026-02-23', 31, 90, '2026-03-25')).toMatchObject({ startDate: '2026-03-26', state: 'before' });
    expect(phaseWindow('2026-02-23', 91, 180, '2026-09-01')).toMatchObject({ endDate: '2026-08-22', state: 'after' });
  });
});

describe('shiftDate', () => {
  it('keeps the distance from the start', () => {
    expect(shiftDate('2026-03-25', '2026-02-23', '2026-08-24')).toBe('2026-09-23');
    expect(shiftDate(null, '2026-02-23', '2026-08-24')).toBeNull();
  });
});

describe('blankPhases', () => {
  it('covers the whole plan without gaps', () => {
    const phases = blankPhases(180);
    expect(phases.map((p) => [p.startDay, p.endDay])).toEqual([[0, 30], [31, 90], [91, 180]]);
  });
});
