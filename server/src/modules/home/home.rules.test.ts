import { describe, expect, it } from 'vitest';
import { currentPhase, deliverablesDue, weekOf } from './home.rules.js';

describe('weekOf', () => {
  it('runs Monday to Sunday around any day of the week', () => {
    expect(weekOf('2026-03-10')).toEqual({ start: '2026-03-09', end: '2026-03-15' }); // a Tuesday
    expect(weekOf('2026-03-09')).toEqual({ start: '2026-03-09', end: '2026-03-15' }); // the Monday
    expect(weekOf('2026-03-15')).toEqual({ start: '2026-03-09', end: '2026-03-15' }); // the Sunday
    expect(weekOf('2026-01-01')).toEqual({ start: '2025-12-29', end: '2026-01-04' }); // across a year
  });
});

describe('currentPhase', () => {
  const phases = [
    { key: 'A', name: 'Foundations', startDate: '2026-02-23', endDate: '2026-03-25', state: 'inside' as const },
    { key: 'B', name: 'Pilots', startDate: '2026-03-26', endDate: '2026-05-24', state: 'before' as const },
  ];

  it('names the phase today is in and the days left after today', () => {
    expect(currentPhase(phases, '2026-03-10')).toEqual({ key: 'A', name: 'Foundations', endDate: '2026-03-25', daysLeft: 15 });
    expect(currentPhase(phases, '2026-03-25')?.daysLeft).toBe(0);
  });

  it('is null before the plan starts and after it ends', () => {
    expect(currentPhase(phases.map((p) => ({ ...p, state: 'before' as const })), '2026-01-01')).toBeNull();
    expect(currentPhase(phases.map((p) => ({ ...p, state: 'after' as const })), '2026-12-01')).toBeNull();
  });
});

describe('deliverablesDue', () => {
  const today = '2026-03-10'; // Tuesday; the week is 9–15 March
  const d = (id: string, dueDate: string | null, status: 'NOT_STARTED' | 'IN_PROGRESS' | 'DONE' | 'DROPPED' = 'NOT_STARTED') => ({ id, dueDate, status });
  const items = [
    d('sunday', '2026-03-15'),
    d('today', '2026-03-10', 'IN_PROGRESS'),
    d('monday-open', '2026-03-09'),
    d('monday-done', '2026-03-09', 'DONE'),
    d('dropped', '2026-03-11', 'DROPPED'),
    d('last-week', '2026-03-02'),
    d('last-week-done', '2026-03-02', 'DONE'),
    d('last-week-dropped', '2026-03-02', 'DROPPED'),
    d('next-monday', '2026-03-16'),
    d('undated', null),
  ];

  it('lists the week by due date, done ones kept, dropped and overdue ones left out', () => {
    expect(deliverablesDue(items, today).dueThisWeek.map((x) => x.id)).toEqual(['monday-done', 'today', 'sunday']);
  });

  it('lists open deliverables due before today as overdue, oldest first', () => {
    expect(deliverablesDue(items, today).overdue.map((x) => x.id)).toEqual(['last-week', 'monday-open']);
  });

  it('is empty when nothing is dated', () => {
    expect(deliverablesDue([d('undated', null)], today)).toEqual({ dueThisWeek: [], overdue: [] });
  });
});
