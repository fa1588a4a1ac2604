import { describe, expect, it } from 'vitest';
import { auditValue, dayRange, decodeCursor, diffFields, encodeCursor, mayReadHistory, snapshot } from './audit.rules.js';

const before = {
  title: 'Launch blog post',
  ownerName: 'Mia',
  dueDate: new Date('2026-03-05T00:00:00.000Z') as Date | null,
  status: 'AT_RISK',
  version: 3,
  updatedAt: new Date('2026-03-01T10:00:00.000Z'),
};
const fields = ['title', 'ownerName', 'dueDate', 'status', 'version', 'updatedAt'] as const;

describe('diffFields', () => {
  it('lists only the fields whose value changes, as from → to', () => {
    expect(diffFields(before, { title: 'Launch blog post', status: 'BLOCKED' }, fields)).toEqual({ status: { from: 'AT_RISK', to: 'BLOCKED' } });
  });

  it('treats a field the write leaves out, or leaves undefined, as unchanged', () => {
    expect(diffFields(before, { ownerName: undefined }, fields)).toEqual({});
    expect(diffFields(before, {}, fields)).toEqual({});
  });

  it('compares dates as calendar days, whether written as a Date or an ISO date', () => {
    expect(diffFields(before, { dueDate: new Date('2026-03-05T00:00:00.000Z') }, fields)).toEqual({});
    expect(diffFields(before, { dueDate: '2026-03-05' }, fields)).toEqual({});
    expect(diffFields(before, { dueDate: new Date('2026-03-09T00:00:00.000Z') }, fields)).toEqual({ dueDate: { from: '2026-03-05', to: '2026-03-09' } });
  });

  it('records clearing a value as → null, and setting one as null →', () => {
    expect(diffFields(before, { dueDate: null }, fields)).toEqual({ dueDate: { from: '2026-03-05', to: null } });
    expect(diffFields({ ...before, dueDate: null }, { dueDate: '2026-04-01' }, fields)).toEqual({ dueDate: { from: null, to: '2026-04-01' } });
  });

  it('skips version and updatedAt even when asked for them', () => {
    expect(diffFields(before, { version: 4, updatedAt: new Date(), ownerName: 'Ana' }, fields)).toEqual({ ownerName: { from: 'Mia', to: 'Ana' } });
  });

  it('ignores fields that are not listed', () => {
    expect(diffFields(before, { title: 'Other' }, ['status'])).toEqual({});
  });
});

describe('snapshot', () => {
  it('keeps the listed fields, dates as ISO dates, without bookkeeping', () => {
    expect(snapshot(before, fields)).toEqual({ title: 'Launch blog post', ownerName: 'Mia', dueDate: '2026-03-05', status: 'AT_RISK' });
  });

  it('stores a missing value as null', () => {
    expect(snapshot({ title: 'x', dueDate: undefined as Date | undefined }, ['title', 'dueDate'])).toEqual({ title: 'x', dueDate: null });
  });
});

describe('auditValue', () => {
  it('keeps JSON values and turns arrays of dates into dates', () => {
    expect(auditValue(3)).toBe(3);
    expect(auditValue(false)).toBe(false);
    expect(auditValue([new Date('2026-01-02T00:00:00Z'), 'a'])).toEqual(['2026-01-02', 'a']);
  });
});

describe('cursor', () => {
  const cursor = { at: new Date('2026-03-10T12:34:56.789Z'), id: '019a0000-0000-7000-8000-000000000001' };

  it('round-trips the (at, id) of the last event, to the millisecond', () => {
    const decoded = decodeCursor(encodeCursor(cursor));
    expect(decoded).toEqual(cursor);
    expect(decoded!.at.getTime()).toBe(cursor.at.getTime());
  });

  it('is opaque: no raw timestamp or id in the string', () => {
    const encoded = encodeCursor(cursor);
    expect(encoded).not.toContain(cursor.id);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses strings it did not make', () => {
    expect(decodeCursor('not-a-cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('123:not-a-uuid').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from(`abc:${cursor.id}`).toString('base64url'))).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });
});

describe('dayRange', () => {
  it('covers whole days: from the start of the first to the start of the day after the last', () => {
    const { gte, lt } = dayRange('2026-03-01', '2026-03-31');
    expect(gte).toEqual(new Date(2026, 2, 1));
    expect(lt).toEqual(new Date(2026, 3, 1));
  });

  it('leaves an open end open', () => {
    expect(dayRange(undefined, '2026-12-31')).toEqual({ lt: new Date(2027, 0, 1) });
    expect(dayRange('2026-12-31', undefined)).toEqual({ gte: new Date(2026, 11, 31) });
    expect(dayRange(undefined, undefined)).toEqual({});
  });
});

describe('mayReadHistory', () => {
  it('lets every role read the history of plan work', () => {
    for (const role of ['viewer', 'sales', 'pm', 'leadership', 'admin'] as const) {
      for (const type of ['plan', 'phase', 'deliverable', 'gate'] as const) expect(mayReadHistory(role, type)).toBe(true);
    }
  });

  it("keeps a user's history to leadership and admins", () => {
    expect(mayReadHistory('viewer', 'user')).toBe(false);
    expect(mayReadHistory('sales', 'user')).toBe(false);
    expect(mayReadHistory('pm', 'user')).toBe(false);
    expect(mayReadHistory('leadership', 'user')).toBe(true);
    expect(mayReadHistory('admin', 'user')).toBe(true);
  });
});
