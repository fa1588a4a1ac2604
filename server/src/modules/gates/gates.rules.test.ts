import { describe, expect, it } from 'vitest';
import { disagrees, maySetGateStatus, statusChangeProblem, suggestGateHealth } from './gates.rules.js';

describe('maySetGateStatus', () => {
  it('lets pm set working states up to at risk and blocked', () => {
    for (const s of ['PENDING', 'ON_TRACK', 'AT_RISK', 'BLOCKED'] as const) expect(maySetGateStatus('pm', s)).toBe(true);
  });
  it('keeps passed and failed for leadership (and admin)', () => {
    expect(maySetGateStatus('pm', 'PASSED')).toBe(false);
    expect(maySetGateStatus('pm', 'FAILED')).toBe(false);
    expect(maySetGateStatus('leadership', 'PASSED')).toBe(true);
    expect(maySetGateStatus('admin', 'FAILED')).toBe(true);
  });
  it('gives sales and viewers no say', () => {
    expect(maySetGateStatus('sales', 'ON_TRACK')).toBe(false);
    expect(maySetGateStatus('viewer', 'PENDING')).toBe(false);
  });
});

describe('suggestGateHealth', () => {
  const base = {
    status: 'ON_TRACK' as const,
    dueDate: '2026-04-30',
    criteria: [{ met: true }, { met: false }],
    lastActivity: '2026-03-09',
    brokenEvidence: 0,
    latestGateRun: null,
  };
  const today = '2026-03-10';

  it('is on track with progress and time, pending with no criteria, and says all met', () => {
    expect(suggestGateHealth(base, today)).toEqual({ health: 'ON_TRACK', reasons: [{ code: 'unmet', met: 1, total: 2 }] });
    expect(suggestGateHealth({ ...base, criteria: [] }, today)).toEqual({ health: 'PENDING', reasons: [{ code: 'noCriteria' }] });
    expect(suggestGateHealth({ ...base, criteria: [{ met: true }] }, today).reasons).toEqual([{ code: 'allMet' }]);
  });
  it('is at risk when overdue, due soon with most criteria open, stale, or backed by broken evidence', () => {
    expect(suggestGateHealth({ ...base, dueDate: '2026-03-09' }, today)).toMatchObject({ health: 'AT_RISK', reasons: [{ code: 'overdue', dueDate: '2026-03-09' }, { code: 'unmet' }] });
    expect(suggestGateHealth({ ...base, dueDate: '2026-03-20', criteria: [{ met: false }, { met: false }, { met: true }] }, today).reasons[0]).toEqual({ code: 'dueSoon', days: 10, met: 1, total: 3 });
    // Half met is not "most open".
    expect(suggestGateHealth({ ...base, dueDate: '2026-03-20' }, today).health).toBe('ON_TRACK');
    expect(suggestGateHealth({ ...base, lastActivity: '2026-02-24' }, today).reasons[0]).toEqual({ code: 'stale', days: 14 });
    expect(suggestGateHealth({ ...base, lastActivity: '2026-02-25' }, today).health).toBe('ON_TRACK');
    expect(suggestGateHealth({ ...base, brokenEvidence: 2 }, today).reasons[0]).toEqual({ code: 'brokenEvidence', count: 2 });
  });
  it('is blocked when the newest gate run failed, whatever else holds', () => {
    expect(suggestGateHealth({ ...base, criteria: [{ met: true }], latestGateRun: { result: 'FAILED', capturedOn: '2026-03-08' } }, today).health).toBe('BLOCKED');
  });
  it('is not stale or overdue once every criterion is met', () => {
    expect(suggestGateHealth({ ...base, criteria: [{ met: true }], dueDate: '2026-03-01', lastActivity: '2026-01-01' }, today)).toEqual({ health: 'ON_TRACK', reasons: [{ code: 'allMet' }] });
  });
  it('leaves a decided gate as decided', () => {
    expect(suggestGateHealth({ ...base, status: 'PASSED', dueDate: '2026-01-01' }, today).health).toBe('PASSED');
  });
  it('flags a disagreement only across severities', () => {
    expect(disagrees('PENDING', 'ON_TRACK')).toBe(false);
    expect(disagrees('ON_TRACK', 'AT_RISK')).toBe(true);
    expect(disagrees('BLOCKED', 'AT_RISK')).toBe(true);
    expect(disagrees('PASSED', 'BLOCKED')).toBe(false);
  });
});

describe('statusChangeProblem', () => {
  const facts = { role: 'leadership' as const, suggested: 'ON_TRACK' as const, criteria: [{ met: true, title: 'Docs green' }], healthyEvidence: 1, brokenEvidence: 0 };
  const req = { from: 'ON_TRACK' as const, to: 'PASSED' as const, decision: 'GO' as const, reason: 'All green', outstanding: [] };

  it('allows a Go with every criterion met and healthy evidence', () => {
    expect(statusChangeProblem(req, facts)).toBeNull();
  });
  it('refuses a Go with unmet criteria, naming them, and allows a Conditional Go that lists what is outstanding', () => {
    const unmet = { ...facts, criteria: [{ met: false, title: 'Docs green' }] };
    expect(statusChangeProblem(req, unmet)).toMatchObject({ code: 'precondition', message: expect.stringContaining('Docs green') });
    expect(statusChangeProblem({ ...req, decision: 'CONDITIONAL_GO' }, unmet)).toMatchObject({ code: 'invalid', path: 'outstanding' });
    expect(statusChangeProblem({ ...req, decision: 'CONDITIONAL_GO', outstanding: ['Docs green by Friday'] }, unmet)).toBeNull();
  });
  it('needs healthy evidence and no broken evidence for any Go, but not for a No-go', () => {
    expect(statusChangeProblem(req, { ...facts, healthyEvidence: 0 })).toMatchObject({ code: 'precondition' });
    expect(statusChangeProblem(req, { ...facts, brokenEvidence: 1 })).toMatchObject({ code: 'precondition', message: expect.stringContaining('broken') });
    expect(statusChangeProblem({ ...req, to: 'FAILED', decision: 'NO_GO' }, { ...facts, healthyEvidence: 0 })).toBeNull();
  });
  it('needs a Go-type decision for passed, No-go for failed, and a written reason', () => {
    expect(statusChangeProblem({ ...req, decision: 'NO_GO' }, facts)).toMatchObject({ path: 'decision' });
    expect(statusChangeProblem({ ...req, to: 'FAILED', decision: 'GO' }, facts)).toMatchObject({ path: 'decision' });
    expect(statusChangeProblem({ ...req, reason: '  ' }, facts)).toMatchObject({ path: 'reason' });
    expect(statusChangeProblem({ ...req, decision: null }, facts)).toMatchObject({ path: 'decision' });
  });
  it('keeps decisions and reopening for leadership', () => {
    expect(statusChangeProblem(req, { ...facts, role: 'pm' })).toMatchObject({ code: 'forbidden' });
    expect(statusChangeProblem({ from: 'PASSED', to: 'ON_TRACK', decision: null, reason: 'Reopen', outstanding: [] }, { ...facts, role: 'pm' })).toMatchObject({ code: 'forbidden' });
    expect(statusChangeProblem({ from: 'PASSED', to: 'ON_TRACK', decision: null, reason: '', outstanding: [] }, facts)).toMatchObject({ path: 'reason' });
  });
  it('asks for a reason to block, and to override the suggested health', () => {
    const working = { from: 'ON_TRACK' as const, decision: null, reason: '', outstanding: [] };
    expect(statusChangeProblem({ ...working, to: 'BLOCKED' }, facts)).toMatchObject({ path: 'reason' });
    expect(statusChangeProblem({ ...working, to: 'AT_RISK' }, facts)).toMatchObject({ path: 'reason', message: expect.stringContaining('ON_TRACK') });
    expect(statusChangeProblem({ ...working, to: 'AT_RISK' }, { ...facts, suggested: 'AT_RISK' })).toBeNull();
    expect(statusChangeProblem({ ...working, to: 'PENDING' }, facts)).toBeNull();
    expect(statusChangeProblem({ ...working, to: 'ON_TRACK' }, facts)).toMatchObject({ path: 'status' });
  });
  it('refuses a decision on a working status', () => {
    expect(statusChangeProblem({ from: 'PENDING', to: 'ON_TRACK', decision: 'GO', reason: '', outstanding: [] }, facts)).toMatchObject({ path: 'decision' });
  });
});
