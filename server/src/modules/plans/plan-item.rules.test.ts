import { describe, expect, it } from 'vitest';
import { checkReorder, isOverdue } from './plan-item.rules.js';

describe('isOverdue', () => {
  const today = '2026-03-10';
  it('flags open items past their due date', () => {
    expect(isOverdue({ status: 'IN_PROGRESS', dueDate: '2026-03-09' }, today)).toBe(true);
    expect(isOverdue({ status: 'AT_RISK', dueDate: '2026-03-01' }, today)).toBe(true);
  });
  it('does not flag items due today, undated or closed', () => {
    expect(isOverdue({ status: 'NOT_STARTED', dueDate: today }, today)).toBe(false);
    expect(isOverdue({ status: 'NOT_STARTED', dueDate: null }, today)).toBe(false);
    expect(isOverdue({ status: 'DONE', dueDate: '2026-01-01' }, today)).toBe(false);
    expect(isOverdue({ status: 'PASSED', dueDate: '2026-01-01' }, today)).toBe(false);
    expect(isOverdue({ status: 'DROPPED', dueDate: '2026-01-01' }, today)).toBe(false);
  });
});

describe('checkReorder', () => {
  it('accepts a permutation', () => {
    expect(checkReorder(['a', 'b', 'c'], ['c', 'a', 'b'])).toEqual({ ok: true });
  });
  it('refuses missing, extra or repeated ids', () => {
    expect(checkReorder(['a', 'b'], ['a']).ok).toBe(false);
    expect(checkReorder(['a', 'b'], ['a', 'b', 'x']).ok).toBe(false);
    expect(checkReorder(['a', 'b'], ['a', 'a']).ok).toBe(false);
  });
});
