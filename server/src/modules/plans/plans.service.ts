import type { Actor } from '../../context.js';
import type { Db, Tx } from '../../db/database.js';
import { fromIsoDate, toIsoDate, type IsoDate } from '../../lib/dates.js';
import { DomainError, notFound } from '../../lib/errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { diffFields, snapshot } from '../audit/audit.rules.js';
import { recordAudit, staleConflict } from '../audit/audit.service.js';
import { lockCriteria, reevaluateCriteria } from '../criteria/criteria.service.js';
import { deliverableProgress } from '../deliverables/deliverables.rules.js';
import { isOverdue } from './plan-item.rules.js';
import type { PlanCreateInput, PlanUpdateInput } from './plans.schema.js';
import { blankPhases, phaseWindow, planTimeline, shiftDate } from './plans.rules.js';

const itemSelect = {
  id: true,
  phaseId: true,
  title: true,
  description: true,
  ownerName: true,
  dueDate: true,
  status: true,
  position: true,
  version: true,
  updatedAt: true,
  criteria: {
    where: { deletedAt: null },
    orderBy: [{ position: 'asc' as const }, { createdAt: 'asc' as const }],
    select: { met: true, currentValue: true, targetValue: true } as const,
  },
} as const satisfies Prisma.DeliverableSelect;

const live = { deletedAt: null };
const byPosition = [{ position: 'asc' }, { createdAt: 'asc' }] as const;

const planSelect = {
  id: true,
  name: true,
  startDate: true,
  lengthDays: true,
  isCurrent: true,
  version: true,
  phases: {
    orderBy: { startDay: 'asc' },
    select: {
      id: true,
      key: true,
      name: true,
      startDay: true,
      endDay: true,
      goal: true,
      version: true,
      deliverables: { where: live, orderBy: [...byPosition], select: itemSelect },
      gates: { where: live, orderBy: [...byPosition], select: itemSelect },
    },
  },
} satisfies Prisma.PlanSelect;

type PlanRow = Prisma.PlanGetPayload<{ select: typeof planSelect }>;

type CriterionSummary = { met: boolean; currentValue: number | null; targetValue: number | null };

function itemView<
  T extends { dueDate: Date | null; updatedAt: Date; status: S; criteria: CriterionSummary[] },
  S extends Parameters<typeof isOverdue>[0]['status'],
>(item: T, today: IsoDate) {
  const { criteria, ...rest } = item;
  const dueDate = item.dueDate ? toIsoDate(item.dueDate) : null;
  const first = criteria[0];
  return {
    ...rest,
    dueDate,
    updatedAt: item.updatedAt.toISOString(),
    overdue: isOverdue({ status: item.status, dueDate }, today),
    criteriaMet: criteria.filter((c) => c.met).length,
    criteriaTotal: criteria.length,
    /** A measurable target: the first criterion's value against its target (a deliverable's "1/3"). */
    target: first && first.targetValue !== null ? { current: first.currentValue ?? 0, target: first.targetValue, met: first.met } : null,
  };
}

/** The whole plan as the web shows it: phases with their dates, progress, deliverables and gates. */
function planView(row: PlanRow, today: IsoDate) {
  const startDate = toIsoDate(row.startDate);
  return {
    id: row.id,
    name: row.name,
    startDate,
    lengthDays: row.lengthDays,
    isCurrent: row.isCurrent,
    version: row.version,
    timeline: planTimeline(startDate, row.lengthDays, today),
    phases: row.phases.map((phase) => {
      const deliverables = phase.deliverables.map((d) => itemView(d, today));
      const gates = phase.gates.map((g) => itemView(g, today));
      return {
        ...phase,
        ...phaseWindow(startDate, phase.startDay, phase.endDay, today),
        deliverables,
        gates,
        progress: deliverableProgress(deliverables, today),
        gatesPassed: gates.filter((g) => g.status === 'PASSED').length,
        overdueGates: gates.filter((g) => g.overdue).length,
      };
    }),
  };
}

export type PlanView = ReturnType<typeof planView>;
export type PhaseView = PlanView['phases'][number];

export async function getPlan(db: Db, id: string, today: IsoDate): Promise<PlanView> {
  const row = await db.plan.findUnique({ where: { id }, select: planSelect });
  if (!row) throw notFound('Plan', id);
  return planView(row, today);
}

/** The current plan, or null on a database with no plan yet. */
export async function getCurrentPlan(db: Db, today: IsoDate): Promise<PlanView | null> {
  const row = await db.plan.findFirst({ where: { isCurrent: true }, select: planSelect });
  return row ? planView(row, today) : null;
}

export async function listPlans(db: Db, today: IsoDate) {
  const rows = await db.plan.findMany({
    orderBy: { startDate: 'desc' },
    select: { id: true, name: true, startDate: true, lengthDays: true, isCurrent: true },
  });
  return rows.map((p) => {
    const startDate = toIsoDate(p.startDate);
    return { ...p, startDate, timeline: planTimeline(startDate, p.lengthDays, today) };
  });
}

/** A new plan, blank (the A/B/C structure, empty) or copied from another with dates shifted and statuses reset. */
// A copied item keeps its criteria (what it is checked against), not their evaluation or ticks.
const copiedItem = {
  title: true,
  description: true,
  ownerName: true,
  dueDate: true,
  criteria: { where: { deletedAt: null }, select: { key: true, title: true, kind: true, config: true, position: true } },
} as const;
type CopiedItem = Prisma.GateGetPayload<{ select: typeof copiedItem }>;
/** A gate's key travels with it: a pipeline naming `B.production-gates` finds it in the copy too. */
const copiedGate = { ...copiedItem, key: true } as const;

const copyItem = ({ criteria, ...item }: CopiedItem, position: number, shift: (d: Date | null) => Date | null) => ({
  ...item,
  dueDate: shift(item.dueDate),
  position,
  criteria: {
    create: criteria.map((c) => ({ key: c.key, title: c.title, kind: c.kind, config: c.config as Prisma.InputJsonValue, position: c.position, detail: 'Not evaluated yet' })),
  },
});

export async function createPlan(db: Db, actor: Actor, input: Required<Omit<PlanCreateInput, 'copyFromPlanId'>> & { copyFromPlanId?: string | undefined }, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx); // first, before any row lock (docs/architecture.md, "Locks")
    const source = input.copyFromPlanId
      ? await tx.plan.findUnique({
          where: { id: input.copyFromPlanId },
          select: {
            startDate: true,
            lengthDays: true,
            phases: {
              select: {
                key: true, name: true, startDay: true, endDay: true, goal: true,
                deliverables: { where: live, orderBy: [...byPosition], select: copiedItem },
                gates: { where: live, orderBy: [...byPosition], select: copiedGate },
              },
            },
          },
        })
      : null;
    if (input.copyFromPlanId && !source) throw notFound('Plan', input.copyFromPlanId);
    if (input.makeCurrent) await tx.plan.updateMany({ where: { isCurrent: true }, data: { isCurrent: false } });

    const fromStart = source ? toIsoDate(source.startDate) : input.startDate;
    const shift = (d: Date | null) => {
      const shifted = shiftDate(d ? toIsoDate(d) : null, fromStart, input.startDate);
      return shifted ? fromIsoDate(shifted) : null;
    };
    const phases = source
      ? source.phases.map((p) => ({
          key: p.key, name: p.name, startDay: p.startDay, endDay: p.endDay, goal: p.goal,
          deliverables: { create: p.deliverables.map((d, position) => copyItem(d, position, shift)) },
          gates: { create: p.gates.map(({ key, ...g }, position) => ({ ...copyItem(g, position, shift), key })) },
        }))
      : blankPhases(input.lengthDays);

    const data = {
      name: input.name,
      startDate: fromIsoDate(input.startDate),
      lengthDays: source ? source.lengthDays : input.lengthDays,
      isCurrent: input.makeCurrent,
      copiedFromId: input.copyFromPlanId ?? null,
    };
    const plan = await tx.plan.create({ data: { ...data, phases: { create: phases } }, select: { id: true } });
    await recordAudit(tx, actor, {
      action: 'plan.create',
      entityType: 'plan',
      entityId: plan.id,
      changes: snapshot(data, ['name', 'startDate', 'lengthDays', 'isCurrent', 'copiedFromId']),
    });
    await reevaluateCriteria(tx, actor, today);
    return plan;
  });
}

/** The CONFLICT for a stale version of a plan, with who changed it meanwhile and its name and start as they are now. */
async function stalePlan(tx: Tx, id: string, current?: { name: string; startDate: Date; version: number }) {
  current ??= (await tx.plan.findUnique({ where: { id }, select: { name: true, startDate: true, version: true } })) ?? undefined;
  return staleConflict(tx, { what: 'The plan', entityType: 'plan', entityId: id, current: current ?? null });
}

export async function updatePlan(db: Db, actor: Actor, input: PlanUpdateInput) {
  const { id, version, name, startDate } = input;
  return db.$transaction(async (tx) => {
    const before = await tx.plan.findUnique({ where: { id }, select: { name: true, startDate: true, version: true } });
    if (!before) throw notFound('Plan', id);
    if (before.version !== version) throw await stalePlan(tx, id, before);
    // Conditional on the version again, so the state read above is the one this write replaces.
    const { count } = await tx.plan.updateMany({
      where: { id, version },
      data: {
        ...(name !== undefined && { name }),
        ...(startDate !== undefined && { startDate: fromIsoDate(startDate) }),
        version: { increment: 1 },
      },
    });
    if (count === 0) throw await stalePlan(tx, id);
    await recordAudit(tx, actor, { action: 'plan.update', entityType: 'plan', entityId: id, changes: diffFields(before, { name, startDate }, ['name', 'startDate']) });
    return { id };
  });
}

/** Makes one plan current; the others stay readable as past or future plans. */
export async function setCurrentPlan(db: Db, actor: Actor, id: string, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx); // first, before any row lock (docs/architecture.md, "Locks")
    const plan = await tx.plan.findUnique({ where: { id }, select: { isCurrent: true } });
    if (!plan) throw notFound('Plan', id);
    await tx.plan.updateMany({ where: { isCurrent: true, NOT: { id } }, data: { isCurrent: false } });
    await tx.plan.update({ where: { id }, data: { isCurrent: true } });
    await recordAudit(tx, actor, {
      action: 'plan.setCurrent',
      entityType: 'plan',
      entityId: id,
      changes: diffFields(plan, { isCurrent: true }, ['isCurrent']),
    });
    await reevaluateCriteria(tx, actor, today);
    return { id };
  });
}

export function assertPlanExists(plan: PlanView | null): asserts plan is PlanView {
  if (!plan) throw new DomainError('NOT_FOUND', 'There is no current plan yet');
}
