import type { Role } from '@server/modules/users/users.schema';

// What each role may do, for hiding controls. The server is the gate; this only keeps the UI honest.
export const can = {
  editPlan: (role: Role | undefined) => role === 'pm' || role === 'leadership' || role === 'admin',
  decideGates: (role: Role | undefined) => role === 'leadership' || role === 'admin',
  readAudit: (role: Role | undefined) => role === 'leadership' || role === 'admin',
  manageUsers: (role: Role | undefined) => role === 'admin',
};
