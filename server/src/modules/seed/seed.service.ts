import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { addDays, fromIsoDate } from '../../lib/dates.js';
import { seedDir } from '../../lib/paths.js';

const seedItem = z.object({ title: z.string(), ownerName: z.string(), dueDay: z.number().int(), source: z.string().optional() });
export const launchPlanSeed = z.object({
  name: z.string(),
  startDate: z.iso.date(),
  lengthDays: z.number().int(),
  phases: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      startDay: z.number().int(),
      endDay: z.number().int(),
      goal: z.string(),
      deliverables: z.array(seedItem),
      gates: z.array(seedItem),
    }),
  ),
});
export type LaunchPlanSeed = z.infer<typeof launchPlanSeed>;

export async function readLaunchPlan(): Promise<LaunchPlanSeed> {
  const raw = await readFile(path.join(seedDir, 'launch-plan.json'), 'utf8');
  return launchPlanSeed.parse(JSON.parse(raw));
}

/**
 * Seeds the launch plan into a database that has no plan. Idempotent, and never touches a database that
 * already holds a plan, so edits (even deleting everything in it) are never overwritten.
 */
export async function seedIfEmpty(db: Db, seed?: LaunchPlanSeed): Promise<{ seeded: boolean }> {
  const plan = seed ?? (await readLaunchPlan());
  return db.$transaction(async (tx) => {
    // Serialises concurrent first starts (two servers on one PostgreSQL) on the same lock key.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(4242001)`;
    if ((await tx.plan.count()) > 0) return { seeded: false };
    const dated = (item: z.infer<typeof seedItem>, position: number) => ({
      title: item.title,
      ownerName: item.ownerName,
      description: item.source ? `From the launch plan, ${item.source}.` : '',
      dueDate: fromIsoDate(addDays(plan.startDate, item.dueDay)),
      position,
    });
    await tx.plan.create({
      data: {
        name: plan.name,
        startDate: fromIsoDate(plan.startDate),
        lengthDays: plan.lengthDays,
        isCurrent: true,
        phases: {
          create: plan.phases.map((p) => ({
            key: p.key,
            name: p.name,
            startDay: p.startDay,
            endDay: p.endDay,
            goal: p.goal,
            deliverables: { create: p.deliverables.map(dated) },
            gates: { create: p.gates.map(dated) },
          })),
        },
      },
    });
    return { seeded: true };
  });
}
