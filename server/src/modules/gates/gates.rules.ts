import type { Role } from '../users/users.schema.js';
import type { GateStatus } from './gates.schema.js';

/** Passed and failed are the Go / No-go decision, leadership's alone; pm sets the working states. */
export const decisionStatuses: ReadonlySet<GateStatus> = new Set<GateStatus>(['PASSED', 'FAILED']);

export function maySetGateStatus(role: Role, status: GateStatus): boolean {
  if (!decisionStatuses.has(status)) return role === 'pm' || role === 'leadership' || role === 'admin';
  return role === 'leadership' || role === 'admin';
}
