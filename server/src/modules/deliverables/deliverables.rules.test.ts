import { describe, expect, it } from 'vitest';
import { completedAtAfter, deliverableProgress } from './deliverables.rules.js';

describe('deliverableProgress', () => {
  it('counts done of the deliverables that were not dropped', () => {
    const p = deliverableProgress(
      [
        { status: 'DONE', dueDate: null },
        { status: 'DONE', dueDate: '2026-01-01' },
        { status: 'DROPPED', dueDate: '2026-01-01' },
        { status: 'IN_PROGRESS', dueDate: '2026-01-01' },
        { status: 'NOT_STARTED', dueDate: '2027-01-01' },
      ],
      '2026-03-10',
    );
    expect(p).toEqual({ done: 2, total: 4, dropped: 1, overdue: 1 });
  });
  it('is zero of zero for an empty phase', () => {
    expect(deliverableProgress([], '2026-03-10')).toEqual({ done: 0, total: 0, dropped: 0, overdue: 0 });
  });
});

describe('completedAtAfter', () => {
  const now = new Date('2026-03-10T10:00:00Z');
  const earlier = new Date('2026-03-01T10:00:00Z');
  it('stamps on entering DONE, keeps it while DONE, clears on leaving', () => {
    expect(completedAtAfter({ status: 'IN_PROGRESS', completedAt: null }, 'DONE', now)).toBe(now);
    expect(completedAtAfter({ status: 'DONE', completedAt: earlier }, 'DONE', now)).toBe(earlier);
    expect(completedAtAfter({ status: 'DONE', completedAt: earlier }, 'IN_PROGRESS', now)).toBeNull();
  });
});
