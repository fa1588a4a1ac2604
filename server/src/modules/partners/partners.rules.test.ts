import { describe, expect, it } from 'vitest';
import type { PartnerStage } from './partners.schema.js';
import { computeFunnel, hasReachedPoc, isNextStepOverdue, mayEditPartner, median, stageMoveProblem, type FunnelTransition } from './partners.rules.js';

const at = (iso: string) => new Date(`${iso}T12:00:00.000Z`);
const moves = (partnerId: string, steps: [string, PartnerStage, string?][]): FunnelTransition[] =>
  steps.map(([day, to, reason], i) => ({ partnerId, from: i === 0 ? null : steps[i - 1]![1], to, at: at(day), reason: reason ?? null }));

// Computed by hand:
// A hosted:   Jan 05 LEAD, Jan 15 QUALIFIED, Feb 04 POC, Mar 06 PAID_TRIAL     stays L10 Q20 P30
// B hosted:   Jan 20 LEAD, Jan 25 POC (skips Q), Feb 04 back to QUALIFIED, Feb 14 LOST   stays L5 P10 Q10
// C platform: Feb 01 created at QUALIFIED (skips L), Feb 11 LOST                stays Q10
// D platform: Feb 10 LEAD, Feb 12 PAID (skips Q, P, PT)                         stays L2
// E archived: not among the partners, so ignored.
const partners = [
  { id: 'A', track: 'HOSTED' as const },
  { id: 'B', track: 'HOSTED' as const },
  { id: 'C', track: 'PLATFORM' as const },
  { id: 'D', track: 'PLATFORM' as const },
];
const transitions = [
  ...moves('A', [['2026-01-05', 'LEAD'], ['2026-01-15', 'QUALIFIED'], ['2026-02-04', 'POC'], ['2026-03-06', 'PAID_TRIAL']]),
  ...moves('B', [['2026-01-20', 'LEAD'], ['2026-01-25', 'POC'], ['2026-02-04', 'QUALIFIED', 'Scope reset'], ['2026-02-14', 'LOST', 'No budget']]),
  ...moves('C', [['2026-02-01', 'QUALIFIED'], ['2026-02-11', 'LOST', '  no BUDGET ']]),
  ...moves('D', [['2026-02-10', 'LEAD'], ['2026-02-12', 'PAID']]),
  ...moves('E', [['2026-01-01', 'LEAD'], ['2026-01-02', 'PAID']]),
].reverse(); // order of the input must not matter

describe('computeFunnel', () => {
  const funnel = computeFunnel(partners, transitions, '2026-03-31');

  it('counts a stage as reached when any transition went to it or beyond (skips, backward moves and LOST included)', () => {
    expect(funnel.partners).toBe(4);
    expect(funnel.reached).toEqual({ LEAD: 4, QUALIFIED: 4, POC: 3, PAID_TRIAL: 2, PAID: 1 });
    expect(funnel.conversions).toEqual([
      { from: 'LEAD', to: 'QUALIFIED', reached: 4, converted: 4, rate: 1 },
      { from: 'QUALIFIED', to: 'POC', reached: 4, converted: 3, rate: 0.75 },
      { from: 'POC', to: 'PAID_TRIAL', reached: 3, converted: 2, rate: 2 / 3 },
      { from: 'PAID_TRIAL', to: 'PAID', reached: 2, converted: 1, rate: 0.5 },
    ]);
  });

  it('groups cohorts by the month a partner entered the funnel', () => {
    expect(funnel.cohorts.map((c) => [c.month, c.partners, c.reached])).toEqual([
      ['2026-01', 2, { LEAD: 2, QUALIFIED: 2, POC: 2, PAID_TRIAL: 1, PAID: 0 }],
      ['2026-02', 2, { LEAD: 2, QUALIFIED: 2, POC: 1, PAID_TRIAL: 1, PAID: 1 }],
    ]);
    expect(funnel.cohorts[0]!.conversions.map((c) => c.rate)).toEqual([1, 1, 0.5, 0]);
    expect(funnel.cohorts[1]!.conversions.map((c) => c.rate)).toEqual([1, 0.5, 1, 1]);
  });

  it('takes the median of closed stays in each stage and leaves open ones out', () => {
    expect(funnel.daysInStage).toEqual([
      { stage: 'LEAD', medianDays: 5, samples: 3 }, // 10, 5, 2
      { stage: 'QUALIFIED', medianDays: 10, samples: 3 }, // 20, 10, 10
      { stage: 'POC', medianDays: 20, samples: 2 }, // 30, 10
      { stage: 'PAID_TRIAL', medianDays: null, samples: 0 }, // A is still there
      { stage: 'PAID', medianDays: null, samples: 0 },
    ]);
  });

  it('counts lost reasons case-insensitively, keeping the first spelling', () => {
    expect(funnel.lostReasons).toEqual([{ reason: 'No budget', count: 2 }]);
  });

  it('reports the plan targets as numbers', () => {
    expect(funnel.targets).toEqual([
      { key: 'hostedPoc', phase: 'B', count: 2, target: 3, met: false }, // A, B
      { key: 'paidTrial', phase: null, count: 2, target: 1, met: true }, // A, D
      { key: 'platformDesignPartners', phase: 'C', count: 1, target: 3, met: false }, // D (C never reached POC)
    ]);
  });

  it('sees only transitions up to the end of asOf', () => {
    const feb = computeFunnel(partners, transitions, '2026-02-28');
    expect(feb.reached).toEqual({ LEAD: 4, QUALIFIED: 4, POC: 3, PAID_TRIAL: 1, PAID: 1 });
    expect(feb.daysInStage[2]).toEqual({ stage: 'POC', medianDays: 10, samples: 1 }); // A's PoC stay is open then
    const jan = computeFunnel(partners, transitions, '2026-01-10');
    expect(jan.partners).toBe(1);
    expect(jan.conversions[0]).toEqual({ from: 'LEAD', to: 'QUALIFIED', reached: 1, converted: 0, rate: 0 });
    expect(jan.conversions[1]!.rate).toBeNull();
  });

  it('is empty without transitions', () => {
    const empty = computeFunnel([], [], '2026-03-01');
    expect(empty.partners).toBe(0);
    expect(empty.conversions.every((c) => c.rate === null)).toBe(true);
    expect(empty.cohorts).toEqual([]);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('stageMoveProblem', () => {
  it('lets a partner move forward, skipping stages, without a reason', () => {
    expect(stageMoveProblem('LEAD', 'QUALIFIED', undefined)).toBeNull();
    expect(stageMoveProblem('LEAD', 'PAID', undefined)).toBeNull();
  });
  it('needs a reason to move backwards, to LOST, or out of LOST', () => {
    expect(stageMoveProblem('POC', 'QUALIFIED', undefined)).toBe('reason_required');
    expect(stageMoveProblem('POC', 'QUALIFIED', '   ')).toBe('reason_required');
    expect(stageMoveProblem('POC', 'QUALIFIED', 'Champion left')).toBeNull();
    expect(stageMoveProblem('LEAD', 'LOST', null)).toBe('reason_required');
    expect(stageMoveProblem('PAID', 'LOST', 'Churned')).toBeNull();
    expect(stageMoveProblem('LOST', 'PAID', undefined)).toBe('reason_required');
    expect(stageMoveProblem('LOST', 'LEAD', 'Back in budget')).toBeNull();
  });
  it('refuses a move to the same stage', () => {
    expect(stageMoveProblem('POC', 'POC', 'x')).toBe('same_stage');
  });
});

describe('hasReachedPoc', () => {
  it('is true once any transition went to POC or beyond, even if since lost', () => {
    expect(hasReachedPoc([{ to: 'LEAD' }, { to: 'QUALIFIED' }])).toBe(false);
    expect(hasReachedPoc([{ to: 'LEAD' }, { to: 'LOST' }])).toBe(false);
    expect(hasReachedPoc([{ to: 'LEAD' }, { to: 'POC' }, { to: 'LOST' }])).toBe(true);
    expect(hasReachedPoc([{ to: 'PAID' }])).toBe(true);
  });
});

describe('mayEditPartner', () => {
  const partner = { ownerId: 'u-sales' };
  it('lets sales edit the partners they own only', () => {
    expect(mayEditPartner({ userId: 'u-sales', role: 'sales' }, partner)).toBe(true);
    expect(mayEditPartner({ userId: 'u-other', role: 'sales' }, partner)).toBe(false);
  });
  it('lets leadership and admins edit any partner', () => {
    expect(mayEditPartner({ userId: 'x', role: 'leadership' }, partner)).toBe(true);
    expect(mayEditPartner({ userId: 'x', role: 'admin' }, partner)).toBe(true);
  });
  it('gives pm and viewers read access only, even as the owner on record', () => {
    expect(mayEditPartner({ userId: 'u-sales', role: 'pm' }, partner)).toBe(false);
    expect(mayEditPartner({ userId: 'u-sales', role: 'viewer' }, partner)).toBe(false);
  });
});

describe('isNextStepOverdue', () => {
  it('is overdue when the due date is before today, unless lost', () => {
    expect(isNextStepOverdue('2026-03-09', 'POC', '2026-03-10')).toBe(true);
    expect(isNextStepOverdue('2026-03-10', 'POC', '2026-03-10')).toBe(false);
    expect(isNextStepOverdue(null, 'POC', '2026-03-10')).toBe(false);
    expect(isNextStepOverdue('2026-03-01', 'LOST', '2026-03-10')).toBe(false);
  });
});
