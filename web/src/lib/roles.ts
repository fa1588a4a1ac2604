import type { Role } from '@server/modules/users/users.schema';

// What each role may do, for hiding controls. The server is the gate; this only keeps the UI honest.
export const can = {
  editPlan: (role: Role | undefined) => role === 'pm' || role === 'leadership' || role === 'admin',
  /** Record evidence and attach it: everyone who works the plan or the pipeline. */
  recordEvidence: (role: Role | undefined) => role === 'sales' || role === 'pm' || role === 'leadership' || role === 'admin',
  decideGates: (role: Role | undefined) => role === 'leadership' || role === 'admin',
  readAudit: (role: Role | undefined) => role === 'leadership' || role === 'admin',
  manageUsers: (role: Role | undefined) => role === 'admin',
  editMetrics: (role: Role | undefined) => role === 'pm' || role === 'leadership' || role === 'admin',
  manageTokens: (role: Role | undefined) => role === 'admin',
};
