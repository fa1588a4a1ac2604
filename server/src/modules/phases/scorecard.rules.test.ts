import { describe, expect, it } from 'vitest';
import {
  burnUp,
  burnUpDates,
  deliverableActions,
  deliverableChange,
  exitReadiness,
  phaseDays,
  phaseHealth,
  phaseScorecard,
  scorecardCounts,
  type DeliverableChange,
  type ScorecardCounts,
  type ScorecardDeliverable,
  type ScorecardInput,
} from './scorecard.rules.js';
import { parseAuditEvents } from '../audit/audit-actions.schema.js';

// A ten-day phase, 1–10 March, seen on the 6th (5 days gone, 5 left, today included).
const P = 'phase-a';
const base: ScorecardInput = {
  phaseId: P,
  startDate: '2026-03-01',
  endDate: '2026-03-10',
  today: '2026-03-06',
  deliverables: [],
  gates: [],
  criteria: [],
  evidence: [],
  changes: [],
};
const deliverable = (id: string, fields: Partial<ScorecardDeliverable> = {}): ScorecardDeliverable => ({
  id,
  phaseId: P,
  status: 'NOT_STARTED',
  dueDate: '2026-03-10',
  completedOn: null,
  deletedOn: null,
  ...fields,
});
const counts = (over: { [K in keyof ScorecardCounts]?: Partial<ScorecardCounts[K]> } = {}): ScorecardCounts => ({
  deliverables: { done: 0, total: 0, dropped: 0, open: 0, overdue: 0, ...over.deliverables },
  gates: { passed: 0, total: 0, failed: 0, blocked: 0, atRisk: 0, overdue: 0, ...over.gates },
  criteria: { met: 0, total: 0, ...over.criteria },
  evidence: { broken: 0, total: 0, ...over.evidence },
});

describe('phaseDays', () => {
  it('counts both ends of the phase, and today as a day still left', () => {
    expect(phaseDays('2026-03-01', '2026-03-10', '2026-03-06')).toEqual({ state: 'inside', total: 10, elapsed: 5, left: 5, untilStart: 0, sinceEnd: 0 });
    expect(phaseDays('2026-03-01', '2026-03-10', '2026-03-01')).toMatchObject({ state: 'inside', elapsed: 0, left: 10 });
    expect(phaseDays('2026-03-01', '2026-03-10', '2026-03-10')).toMatchObject({ state: 'inside', elapsed: 9, left: 1 });
  });
  it('before the start nothing has elapsed; after the end nothing is left', () => {
    expect(phaseDays('2026-03-01', '2026-03-10', '2026-02-26')).toEqual({ state: 'before', total: 10, elapsed: 0, left: 10, untilStart: 3, sinceEnd: 0 });
    expect(phaseDays('2026-03-01', '2026-03-10', '2026-03-14')).toEqual({ state: 'after', total: 10, elapsed: 10, left: 0, untilStart: 0, sinceEnd: 4 });
  });
  it('phase A of the launch plan (days 0–30) has 31 days; on 10 March 15 are gone', () => {
    expect(phaseDays('2026-02-23', '2026-03-25', '2026-03-10')).toMatchObject({ total: 31, elapsed: 15, left: 16 });
  });
});

describe('scorecardCounts', () => {
  const input: ScorecardInput = {
    ...base,
    deliverables: [
      deliverable('d1', { status: 'DONE', completedOn: '2026-03-03' }),
      deliverable('d2', { status: 'IN_PROGRESS', dueDate: '2026-03-04' }), // overdue
      deliverable('d3', { status: 'NOT_STARTED', dueDate: '2026-03-06' }), // due today: not overdue
      deliverable('d4', { status: 'DROPPED', dueDate: '2026-03-02' }), // dropped: neither counted nor overdue
      deliverable('d5', { status: 'NOT_STARTED', deletedOn: '2026-03-05' }), // archived
      deliverable('d6', { status: 'DONE', phaseId: 'phase-b' }), // another phase
    ],
    gates: [
      { id: 'g1', status: 'PASSED', dueDate: '2026-03-10' },
      { id: 'g2', status: 'BLOCKED', dueDate: '2026-03-05' }, // overdue
      { id: 'g3', status: 'AT_RISK', dueDate: null },
      { id: 'g4', status: 'FAILED', dueDate: '2026-03-01' }, // decided: not overdue
    ],
    criteria: [
      { id: 'c1', gateId: 'g1', deliverableId: null, met: true },
      { id: 'c2', gateId: 'g2', deliverableId: null, met: false },
      { id: 'c3', gateId: null, deliverableId: 'd1', met: true },
      { id: 'c4', gateId: null, deliverableId: 'd4', met: false }, // of a dropped deliverable
    ],
    evidence: [
      { evidenceId: 'e1', health: 'BROKEN', targetType: 'gate', targetId: 'g1' },
      { evidenceId: 'e1', health: 'BROKEN', targetType: 'deliverable', targetId: 'd2' }, // same evidence twice
      { evidenceId: 'e2', health: 'HEALTHY', targetType: 'criterion', targetId: 'c2' },
      { evidenceId: 'e3', health: 'UNCHECKED', targetType: 'deliverable', targetId: 'd3' },
      { evidenceId: 'e4', health: 'BROKEN', targetType: 'deliverable', targetId: 'd4' }, // dropped deliverable
      { evidenceId: 'e5', health: 'BROKEN', targetType: 'criterion', targetId: 'c4' }, // its criterion
      { evidenceId: 'e6', health: 'BROKEN', targetType: 'partner', targetId: 'g1' }, // not a phase item
    ],
  };

  it('counts live deliverables of the phase, leaving dropped ones out of the total', () => {
    expect(scorecardCounts(input).deliverables).toEqual({ done: 1, total: 3, dropped: 1, open: 2, overdue: 1 });
  });
  it('counts gates by status, and overdue ones still open', () => {
    expect(scorecardCounts(input).gates).toEqual({ passed: 1, total: 4, failed: 1, blocked: 1, atRisk: 1, overdue: 1 });
  });
  it("counts gate and deliverable criteria, not a dropped deliverable's", () => {
    expect(scorecardCounts(input).criteria).toEqual({ met: 2, total: 3 });
  });
  it('counts distinct evidence on what still counts, broken or not', () => {
    expect(scorecardCounts(input).evidence).toEqual({ broken: 1, total: 3 });
  });
});

describe('phaseHealth', () => {
  const inside = phaseDays('2026-03-01', '2026-03-10', '2026-03-06'); // 50% elapsed, 5 days left
  const early = phaseDays('2026-03-01', '2026-03-10', '2026-03-02'); // 10% elapsed, 9 days left
  const after = phaseDays('2026-03-01', '2026-03-10', '2026-03-13');

  it('is on track with nothing wrong', () => {
    expect(phaseHealth(counts({ deliverables: { done: 3, total: 6, open: 3 } }), inside)).toEqual({ status: 'ON_TRACK', reasons: [] });
  });
  it('puts a failed or blocked gate off track, an at-risk gate at risk', () => {
    expect(phaseHealth(counts({ gates: { total: 3, failed: 1, blocked: 2, atRisk: 1 } }), early)).toEqual({
      status: 'OFF_TRACK',
      reasons: [
        { code: 'gateFailed', severity: 'OFF_TRACK', params: { count: 1 } },
        { code: 'gateBlocked', severity: 'OFF_TRACK', params: { count: 2 } },
        { code: 'gateAtRisk', severity: 'AT_RISK', params: { count: 1 } },
      ],
    });
  });
  it('is at risk with a few overdue deliverables, off track from a quarter of them', () => {
    // 1 of 10 overdue (10%), 5 of 10 done: at risk.
    expect(phaseHealth(counts({ deliverables: { done: 5, total: 10, open: 5, overdue: 1 } }), inside)).toEqual({
      status: 'AT_RISK',
      reasons: [{ code: 'overdueDeliverables', severity: 'AT_RISK', params: { count: 1 } }],
    });
    // 1 of 4 overdue (25%).
    expect(phaseHealth(counts({ deliverables: { done: 2, total: 4, open: 2, overdue: 1 } }), inside).reasons).toEqual([
      { code: 'overdueDeliverables', severity: 'OFF_TRACK', params: { count: 1 } },
    ]);
  });
  it('compares done % with elapsed %: behind by more than 25 points is at risk, by more than 50 off track', () => {
    // 50% elapsed; 2 of 8 done = 25%: exactly 25 points behind, still on track.
    expect(phaseHealth(counts({ deliverables: { done: 2, total: 8, open: 6 } }), inside).status).toBe('ON_TRACK');
    // 1 of 5 done = 20%: 30 points behind.
    expect(phaseHealth(counts({ deliverables: { done: 1, total: 5, open: 4 } }), inside).reasons).toEqual([
      { code: 'behindSchedule', severity: 'AT_RISK', params: { donePct: 20, elapsedPct: 50 } },
    ]);
    // 90% elapsed (9 March), nothing done: 90 points behind.
    const late = phaseDays('2026-03-01', '2026-03-10', '2026-03-10');
    expect(phaseHealth(counts({ deliverables: { done: 0, total: 5, open: 5 } }), late).reasons).toEqual([
      { code: 'behindSchedule', severity: 'OFF_TRACK', params: { donePct: 0, elapsedPct: 90 } },
    ]);
    // Not before the phase starts, nor with no deliverables.
    expect(phaseHealth(counts({ deliverables: { done: 0, total: 5, open: 5 } }), phaseDays('2026-03-01', '2026-03-10', '2026-02-20')).status).toBe('ON_TRACK');
    expect(phaseHealth(counts(), late).status).toBe('ON_TRACK');
  });
  it('warns about unmet criteria in the last 6 days only', () => {
    const unmet = counts({ criteria: { met: 1, total: 3 } });
    expect(phaseHealth(unmet, phaseDays('2026-03-01', '2026-03-10', '2026-03-03')).status).toBe('ON_TRACK'); // 8 days left
    expect(phaseHealth(unmet, phaseDays('2026-03-01', '2026-03-10', '2026-03-04')).status).toBe('ON_TRACK'); // 7 days left
    expect(phaseHealth(unmet, phaseDays('2026-03-01', '2026-03-10', '2026-03-05')).reasons).toEqual([
      { code: 'criteriaUnmet', severity: 'AT_RISK', params: { count: 2, daysLeft: 6 } },
    ]);
  });
  it('after the end: open work and gates not decided are off track, said once rather than as overdue', () => {
    const c = counts({
      deliverables: { done: 3, total: 5, open: 2, overdue: 2 },
      gates: { passed: 1, total: 4, failed: 1, overdue: 2 },
      criteria: { met: 0, total: 1 },
      evidence: { broken: 1, total: 2 },
    });
    expect(phaseHealth(c, after)).toEqual({
      status: 'OFF_TRACK',
      reasons: [
        { code: 'gateFailed', severity: 'OFF_TRACK', params: { count: 1 } },
        { code: 'endedDeliverablesOpen', severity: 'OFF_TRACK', params: { count: 2, daysSinceEnd: 3 } },
        { code: 'endedGatesOpen', severity: 'OFF_TRACK', params: { count: 2, daysSinceEnd: 3 } },
        { code: 'criteriaUnmet', severity: 'OFF_TRACK', params: { count: 1, daysLeft: 0 } },
        { code: 'brokenEvidence', severity: 'AT_RISK', params: { count: 1 } },
      ],
    });
  });
  it('after the end with everything done and passed it is on track', () => {
    expect(phaseHealth(counts({ deliverables: { done: 5, total: 5 }, gates: { passed: 2, total: 2 } }), after).status).toBe('ON_TRACK');
  });
  it('lists off-track reasons before at-risk ones', () => {
    const c = counts({ deliverables: { done: 1, total: 10, open: 9, overdue: 1 }, gates: { total: 1, blocked: 1 } });
    expect(phaseHealth(c, inside).reasons.map((r) => [r.code, r.severity])).toEqual([
      ['gateBlocked', 'OFF_TRACK'],
      ['overdueDeliverables', 'AT_RISK'],
      ['behindSchedule', 'AT_RISK'], // 10% done, 50% elapsed
    ]);
  });
});

describe('exitReadiness', () => {
  it('cannot exit while anything is open, and says which checks are', () => {
    const c = counts({
      deliverables: { done: 2, total: 3, dropped: 1, open: 1 },
      gates: { passed: 1, total: 3, blocked: 1 },
      criteria: { met: 4, total: 4 },
      evidence: { broken: 1, total: 5 },
    });
    expect(exitReadiness(c)).toEqual({
      canExit: false,
      open: 4,
      items: [
        { key: 'deliverablesClosed', ok: false, count: 3, total: 4 },
        { key: 'gatesPassed', ok: false, count: 1, total: 3 },
        { key: 'criteriaMet', ok: true, count: 4, total: 4 },
        { key: 'evidenceHealthy', ok: false, count: 4, total: 5 },
        { key: 'noGateBlocked', ok: false, count: 2, total: 3 },
      ],
    });
  });
  it('can exit with everything done or dropped, passed, met and healthy', () => {
    const c = counts({ deliverables: { done: 2, total: 2, dropped: 1 }, gates: { passed: 2, total: 2 }, criteria: { met: 1, total: 1 }, evidence: { total: 1 } });
    expect(exitReadiness(c)).toMatchObject({ canExit: true, open: 0 });
  });
  it('a phase with nothing in it has nothing holding it back', () => {
    expect(exitReadiness(counts())).toMatchObject({ canExit: true, open: 0 });
  });
});

describe('deliverableChange', () => {
  const at = { entityId: 'd1', on: '2026-03-04' };
  /** The event as the service reads it: parsed by its action's schema, or null when it does not parse. */
  const read = (action: string, changes: unknown) => {
    const [event] = parseAuditEvents([{ ...at, action, changes }], deliverableActions);
    return event ? deliverableChange(event) : null;
  };
  it('reads a create as the status and phase it started with', () => {
    expect(read('deliverable.create', { title: 'X', status: 'IN_PROGRESS', phaseId: P })).toEqual({
      deliverableId: 'd1',
      on: '2026-03-04',
      kind: 'create',
      status: { from: null, to: 'IN_PROGRESS' },
      phase: { from: null, to: P },
    });
  });
  it('reads an update as its status change and move, if any', () => {
    expect(read('deliverable.update', { status: { from: 'IN_PROGRESS', to: 'DONE' }, title: { from: 'a', to: 'b' } })).toEqual({
      deliverableId: 'd1',
      on: '2026-03-04',
      kind: 'update',
      status: { from: 'IN_PROGRESS', to: 'DONE' },
    });
    expect(read('deliverable.update', { phaseId: { from: 'phase-b', to: P } })).toMatchObject({ phase: { from: 'phase-b', to: P } });
    expect(read('deliverable.update', { status: { from: 'DONE', to: 'BOGUS' } })).toEqual({ deliverableId: 'd1', on: '2026-03-04', kind: 'update' });
  });
  it('reads delete and restore, and ignores other actions and changes that do not parse', () => {
    expect(read('deliverable.delete', { title: 'X' })).toMatchObject({ kind: 'delete' });
    expect(read('deliverable.restore', {})).toMatchObject({ kind: 'restore' });
    expect(read('deliverable.reorder', { order: { from: [], to: [] } })).toBeNull();
    expect(read('deliverable.restore', null)).toBeNull();
    expect(read('deliverable.update', { status: 'DONE' })).toBeNull();
  });
});

describe('burnUpDates', () => {
  it('has a point a day for a short phase', () => {
    const dates = burnUpDates('2026-03-01', '2026-03-10', '2026-03-06');
    expect(dates).toHaveLength(10);
    expect([dates[0], dates.at(-1)]).toEqual(['2026-03-01', '2026-03-10']);
  });
  it('has a point a week for a long one, plus its last day and today', () => {
    // Phase B of the launch plan: 26 March – 24 May (60 days), seen on 20 April (day 25).
    expect(burnUpDates('2026-03-26', '2026-05-24', '2026-04-20')).toEqual([
      '2026-03-26', '2026-04-02', '2026-04-09', '2026-04-16', '2026-04-20', '2026-04-23', '2026-04-30', '2026-05-07', '2026-05-14',
      '2026-05-21', '2026-05-24',
    ]);
  });
});

describe('burnUp', () => {
  const change = (deliverableId: string, on: string, fields: Omit<DeliverableChange, 'deliverableId' | 'on'>): DeliverableChange => ({ deliverableId, on, ...fields });
  const done = (id: string, on: string, from: 'IN_PROGRESS' | 'DONE' = 'IN_PROGRESS', to: 'IN_PROGRESS' | 'DONE' = 'DONE') =>
    change(id, on, { kind: 'update', status: { from, to } });
  const series = (input: ScorecardInput) => burnUp(input).points.map((p) => [p.date.slice(8), p.due, p.done, p.scope]);

  it('falls back to completedOn without recorded history, and draws due over the whole phase', () => {
    const input = {
      ...base,
      startDate: '2026-03-01',
      endDate: '2026-03-04',
      today: '2026-03-03',
      deliverables: [
        deliverable('a', { status: 'DONE', completedOn: '2026-03-02', dueDate: '2026-03-02' }),
        deliverable('b', { status: 'IN_PROGRESS', dueDate: '2026-02-27' }), // due before the phase starts
        deliverable('c', { status: 'NOT_STARTED', dueDate: null }), // no due date: due on the last day
        deliverable('x', { status: 'DROPPED', dueDate: '2026-03-01' }),
      ],
    };
    expect(burnUp(input).granularity).toBe('day');
    expect(series(input)).toEqual([
      ['01', 1, 0, 3],
      ['02', 2, 1, 3],
      ['03', 2, 1, 3],
      ['04', 3, null, null], // after today: the plan only
    ]);
  });

  it('replays DONE entered and left, so a re-opened deliverable drops out again', () => {
    const input = {
      ...base,
      startDate: '2026-03-01',
      endDate: '2026-03-05',
      today: '2026-03-05',
      deliverables: [deliverable('a', { status: 'DONE', completedOn: '2026-03-05' })],
      // Done on the 2nd, re-opened on the 3rd, done again on the 5th; completedOn is only the last.
      changes: [done('a', '2026-03-02'), done('a', '2026-03-03', 'DONE', 'IN_PROGRESS'), done('a', '2026-03-05')],
    };
    expect(series(input).map(([d, , doneCount]) => [d, doneCount])).toEqual([
      ['01', 0],
      ['02', 1],
      ['03', 0],
      ['04', 0],
      ['05', 1],
    ]);
  });

  it('follows creation, archiving, restoring, dropping and moves between phases', () => {
    const input: ScorecardInput = {
      ...base,
      startDate: '2026-03-01',
      endDate: '2026-03-06',
      today: '2026-03-06',
      deliverables: [
        deliverable('new', { status: 'DONE', completedOn: '2026-03-04' }),
        deliverable('gone', { status: 'DONE', deletedOn: '2026-03-05', completedOn: '2026-03-02' }),
        deliverable('back', { status: 'NOT_STARTED' }),
        deliverable('in', { status: 'IN_PROGRESS' }),
        deliverable('out', { status: 'DONE', phaseId: 'phase-b', completedOn: '2026-03-01' }),
        deliverable('drop', { status: 'DROPPED' }),
      ],
      changes: [
        change('new', '2026-03-03', { kind: 'create', status: { from: null, to: 'IN_PROGRESS' }, phase: { from: null, to: P } }),
        done('new', '2026-03-04'),
        // 'gone': seeded (no status history), done on the 2nd by completedOn, archived on the 5th.
        change('gone', '2026-03-05', { kind: 'delete' }),
        change('back', '2026-03-02', { kind: 'delete' }),
        change('back', '2026-03-04', { kind: 'restore' }),
        change('in', '2026-03-03', { kind: 'update', phase: { from: 'phase-b', to: P } }),
        change('out', '2026-03-05', { kind: 'update', phase: { from: P, to: 'phase-b' } }),
        change('drop', '2026-03-04', { kind: 'update', status: { from: 'NOT_STARTED', to: 'DROPPED' } }),
      ],
    };
    // scope: gone, back (not 2nd–3rd), out (until the 5th), drop (until the 4th), new (from the 3rd), in (from the 3rd)
    expect(series(input).map(([d, , doneCount, scope]) => [d, doneCount, scope])).toEqual([
      ['01', 1, 4], // gone, back, out, drop; out done
      ['02', 2, 3], // back archived; gone done
      ['03', 2, 5], // + new, in
      ['04', 3, 5], // back restored, drop dropped; new done
      ['05', 1, 3], // gone archived, out moved away: new, back, in
      ['06', 1, 3],
    ]);
    // Due counts today's plan only: new, back, in (all due on the 10th, after this phase's end).
    expect(burnUp(input).points.map((p) => p.due)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('counts a change stamped after today on today', () => {
    const input = {
      ...base,
      deliverables: [deliverable('a', { status: 'DONE', completedOn: '2026-11-26' })],
      changes: [done('a', '2026-11-26')],
    };
    const points = burnUp(input).points;
    expect(points.find((p) => p.date === '2026-03-05')!.done).toBe(0);
    expect(points.find((p) => p.date === '2026-03-06')!.done).toBe(1);
  });
});

describe('phaseScorecard', () => {
  it('puts counts, days, health, readiness and the burn-up together', () => {
    const card = phaseScorecard({
      ...base,
      deliverables: [deliverable('a', { status: 'DONE', completedOn: '2026-03-02' }), deliverable('b', { dueDate: '2026-03-05' })],
      gates: [{ id: 'g', status: 'PENDING', dueDate: '2026-03-10' }],
    });
    expect(card.deliverables).toMatchObject({ done: 1, total: 2, overdue: 1 });
    expect(card.days).toMatchObject({ elapsed: 5, left: 5 });
    // 1 of 2 overdue (50%): off track.
    expect(card.health).toEqual({ status: 'OFF_TRACK', reasons: [{ code: 'overdueDeliverables', severity: 'OFF_TRACK', params: { count: 1 } }] });
    expect(card.readiness).toMatchObject({ canExit: false, open: 2 });
    expect(card.burnUp.points.find((p) => p.date === '2026-03-06')).toEqual({ date: '2026-03-06', day: 5, due: 1, done: 1, scope: 2 });
  });
});
