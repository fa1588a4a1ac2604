import { describe, expect, it } from 'vitest';
import { actionStatusProblem, editProblem, phaseStates, reviewWeekProblem } from './reviews.rules.js';

describe('reviewWeekProblem', () => {
  it('needs a Monday that is not in the future', () => {
    expect(reviewWeekProblem('2026-03-09', '2026-03-12')).toBeNull();
    expect(reviewWeekProblem('2026-03-10', '2026-03-12')).toBe('notMonday');
    expect(reviewWeekProblem('2026-03-16', '2026-03-12')).toBe('future');
  });
});

describe('editProblem', () => {
  it('refuses edits to a closed review only', () => {
    expect(editProblem({ status: 'DRAFT' })).toBeNull();
    expect(editProblem({ status: 'CLOSED' })).toMatch(/closed/);
  });
});

describe('actionStatusProblem', () => {
  const draft = { id: 'r2', status: 'DRAFT' as const, weekStart: '2026-03-09' };
  it('lets a later draft review close an item carried over', () => {
    expect(actionStatusProblem({ status: 'OPEN', reviewWeek: '2026-03-02', closedInReviewId: null }, draft, 'DONE')).toBeNull();
  });
  it('refuses changes from a closed review or from an earlier week', () => {
    expect(actionStatusProblem({ status: 'OPEN', reviewWeek: '2026-03-02', closedInReviewId: null }, { ...draft, status: 'CLOSED' }, 'DONE')).toMatch(/closed/);
    expect(actionStatusProblem({ status: 'OPEN', reviewWeek: '2026-03-16', closedInReviewId: null }, draft, 'DONE')).toMatch(/later review/);
  });
  it('reopens an item only in the review that closed it', () => {
    expect(actionStatusProblem({ status: 'DONE', reviewWeek: '2026-03-02', closedInReviewId: 'r2' }, draft, 'OPEN')).toBeNull();
    expect(actionStatusProblem({ status: 'DONE', reviewWeek: '2026-03-02', closedInReviewId: 'r1' }, draft, 'OPEN')).toMatch(/earlier review/);
  });
});

describe('phaseStates', () => {
  it('counts live deliverables and states each live gate with its suggestion', () => {
    const states = phaseStates(
      [
        {
          key: 'B',
          name: 'Validate',
          startDay: 31,
          deliverables: [
            { status: 'DONE', deletedAt: null },
            { status: 'IN_PROGRESS', deletedAt: null },
            { status: 'DROPPED', deletedAt: null },
            { status: 'DONE', deletedAt: new Date() },
          ],
          gates: [
            { id: 'g2', title: 'Second', status: 'ON_TRACK', deletedAt: null, position: 2 },
            { id: 'g1', title: 'First', status: 'PENDING', deletedAt: null, position: 1 },
            { id: 'g0', title: 'Gone', status: 'PENDING', deletedAt: new Date(), position: 0 },
          ],
        },
        { key: 'A', name: 'Prepare', startDay: 0, deliverables: [], gates: [] },
      ],
      new Map([['g1', { health: 'AT_RISK', criteriaMet: 1, criteriaTotal: 3 }]]),
    );
    expect(states).toEqual([
      { key: 'A', name: 'Prepare', deliverablesDone: 0, deliverablesTotal: 0, gates: [] },
      {
        key: 'B',
        name: 'Validate',
        deliverablesDone: 1,
        deliverablesTotal: 2,
        gates: [
          { id: 'g1', title: 'First', status: 'PENDING', suggested: 'AT_RISK', criteriaMet: 1, criteriaTotal: 3 },
          { id: 'g2', title: 'Second', status: 'ON_TRACK', suggested: 'ON_TRACK', criteriaMet: 0, criteriaTotal: 0 },
        ],
      },
    ]);
  });
});
