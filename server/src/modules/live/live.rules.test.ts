import { describe, expect, it } from 'vitest';
import { parseChange } from './live.rules.js';

describe('parseChange', () => {
  it('reads the payload the AuditEvent trigger sends', () => {
    const payload = JSON.stringify({ id: '0190', entityType: 'gate', entityId: 'g1', action: 'gate.update', at: '2026-03-10T10:00:00.123' });
    expect(parseChange(payload)).toEqual({ id: '0190', entityType: 'gate', entityId: 'g1', action: 'gate.update', at: '2026-03-10T10:00:00.123' });
  });

  it('ignores anything else', () => {
    expect(parseChange('not json')).toBeNull();
    expect(parseChange('null')).toBeNull();
    expect(parseChange(JSON.stringify({ id: 1, entityType: 'gate', entityId: 'g1', action: 'x', at: 'y' }))).toBeNull();
    expect(parseChange(JSON.stringify({ entityType: 'gate' }))).toBeNull();
  });
});
