import { describe, expect, it } from 'vitest';
import { parseAuditChanges, parseAuditEvents, phaseIdsIn } from './audit-actions.schema.js';
import { knownAuditActions } from './audit.schema.js';

describe('audit action schemas', () => {
  it('parse the changes readers rely on, and refuse other shapes', () => {
    expect(parseAuditChanges('evidence.health', { health: { from: 'HEALTHY', to: 'BROKEN' }, httpStatus: 404, checkError: null })).toEqual({
      health: { from: 'HEALTHY', to: 'BROKEN' },
      httpStatus: 404,
      checkError: null,
    });
    expect(parseAuditChanges('evidence.health', { health: 'BROKEN' })).toBeNull();
    expect(parseAuditChanges('criterion.flip', { met: { from: false, to: true }, gateId: 'g1' })).toMatchObject({ met: { to: true } });
    expect(parseAuditChanges('criterion.flip', { met: { from: 'no', to: 'yes' } })).toBeNull();
    expect(parseAuditChanges('criterion.flip', null)).toBeNull();
  });

  it('narrow a list of events to the asked actions, dropping those that do not parse', () => {
    const events = [
      { id: 1, action: 'criterion.flip', changes: { met: { from: false, to: true } } },
      { id: 2, action: 'evidence.health', changes: { health: { from: 'UNCHECKED', to: 'HEALTHY' } } },
      { id: 3, action: 'criterion.flip', changes: { met: true } },
      { id: 4, action: 'gate.update', changes: {} },
    ];
    expect(parseAuditEvents(events, ['criterion.flip', 'evidence.health']).map((e) => e.id)).toEqual([1, 2]);
  });

  it('find the phases an event names, as an item field or a move', () => {
    expect(phaseIdsIn({ title: 'X', phaseId: 'p1' })).toEqual(['p1']);
    expect(phaseIdsIn({ phaseId: { from: 'p1', to: 'p2' } })).toEqual(['p1', 'p2']);
    expect(phaseIdsIn({ phaseId: 7 })).toEqual([]);
    expect(phaseIdsIn(null)).toEqual([]);
  });

  it('suggest every action on the audit page, metrics and tokens included', () => {
    expect(knownAuditActions).toEqual(expect.arrayContaining(['deliverable.update', 'metric.values', 'token.revoke', 'user.role']));
    expect(new Set(knownAuditActions).size).toBe(knownAuditActions.length);
  });
});
