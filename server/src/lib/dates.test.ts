import { describe, expect, it } from 'vitest';
import { isMonday, weekStartOf } from './dates.js';

describe('weekStartOf', () => {
  it('normalises any day to the Monday of its ISO week', () => {
    expect(weekStartOf('2026-03-09')).toBe('2026-03-09'); // Monday
    expect(weekStartOf('2026-03-11')).toBe('2026-03-09'); // Wednesday
    expect(weekStartOf('2026-03-15')).toBe('2026-03-09'); // Sunday ends the ISO week
    expect(weekStartOf('2026-03-16')).toBe('2026-03-16');
    // Across a month and a year boundary: 2026-01-01 is a Thursday in ISO week 1, which starts in 2025.
    expect(weekStartOf('2026-03-01')).toBe('2026-02-23');
    expect(weekStartOf('2026-01-01')).toBe('2025-12-29');
    expect(weekStartOf('2024-02-29')).toBe('2024-02-26');
  });


  it('tells a Monday from the other days', () => {
    expect(isMonday('2026-03-09')).toBe(true);
    expect(isMonday('2026-03-15')).toBe(false); // Sunday
    expect(isMonday('2026-03-10')).toBe(false);
  });
});
