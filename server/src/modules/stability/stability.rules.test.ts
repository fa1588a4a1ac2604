import { describe, expect, it } from 'vitest';
import { stabilityState, type GateForStability } from './stability.rules.js';

const phaseA = { key: 'A', name: 'Launch Foundation', startDay: 0 };
const phaseB = { key: 'B', name: 'Hosted Revenue Motion', startDay: 31 };
const gate = (id: string, status: string, phase = phaseA, position = 0, deletedAt: Date | null = null): GateForStability => ({
  id,
  title: `Gate ${id}`,
  status,
  deletedAt,
  position,
  phase,
});

describe('stabilityState', () => {
  it('is not held when no gate is blocked', () => {
    expect(stabilityState([gate('1', 'AT_RISK'), gate('2', 'FAILED'), gate('3', 'PASSED')])).toEqual({ blocked: [], held: false });
    expect(stabilityState([])).toEqual({ blocked: [], held: false });
  });

  it('names every blocked gate in plan order and holds publishing', () => {
    const state = stabilityState([gate('b2', 'BLOCKED', phaseB, 2), gate('a5', 'BLOCKED', phaseA, 5), gate('b1', 'BLOCKED', phaseB, 1), gate('a1', 'ON_TRACK')]);
    expect(state.held).toBe(true);
    expect(state.blocked).toEqual([
      { gateId: 'a5', title: 'Gate a5', phaseKey: 'A', phaseName: 'Launch Foundation' },
      { gateId: 'b1', title: 'Gate b1', phaseKey: 'B', phaseName: 'Hosted Revenue Motion' },
      { gateId: 'b2', title: 'Gate b2', phaseKey: 'B', phaseName: 'Hosted Revenue Motion' },
    ]);
  });

  it('ignores a deleted gate even when it was blocked', () => {
    expect(stabilityState([gate('x', 'BLOCKED', phaseA, 0, new Date())])).toEqual({ blocked: [], held: false });
  });
});
