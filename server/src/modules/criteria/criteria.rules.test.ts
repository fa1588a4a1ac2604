import { describe, expect, it } from 'vitest';
import {
  evaluateCriterion,
  evaluateEvidenceCount,
  evaluateGateRunStreak,
  evaluateLinkHealth,
  evaluateManual,
  evaluateMetric,
  evaluatePipeline,
  type EvaluationFacts,
  type EvidenceFact,
} from './criteria.rules.js';
import { criterionSpec } from './criteria.schema.js';

const ev = (over: Partial<EvidenceFact> & { id: string }): EvidenceFact => ({
  kind: 'DOC',
  health: 'HEALTHY',
  result: null,
  capturedOn: '2026-03-01',
  createdAt: '2026-03-01T10:00:00.000Z',
  ...over,
});

const facts = (over: Partial<EvaluationFacts> = {}): EvaluationFacts => ({
  today: '2026-03-11',
  metrics: new Map(),
  partners: [],
  evidenceOn: new Map(),
  phaseItems: new Map(),
  partnerIds: [],
  ...over,
});

describe('manual criteria', () => {
  it('are met only when ticked with evidence that is not broken', () => {
    expect(evaluateManual(false, [ev({ id: 'a' })]).met).toBe(false);
    expect(evaluateManual(true, []).met).toBe(false);
    expect(evaluateManual(true, [ev({ id: 'a', health: 'BROKEN' })])).toMatchObject({ met: false, detail: expect.stringContaining('broken') });
    expect(evaluateManual(true, [ev({ id: 'a', health: 'UNCHECKED' })]).met).toBe(true);
  });
});

describe('metric thresholds', () => {
  const values = new Map([
    ['2026-02-23', 4],
    ['2026-03-02', 0],
    ['2026-03-09', 6],
    ['2026-03-16', 100], // next week: not counted yet
  ]);
  const base = { metricKey: 'contact_submit', aggregate: 'latest' as const, weeks: 1, op: 'gte' as const, value: 5 };

  it('reads the latest week up to this one', () => {
    expect(evaluateMetric(base, values, '2026-03-11')).toMatchObject({ met: true, current: 6, target: 5 });
    expect(evaluateMetric(base, values, '2026-03-08')).toMatchObject({ met: false, current: 0 });
  });
  it('sums or averages the last N weeks, missing weeks not counted in the average', () => {
    expect(evaluateMetric({ ...base, aggregate: 'sum', weeks: 3 }, values, '2026-03-11')).toMatchObject({ current: 10, met: true });
    expect(evaluateMetric({ ...base, aggregate: 'avg', weeks: 4 }, values, '2026-03-11')).toMatchObject({ current: 10 / 3, met: false });
  });
  it('is unmet with no data, and for an unknown metric', () => {
    expect(evaluateMetric(base, new Map(), '2026-03-11')).toMatchObject({ met: false, current: null });
    expect(evaluateMetric(base, undefined, '2026-03-11')).toMatchObject({ met: false, detail: 'Unknown metric contact_submit' });
  });
  it('compares downwards with lte, the threshold itself included', () => {
    expect(evaluateMetric({ ...base, op: 'lte', value: 6 }, values, '2026-03-11').met).toBe(true);
    expect(evaluateMetric({ ...base, op: 'lte', value: 5.99 }, values, '2026-03-11').met).toBe(false);
  });
});

describe('pipeline counts', () => {
  const partners = [
    { track: 'HOSTED' as const, package: 'CLOUD_TEAM' as const, furthest: 3 }, // reached PAID_TRIAL
    { track: 'HOSTED' as const, package: 'CLOUD_BUILDER' as const, furthest: 2 },
    { track: 'PLATFORM' as const, package: 'PLATFORM_DESIGN_PARTNER' as const, furthest: 4 },
    { track: 'HOSTED' as const, package: 'OSS' as const, furthest: -1 }, // only ever lost
  ];
  it('counts partners that ever reached a stage, filtered by track and package', () => {
    expect(evaluatePipeline({ stageReached: 'POC', track: 'HOSTED', package: null, min: 3 }, partners)).toMatchObject({ met: false, current: 2, target: 3 });
    expect(evaluatePipeline({ stageReached: 'PAID_TRIAL', track: null, package: null, min: 2 }, partners)).toMatchObject({ met: true, current: 2 });
    expect(evaluatePipeline({ stageReached: 'LEAD', track: 'HOSTED', package: 'CLOUD_TEAM', min: 1 }, partners)).toMatchObject({ met: true, current: 1 });
    expect(evaluatePipeline({ stageReached: 'LEAD', track: 'HOSTED', package: null, min: 3 }, partners).current).toBe(2);
  });
});

describe('evidence counts', () => {
  const f = facts({
    phaseItems: new Map([
      ['C', { deliverable: ['d1', 'd2', 'd3'], gate: ['g1'] }],
      ['B', { deliverable: ['d4'], gate: [] }],
    ]),
    evidenceOn: new Map([
      ['deliverable:d1', [ev({ id: 'e1', kind: 'CUSTOMER_EVIDENCE' }), ev({ id: 'e2', kind: 'CUSTOMER_EVIDENCE' })]],
      ['deliverable:d2', [ev({ id: 'e1', kind: 'CUSTOMER_EVIDENCE' })]],
      ['deliverable:d3', [ev({ id: 'e3', kind: 'CUSTOMER_EVIDENCE', health: 'BROKEN' }), ev({ id: 'e4', kind: 'DOC' })]],
      ['deliverable:d4', [ev({ id: 'e5', kind: 'CUSTOMER_EVIDENCE' })]],
    ]),
  });
  const config = { kind: 'CUSTOMER_EVIDENCE' as const, on: 'deliverable' as const, phaseKey: 'C', countBy: 'items' as const, min: 2 };
  it('counts items with such evidence, broken links and other kinds not counting', () => {
    expect(evaluateEvidenceCount(config, f)).toMatchObject({ met: true, current: 2 });
    expect(evaluateEvidenceCount({ ...config, min: 3 }, f).met).toBe(false);
  });
  it('counts distinct evidence, across phases when no phase is given', () => {
    expect(evaluateEvidenceCount({ ...config, countBy: 'evidence' }, f).current).toBe(2);
    expect(evaluateEvidenceCount({ ...config, countBy: 'evidence', phaseKey: null }, f).current).toBe(3);
    expect(evaluateEvidenceCount({ ...config, phaseKey: 'Z' }, f).current).toBe(0);
  });
});

describe('link health', () => {
  it('needs at least one link of the kind, and every one healthy', () => {
    expect(evaluateLinkHealth({ kind: 'DOC' }, [])).toMatchObject({ met: false, current: 0, target: 0 });
    expect(evaluateLinkHealth({ kind: 'DOC' }, [ev({ id: 'a' }), ev({ id: 'b', kind: 'WEB_PAGE', health: 'BROKEN' })])).toMatchObject({ met: true, current: 1, target: 1 });
    const mixed = evaluateLinkHealth({ kind: null }, [ev({ id: 'a' }), ev({ id: 'b', health: 'BROKEN' }), ev({ id: 'c', health: 'UNCHECKED' })]);
    expect(mixed).toMatchObject({ met: false, current: 1, target: 3 });
    expect(mixed.detail).toBe('1 of 3 evidence links healthy, 1 broken, 1 not checked yet');
  });
});

describe('gate-run streaks', () => {
  const run = (id: string, capturedOn: string, result: 'PASSED' | 'FAILED', createdAt = `${capturedOn}T10:00:00.000Z`) =>
    ev({ id, kind: 'GATE_RUN', result, capturedOn, createdAt });
  it('counts passing runs from the newest back to the last failure', () => {
    const runs = [run('1', '2026-03-01', 'PASSED'), run('2', '2026-03-02', 'FAILED'), run('3', '2026-03-03', 'PASSED'), run('4', '2026-03-04', 'PASSED')];
    expect(evaluateGateRunStreak({ runs: 2 }, runs)).toMatchObject({ met: true, current: 2 });
    expect(evaluateGateRunStreak({ runs: 3 }, runs)).toMatchObject({ met: false, current: 2, detail: expect.stringContaining('2026-03-02') });
  });
  it('orders runs of one day by when they were recorded, and ignores runs without a result', () => {
    const runs = [run('1', '2026-03-04', 'PASSED', '2026-03-04T09:00:00.000Z'), run('2', '2026-03-04', 'FAILED', '2026-03-04T11:00:00.000Z'), ev({ id: 'x', kind: 'GATE_RUN' })];
    expect(evaluateGateRunStreak({ runs: 1 }, runs)).toMatchObject({ met: false, current: 0 });
  });
  it('is unmet with fewer runs than asked for', () => {
    expect(evaluateGateRunStreak({ runs: 5 }, [run('1', '2026-03-01', 'PASSED')])).toMatchObject({ met: false, current: 1, target: 5 });
    expect(evaluateGateRunStreak({ runs: 1 }, []).detail).toBe('No gate runs recorded yet');
  });
});

describe('criterion specs', () => {
  it('validate each kind’s config and refuse unknown fields', () => {
    expect(criterionSpec.safeParse({ kind: 'PIPELINE_COUNT', config: { stageReached: 'POC', min: 3 } }).success).toBe(true);
    expect(criterionSpec.safeParse({ kind: 'PIPELINE_COUNT', config: { stageReached: 'LOST', min: 3 } }).success).toBe(false);
    expect(criterionSpec.safeParse({ kind: 'GATE_RUN_STREAK', config: { runs: 0 } }).success).toBe(false);
    expect(criterionSpec.safeParse({ kind: 'LINK_HEALTH', config: { kind: 'DOC', extra: 1 } }).success).toBe(false);
    expect(criterionSpec.safeParse({ kind: 'MANUAL' }).success).toBe(true);
  });
  it('dispatch by kind, reading a manual tick’s evidence from the criterion itself', () => {
    const spec = criterionSpec.parse({ kind: 'MANUAL' });
    const f = facts({ evidenceOn: new Map([['criterion:c1', [ev({ id: 'a' })]]]) });
    expect(evaluateCriterion({ id: 'c1', spec, checked: true, owner: { targetType: 'gate', targetId: 'g' } }, f).met).toBe(true);
    expect(evaluateCriterion({ id: 'c2', spec, checked: true, owner: { targetType: 'gate', targetId: 'g' } }, f).met).toBe(false);
  });
});
