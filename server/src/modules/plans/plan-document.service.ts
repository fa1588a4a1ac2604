// Plans in and out as Markdown documents: the service side of plan-document.rules.ts.
import type { Actor } from '../../context.js';
import type { Db } from '../../db/database.js';
import { addDays, daysBetween, fromIsoDate, toIsoDate, type IsoDate } from '../../lib/dates.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { snapshot } from '../audit/audit.rules.js';
import { recordAudit } from '../audit/audit.service.js';
import { reevaluateCriteria } from '../criteria/criteria.service.js';
import { formatPlanDocument, parsePlanDocument, type DocumentItem, type DocumentLanguage, type ExportPlan, type PlanDocument } from './plan-document.rules.js';
import type { PlanCreateFromDocumentInput } from './plan-document.schema.js';
import { slugKey, uniqueKey } from '../gates/gate-keys.rules.js';

/** What the preview shows: the parse, and whether it can become a plan as it stands. Writes nothing. */
export function previewPlanDocument(markdown: string): PlanDocument & { canCreate: boolean } {
  const doc = parsePlanDocument(markdown);
  return { ...doc, canCreate: doc.problems.length === 0 };
}

/** The refusal for a document with problems: each one named by its line, under the `markdown` field. */
function refuse(doc: PlanDocument): DomainError {
  const first = doc.problems[0]!;
  const more = doc.problems.length > 1 ? ` (and ${doc.problems.length - 1} more)` : '';
  return new DomainError(
    'INVALID',
    `The document cannot become a plan: ${first.message}${more}`,
    doc.problems.map((p) => ({ path: 'markdown', message: p.message })),
  );
}

/**
 * A new plan from a document, in one transaction: its phases with the headings' day ranges counted from
 * the chosen start date, their deliverables and gates. Items start at their first status, as a copied plan
 * does; a due date the document gives moves with the start date, and an item without one is due when its
 * phase ends.
 */
export async function createPlanFromDocument(db: Db, actor: Actor, input: Required<PlanCreateFromDocumentInput>, today: IsoDate) {
  const doc = parsePlanDocument(input.markdown);
  if (doc.problems.length > 0) throw refuse(doc);
  const shift = doc.startDate ? daysBetween(doc.startDate, input.startDate) : 0;
  const due = (item: DocumentItem<string>, endDay: number) => fromIsoDate(item.dueDate ? addDays(item.dueDate, shift) : addDays(input.startDate, endDay));
  const lengthDays = Math.max(doc.lengthDays, 7);

  return db.$transaction(async (tx) => {
    if (input.makeCurrent) await tx.plan.updateMany({ where: { isCurrent: true }, data: { isCurrent: false } });
    const data = { name: input.name, startDate: fromIsoDate(input.startDate), lengthDays, isCurrent: input.makeCurrent, copiedFromId: null };
    const plan = await tx.plan.create({
      data: {
        ...data,
        phases: {
          create: doc.phases.map((p) => {
            // parsePlanDocument reports a phase without a day range as a problem, refused above.
            const endDay = p.endDay!;
            const item = (i: DocumentItem<string>, position: number) => ({ title: i.title, ownerName: i.ownerName, dueDate: due(i, endDay), position });
            // Gates get the stable keys pipelines name them by (gate-keys.rules), unique within the phase.
            const keys: string[] = [];
            const gate = (i: DocumentItem<string>, position: number) => {
              const key = uniqueKey(slugKey(i.title, `gate-${position + 1}`), keys);
              keys.push(key);
              return { ...item(i, position), key };
            };
            return {
              key: p.key,
              name: p.name,
              startDay: p.startDay!,
              endDay,
              goal: p.goal,
              deliverables: { create: p.deliverables.map(item) },
              gates: { create: p.gates.map(gate) },
            };
          }),
        },
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: 'plan.create',
      entityType: 'plan',
      entityId: plan.id,
      changes: {
        ...snapshot(data, ['name', 'startDate', 'lengthDays', 'isCurrent']),
        fromDocument: true,
        phases: doc.phases.length,
        deliverables: doc.phases.reduce((n, p) => n + p.deliverables.length, 0),
        gates: doc.phases.reduce((n, p) => n + p.gates.length, 0),
      },
    });
    await reevaluateCriteria(tx, actor, today);
    return plan;
  });
}

const live = { deletedAt: null };
const byPosition = [{ position: 'asc' as const }, { createdAt: 'asc' as const }];
const exportedItem = { title: true, status: true, ownerName: true, dueDate: true } as const;

/** A plan as a Markdown document the import reads back to the same plan. */
export async function exportPlanMarkdown(db: Db, id: string, language: DocumentLanguage) {
  const row = await db.plan.findUnique({
    where: { id },
    select: {
      name: true,
      startDate: true,
      phases: {
        orderBy: { startDay: 'asc' },
        select: {
          key: true, name: true, startDay: true, endDay: true, goal: true,
          deliverables: { where: live, orderBy: byPosition, select: exportedItem },
          gates: { where: live, orderBy: byPosition, select: exportedItem },
        },
      },
    },
  });
  if (!row) throw notFound('Plan', id);
  const date = (d: Date | null) => (d ? toIsoDate(d) : null);
  const plan: ExportPlan = {
    name: row.name,
    startDate: toIsoDate(row.startDate),
    phases: row.phases.map((p) => ({
      ...p,
      deliverables: p.deliverables.map((d) => ({ ...d, dueDate: date(d.dueDate) })),
      gates: p.gates.map((g) => ({ ...g, dueDate: date(g.dueDate) })),
    })),
  };
  const slug = row.name.normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'plan';
  return { fileName: `${slug}.md`, markdown: formatPlanDocument(plan, language) };
}
