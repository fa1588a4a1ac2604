import { describe, expect, it } from 'vitest';
import { maySetGateStatus } from './gates.rules.js';

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
