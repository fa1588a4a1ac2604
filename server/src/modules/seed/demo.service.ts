import type { Auth } from '../../auth/auth.js';
import type { Db } from '../../db/database.js';
import { addDays, daysBetween, fromIsoDate, type IsoDate } from '../../lib/dates.js';
import type { Role } from '../users/users.schema.js';
import { readLaunchPlan, seedIfEmpty } from './seed.service.js';

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

/** The Monday on or before a date: demo plans start at the beginning of a week, like the real one. */
function mondayOnOrBefore(iso: IsoDate): IsoDate {
  const weekday = fromIsoDate(iso).getUTCDay(); // 0 = Sunday
  return addDays(iso, -((weekday + 6) % 7));
}

/**
 * Demo data: the launch plan shifted so that today falls inside phase B (about day 45), with phase A
 * done and its gates passed, phase B under way, and one user per role.
 */
export async function seedDemo(db: Db, auth: Auth, today: IsoDate) {
  const plan = await readLaunchPlan();
  const phaseB = plan.phases.find((p) => p.key === 'B')!;
  const startDate = mondayOnOrBefore(addDays(today, -(phaseB.startDay + 14)));
  const { seeded } = await seedIfEmpty(db, { ...plan, startDate });
  if (!seeded) return { seeded: false };

  for (const account of demoAccounts) {
    await auth.api.createUser({ body: { name: account.name, email: account.email, password: account.password, role: account.role as 'admin' } });
  }

  const day = daysBetween(startDate, today);
  const phases = await db.phase.findMany({ select: { id: true, key: true } });
  const idOf = (key: string) => phases.find((p) => p.key === key)!.id;
  await db.$transaction(async (tx) => {
    // Phase A: finished, one website item slipped into phase B, gates passed.
    const aItems = await tx.deliverable.findMany({ where: { phaseId: idOf('A') }, orderBy: { position: 'asc' }, select: { id: true, dueDate: true } });
    for (const [i, item] of aItems.entries()) {
      const late = i === 13; // "Site-wide CTA tracking and funnel verification"
      await tx.deliverable.update({
        where: { id: item.id },
        data: late ? { status: 'IN_PROGRESS' } : { status: 'DONE', completedAt: item.dueDate ?? fromIsoDate(startDate) },
      });
    }
    await tx.gate.updateMany({ where: { phaseId: idOf('A') }, data: { status: 'PASSED' } });
    // Phase B: under way.
    const bItems = await tx.deliverable.findMany({ where: { phaseId: idOf('B') }, orderBy: { position: 'asc' }, select: { id: true } });
    const bStatuses = ['DONE', 'IN_PROGRESS', 'IN_PROGRESS', 'NOT_STARTED'] as const;
    for (const [i, item] of bItems.entries()) {
      const status = bStatuses[i] ?? 'NOT_STARTED';
      await tx.deliverable.update({ where: { id: item.id }, data: { status, completedAt: status === 'DONE' ? fromIsoDate(addDays(startDate, day - 3)) : null } });
    }
    const bGates = await tx.gate.findMany({ where: { phaseId: idOf('B') }, orderBy: { position: 'asc' }, select: { id: true } });
    const gateStatuses = ['AT_RISK', 'ON_TRACK', 'ON_TRACK'] as const;
    for (const [i, gate] of bGates.entries()) await tx.gate.update({ where: { id: gate.id }, data: { status: gateStatuses[i] ?? 'PENDING' } });
  });
  return { seeded: true };
}
