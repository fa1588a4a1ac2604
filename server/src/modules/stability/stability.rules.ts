// The stability-first rule (launch plan §8): while a gate of the current plan is blocked, new narrative
// pauses — publishing claims is held — and stability fixes come first.

export interface GateForStability {
  id: string;
  title: string;
  status: string;
  deletedAt: Date | null;
  position: number;
  phase: { key: string; name: string; startDay: number };
}

export interface BlockedGate {
  gateId: string;
  title: string;
  phaseKey: string;
  phaseName: string;
}

export interface StabilityState {
  /** The blocked gates of the current plan, in plan order (phase, then position). */
  blocked: BlockedGate[];
  /** Publishing claims is held (leadership may override one claim at a time, with a reason). */
  held: boolean;
}

/** Blocked, not deleted gates in plan order: by phase start, then phase key, then the gate's position. */
export function blockedGates(gates: readonly GateForStability[]): BlockedGate[] {
  return gates
    .filter((g) => g.status === 'BLOCKED' && g.deletedAt === null)
    .sort((a, b) => a.phase.startDay - b.phase.startDay || a.phase.key.localeCompare(b.phase.key) || a.position - b.position)
    .map((g) => ({ gateId: g.id, title: g.title, phaseKey: g.phase.key, phaseName: g.phase.name }));
}

export function stabilityState(gates: readonly GateForStability[]): StabilityState {
  const blocked = blockedGates(gates);
  return { blocked, held: blocked.length > 0 };
}
