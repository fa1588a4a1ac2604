import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { addDays, fromIsoDate, localToday, type IsoDate } from '../../lib/dates.js';
import { seedDir } from '../../lib/paths.js';
import { systemActor } from '../audit/audit.service.js';
import { criterionSpec } from '../criteria/criteria.schema.js';
import { reevaluateCriteria } from '../criteria/criteria.service.js';
import { criterionKeys, slugKey } from '../gates/gate-keys.rules.js';
import { metricDirection, metricKey } from '../metrics/metrics.schema.js';

const seedCriterion = z.object({ title: z.string().min(1), spec: criterionSpec });
const seedItem = z.object({
  /** A gate's stable key within its phase (`production-gates`); a slug of the title when absent. */
  key: z.string().regex(/^[a-z0-9-]{1,60}$/).optional(),
  title: z.string(),
  ownerName: z.string(),
  dueDay: z.number().int(),
  source: z.string().optional(),
  /** What the gate (or, as a measurable target, the deliverable) is checked against. */
  criteria: z.array(seedCriterion).default([]),
});
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
  /** The weekly KPIs the plan tracks (§5.4); seeded once, into a database that has no metric. */
  metrics: z
    .array(
      z.object({
        key: metricKey,
        name: z.string().min(1),
        unit: z.string().default(''),
        direction: metricDirection.default('UP'),
        target: z.number().nullable().default(null),
        description: z.string().default(''),
      }),
    )
    .default([]),
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
export async function seedIfEmpty(db: Db, seed?: LaunchPlanSeed, today: IsoDate = localToday()): Promise<{ seeded: boolean }> {
  const plan = seed ?? (await readLaunchPlan());
  return db.$transaction(async (tx) => {
    // Serialises concurrent first starts (two servers on one PostgreSQL) on the same lock key.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(4242001)`;
    // Metrics on their own: a database from before metrics existed gains the KPIs on its next start.
    if (plan.metrics.length > 0 && (await tx.metric.count()) === 0) {
      await tx.metric.createMany({ data: plan.metrics.map((m, position) => ({ ...m, position })) });
    }
    if ((await tx.plan.count()) > 0) return { seeded: false };
    const dated = (item: z.infer<typeof seedItem>, position: number) => ({
      title: item.title,
      ownerName: item.ownerName,
      description: item.source ? `From the launch plan, ${item.source}.` : '',
      dueDate: fromIsoDate(addDays(plan.startDate, item.dueDay)),
      position,
      criteria: {
        create: item.criteria.map((c, i) => ({
          key: criterionKeys(item.criteria.map((x) => x.spec))[i]!,
          title: c.title,
          kind: c.spec.kind,
          config: c.spec.config,
          position: i,
          detail: 'Not evaluated yet',
        })),
      },
    });
    const gate = (item: z.infer<typeof seedItem>, position: number) => ({ ...dated(item, position), key: item.key ?? slugKey(item.title, 'gate') });
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
            gates: { create: p.gates.map(gate) },
          })),
        },
      },
    });
    await reevaluateCriteria(tx, systemActor('seed'), today);
    return { seeded: true };
  });
}
