import { describe, expect, it } from 'vitest';
import { isIsoDate, mondayOf, nextMonday } from './weeks';

describe('mondayOf', () => {
  it('takes every day of a week back to its Monday', () => {
    // 2026-03-23 is a Monday; the Sunday after it still belongs to its week.
    for (const day of ['2026-03-23', '2026-03-24', '2026-03-26', '2026-03-28', '2026-03-29']) expect(mondayOf(day)).toBe('2026-03-23');
    expect(mondayOf('2026-03-30')).toBe('2026-03-30');
  });

  it('crosses month and year ends', () => {
    expect(mondayOf('2026-03-01')).toBe('2026-02-23');
    expect(mondayOf('2027-01-02')).toBe('2026-12-28');
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '26-03-23', '2026-3-23', '', 'next week']) expect(mondayOf(bad)).toBeNull();
  });
});

describe('nextMonday', () => {
  it('is the Monday after, a full week on from a Monday', () => {
    expect(nextMonday('2026-03-25')).toBe('2026-03-30');
    expect(nextMonday('2026-03-29')).toBe('2026-03-30');
    expect(nextMonday('2026-03-30')).toBe('2026-04-06');
    expect(nextMonday('2026-12-31')).toBe('2027-01-04');
  });

  it('refuses a bad date', () => {
    expect(nextMonday('2026-02-29')).toBeNull();
  });
});

describe('isIsoDate', () => {
  it('accepts leap days only in leap years', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
  });
});
