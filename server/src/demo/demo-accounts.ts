import type { Role } from '../modules/users/users.schema.js';

export interface DemoAccount {
  role: Role;
  name: string;
  email: string;
  password: string;
}

// Shown on the login page in demo mode only; the demo database is thrown away on exit.
export const demoAccounts: DemoAccount[] = [
  { role: 'admin', name: 'Ada Admin', email: 'admin@demo.aionis.test', password: 'demo-admin-aionis-2026' },
  { role: 'leadership', name: 'Lee Leadership', email: 'leadership@demo.aionis.test', password: 'demo-leadership-aionis-2026' },
  { role: 'pm', name: 'Pat PM', email: 'pm@demo.aionis.test', password: 'demo-pm-aionis-2026' },
  { role: 'sales', name: 'Sam Sales', email: 'sales@demo.aionis.test', password: 'demo-sales-aionis-2026' },
  { role: 'viewer', name: 'Vic Viewer', email: 'viewer@demo.aionis.test', password: 'demo-viewer-aionis-2026' },
];
