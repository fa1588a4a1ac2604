import type { z } from 'zod';
import type { Actor } from '../../context.js';
import type { Db, Tx } from '../../db/database.js';
import { fromIsoDate, toIsoDate, weekStartOf, type IsoDate } from '../../lib/dates.js';
import { conflictOnDuplicate, DomainError, notFound } from '../../lib/errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { recordAudit, staleConflict } from '../audit/audit.service.js';
import type { AgendaSectionView } from './agenda.rules.js';
import { computeLive, currentPhases, lastClosedBefore, openItemsBefore } from './agenda.service.js';
import { exportMarkdown } from './export.rules.js';
import { actionStatusProblem, editProblem, reviewWeekProblem, type PhaseState, type ReviewSnapshot, type SnapshotActionItem } from './reviews.rules.js';
import type {
  actionItemCreateInput,
  actionItemStatusInput,
  ActionItemStatus,
  attendeesSetInput,
  decisionCreateInput,
  noteSaveInput,
  ReviewGroup,
  ReviewStatus,
  ReviewTargetType,
} from './reviews.schema.js';

const isoOrNull = (d: Date | null) => (d ? toIsoDate(d) : null);
const closedRefused = (reason: string) => new DomainError('PRECONDITION_FAILED', reason);

// ---- reads ---------------------------------------------------------------------------------------

export async function listReviews(db: Db) {
  const rows = await db.weeklyReview.findMany({
    orderBy: { weekStart: 'desc' },
    select: {
      id: true,
      weekStart: true,
      status: true,
      closedAt: true,
      closedByName: true,
      _count: { select: { decisions: true, actionItems: true, attendees: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    weekStart: toIsoDate(r.weekStart),
    status: r.status as ReviewStatus,
    closedAt: r.closedAt?.toISOString() ?? null,
    closedByName: r.closedByName,
    decisions: r._count.decisions,
    actionItems: r._count.actionItems,
    attendees: r._count.attendees,
  }));
}

/** Active users, for the attendee, owner and "decided by" pickers. */
export function reviewPeople(db: Db) {
  return db.user.findMany({ where: { banned: false }, orderBy: { name: 'asc' }, select: { id: true, name: true, role: true } });
}

const actionSelect = {
  id: true,
  title: true,
  ownerId: true,
  ownerName: true,
  dueDate: true,
  status: true,
  targetType: true,
  targetId: true,
  closedInReviewId: true,
  version: true,
  review: { select: { weekStart: true } },
} satisfies Prisma.ActionItemSelect;
type ActionRow = Prisma.ActionItemGetPayload<{ select: typeof actionSelect }>;
const actionView = (a: ActionRow, today: IsoDate) => {
  const { review, dueDate, ...rest } = a;
  const due = isoOrNull(dueDate);
  return { ...rest, status: a.status as ActionItemStatus, dueDate: due, reviewWeek: toIsoDate(review.weekStart), overdue: a.status === 'OPEN' && due !== null && due < today };
};
export type ActionItemView = ReturnType<typeof actionView>;

/** Names the records decisions and action items link to (one query per type). */
async function targetLabels(db: Db | Tx, targets: readonly { targetType: string | null; targetId: string | null }[]) {
  const ids = (type: ReviewTargetType) => [...new Set(targets.filter((t) => t.targetType === type && t.targetId).map((t) => t.targetId!))];
  const [gates, deliverables, partners] = await Promise.all([
    ids('gate').length ? db.gate.findMany({ where: { id: { in: ids('gate') } }, select: { id: true, title: true } }) : [],
    ids('deliverable').length ? db.deliverable.findMany({ where: { id: { in: ids('deliverable') } }, select: { id: true, title: true, phase: { select: { key: true } } } }) : [],
    ids('partner').length ? db.partner.findMany({ where: { id: { in: ids('partner') } }, select: { id: true, company: true } }) : [],
  ]);
  const out = new Map<string, { label: string; phaseKey: string | null }>();
  for (const g of gates) out.set(`gate:${g.id}`, { label: g.title, phaseKey: null });
  for (const d of deliverables) out.set(`deliverable:${d.id}`, { label: d.title, phaseKey: d.phase.key });
  for (const p of partners) out.set(`partner:${p.id}`, { label: p.company, phaseKey: null });
  return out;
}

/** Records a decision or an action item may link to: the current plan's gates and deliverables, live partners. */
export async function reviewTargets(db: Db) {
  const [gates, deliverables, partners] = await Promise.all([
    db.gate.findMany({ where: { deletedAt: null, phase: { plan: { isCurrent: true } } }, orderBy: [{ phase: { startDay: 'asc' } }, { position: 'asc' }], select: { id: true, title: true, phase: { select: { key: true } } } }),
    db.deliverable.findMany({ where: { deletedAt: null, phase: { plan: { isCurrent: true } } }, orderBy: [{ phase: { startDay: 'asc' } }, { position: 'asc' }], select: { id: true, title: true, phase: { select: { key: true } } } }),
    db.partner.findMany({ where: { archivedAt: null }, orderBy: { company: 'asc' }, select: { id: true, company: true } }),
  ]);
  return {
    gates: gates.map((g) => ({ id: g.id, label: `${g.phase.key} · ${g.title}` })),
    deliverables: deliverables.map((d) => ({ id: d.id, label: `${d.phase.key} · ${d.title}` })),
    partners: partners.map((p) => ({ id: p.id, label: p.company })),
  };
}

/**
 * The review of a week, or null when none was opened. A draft shows the live agenda; a closed review
 * renders from the snapshot taken when it closed.
 */
export async function reviewByWeek(db: Db, weekStart: IsoDate, today: IsoDate, now = new Date()) {
  const week = fromIsoDate(weekStart);
  // This week's review is the draft people work in: its live agenda's first reads need only the
  // week, so they go out with the review's own (on the pool, not in a transaction, they run in
  // parallel). Other weeks are nearly always closed and render from their snapshot.
  const likelyDraft = weekStart === weekStartOf(today);
  const liveBase = () =>
    Promise.all([
      lastClosedBefore(db, weekStart),
      currentPhases(db),
      // Carried in from earlier reviews, changeable here while this review is a draft: the open ones
      // and those closed in this review.
      db.actionItem.findMany({
        where: { review: { weekStart: { lt: week } }, OR: [{ status: 'OPEN' }, { closedInReview: { weekStart: week } }] },
        orderBy: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
        select: actionSelect,
      }),
    ]);
  const [row, prev, next, early] = await Promise.all([
    db.weeklyReview.findUnique({
      where: { weekStart: week },
      select: {
        id: true,
        weekStart: true,
        status: true,
        snapshot: true,
        closedAt: true,
        closedByName: true,
        version: true,
        createdAt: true,
        attendees: { select: { userId: true, group: true, user: { select: { name: true } } } },
        notes: { select: { id: true, section: true, markdown: true, updatedByName: true, version: true, updatedAt: true } },
        decisions: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true, text: true, decidedByName: true, targetType: true, targetId: true, createdAt: true } },
        // This review's own: their week is this one, so no join back to the review.
        actionItems: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { ...actionSelect, review: false } },
      },
    }),
    db.weeklyReview.findFirst({ where: { weekStart: { lt: week } }, orderBy: { weekStart: 'desc' }, select: { weekStart: true } }),
    db.weeklyReview.findFirst({ where: { weekStart: { gt: week } }, orderBy: { weekStart: 'asc' }, select: { weekStart: true } }),
    likelyDraft ? liveBase() : null,
  ]);
  if (!row) return null;
  const status = row.status as ReviewStatus;
  const frozen = status === 'CLOSED' ? (row.snapshot as unknown as ReviewSnapshot) : null;
  const base = frozen ? null : (early ?? (await liveBase()));
  const carried = base ? base[2] : [];
  const actionItems = frozen ? frozen.actionItems.map((a) => ({ ...a, overdue: false })) : row.actionItems.map((a) => actionView({ ...a, review: { weekStart: row.weekStart } }, today));
  const [live, labels] = await Promise.all([
    base
      ? computeLive(db, today, now, {
          lastClosed: base[0],
          phases: base[1],
          openActionItems: carried
            .filter((a) => a.status === 'OPEN')
            .map((a) => ({ id: a.id, title: a.title, ownerName: a.ownerName, dueDate: isoOrNull(a.dueDate), reviewWeek: toIsoDate(a.review.weekStart) })),
        })
      : null,
    targetLabels(db, [...row.decisions, ...actionItems]),
  ]);
  const label = (t: { targetType: string | null; targetId: string | null }) => (t.targetType && t.targetId ? (labels.get(`${t.targetType}:${t.targetId}`) ?? null) : null);
  return {
    id: row.id,
    weekStart,
    status,
    version: row.version,
    closedAt: row.closedAt?.toISOString() ?? null,
    closedByName: row.closedByName,
    createdAt: row.createdAt.toISOString(),
    previousWeek: prev ? toIsoDate(prev.weekStart) : null,
    nextWeek: next ? toIsoDate(next.weekStart) : null,
    attendees: row.attendees
      .map((a) => ({ userId: a.userId, name: a.user.name, group: a.group as ReviewGroup }))
      .sort((a, b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name)),
    window: frozen?.window ?? live!.window,
    // Snapshots taken before the agenda was capped have no `more`.
    agenda: ((frozen?.agenda ?? live!.agenda) as AgendaSectionView[]).map((s) => ({ ...s, more: s.more ?? [] })),
    phases: (frozen?.phases ?? live!.phases) as PhaseState[],
    notes: row.notes.map((n) => ({ ...n, updatedAt: n.updatedAt.toISOString() })),
    decisions: row.decisions.map((d) => ({ ...d, createdAt: d.createdAt.toISOString(), target: label(d) })),
    actionItems: actionItems.map((a) => ({ ...a, target: label(a) })),
    carriedOver: carried.map((a) => actionView(a, today)),
  };
}
export type ReviewView = NonNullable<Awaited<ReturnType<typeof reviewByWeek>>>;

/** Every open action item (they carry over until closed), overdue first, for the leadership home. */
export async function openActionItems(db: Db, today: IsoDate) {
  const [last, items] = await Promise.all([
    db.weeklyReview.findFirst({ where: { status: 'CLOSED' }, orderBy: { weekStart: 'desc' }, select: { weekStart: true } }),
    db.actionItem.findMany({ where: { status: 'OPEN' }, orderBy: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }], select: actionSelect }),
  ]);
  const views = items.map((a) => actionView(a, today));
  return {
    lastReviewWeek: last ? toIsoDate(last.weekStart) : null,
    items: [...views.filter((a) => a.overdue), ...views.filter((a) => !a.overdue)],
  };
}

export async function reviewMarkdown(db: Db, weekStart: IsoDate, today: IsoDate) {
  const review = await reviewByWeek(db, weekStart, today);
  if (!review) throw notFound('Review of the week', weekStart);
  return { filename: `weekly-review-${weekStart}.md`, markdown: exportMarkdown(review) };
}

// ---- writes --------------------------------------------------------------------------------------

/** Opens this week's review, creating it once however many people open it at the same moment. */
export async function openThisWeek(db: Db, actor: Actor, today: IsoDate) {
  const weekStart = weekStartOf(today);
  const problem = reviewWeekProblem(weekStart, today);
  if (problem) throw new DomainError('INVALID', problem);
  return db.$transaction(async (tx) => {
    // ON CONFLICT DO NOTHING: a concurrent open waits for the first and then creates nothing.
    const { count } = await tx.weeklyReview.createMany({ data: [{ weekStart: fromIsoDate(weekStart) }], skipDuplicates: true });
    const review = await tx.weeklyReview.findUniqueOrThrow({ where: { weekStart: fromIsoDate(weekStart) }, select: { id: true } });
    if (count === 1) {
      await recordAudit(tx, actor, { action: 'review.create', entityType: 'review', entityId: review.id, changes: { weekStart } });
    }
    return { id: review.id, weekStart, created: count === 1 };
  });
}

/**
 * Takes the review's row lock while it is a draft, so a write cannot slip in after a concurrent close
 * (the close waits for it, or it sees CLOSED and is refused).
 */
async function lockDraft(tx: Tx, reviewId: string) {
  const { count } = await tx.weeklyReview.updateMany({ where: { id: reviewId, status: 'DRAFT' }, data: { updatedAt: new Date() } });
  const row = await tx.weeklyReview.findUnique({ where: { id: reviewId }, select: { id: true, weekStart: true, status: true, version: true } });
  if (!row) throw notFound('Review', reviewId);
  if (count === 0) throw closedRefused(editProblem({ status: row.status as ReviewStatus }) ?? 'This review is closed');
  return { ...row, weekStart: toIsoDate(row.weekStart), status: row.status as ReviewStatus };
}

async function assertTarget(tx: Tx, t: { targetType: ReviewTargetType | null; targetId: string | null }) {
  if ((t.targetType === null) !== (t.targetId === null)) throw new DomainError('INVALID', 'A link needs both a record type and a record', [{ path: 'targetId', message: 'Incomplete link' }]);
  if (!t.targetType || !t.targetId) return;
  const where = { id: t.targetId };
  const found =
    t.targetType === 'gate'
      ? await tx.gate.findFirst({ where: { ...where, deletedAt: null }, select: { id: true } })
      : t.targetType === 'deliverable'
        ? await tx.deliverable.findFirst({ where: { ...where, deletedAt: null }, select: { id: true } })
        : await tx.partner.findFirst({ where: { ...where, archivedAt: null }, select: { id: true } });
  if (!found) throw new DomainError('INVALID', `There is no ${t.targetType} ${t.targetId}`, [{ path: 'targetId', message: 'Unknown record' }]);
}

// The CONFLICTs for stale versions: who changed the record meanwhile, and what it holds now.
async function staleReview(tx: Tx, id: string) {
  const row = await tx.weeklyReview.findUnique({
    where: { id },
    select: { status: true, version: true, attendees: { orderBy: { userId: 'asc' }, select: { group: true, user: { select: { name: true } } } } },
  });
  const current = row && { status: row.status, attendees: row.attendees.map((a) => `${a.group}: ${a.user.name}`), version: row.version };
  return staleConflict(tx, { what: 'The review', entityType: 'review', entityId: id, current });
}

async function staleNote(tx: Tx, reviewId: string, section: string) {
  const note = await tx.reviewNote.findUnique({ where: { reviewId_section: { reviewId, section } }, select: { markdown: true, version: true, updatedByName: true, updatedAt: true } });
  // A note knows who wrote it last; the review's trail also holds its other sections' notes.
  return staleConflict(tx, {
    what: 'This note',
    entityType: 'review',
    entityId: reviewId,
    current: note && { markdown: note.markdown, version: note.version },
    ...(note && { changed: { by: note.updatedByName, at: note.updatedAt } }),
  });
}

async function staleActionItem(tx: Tx, id: string) {
  const current = await tx.actionItem.findUnique({ where: { id }, select: { title: true, status: true, version: true } });
  return staleConflict(tx, { what: 'The action item', entityType: 'actionItem', entityId: id, current });
}

export async function setAttendees(db: Db, actor: Actor, input: z.output<typeof attendeesSetInput>) {
  return db.$transaction(async (tx) => {
    const review = await lockDraft(tx, input.reviewId);
    if (review.version !== input.version) throw await staleReview(tx, review.id);
    const userIds = [...new Set(input.attendees.map((a) => a.userId))];
    const users = await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
    if (users.length !== userIds.length) throw new DomainError('INVALID', 'An attendee is not a user', [{ path: 'attendees', message: 'Unknown user' }]);
    const before = await tx.reviewAttendee.findMany({ where: { reviewId: review.id }, select: { userId: true, group: true } });
    await tx.reviewAttendee.deleteMany({ where: { reviewId: review.id } });
    const unique = userIds.map((id) => input.attendees.find((a) => a.userId === id)!);
    if (unique.length) await tx.reviewAttendee.createMany({ data: unique.map((a) => ({ reviewId: review.id, userId: a.userId, group: a.group })) });
    await tx.weeklyReview.update({ where: { id: review.id }, data: { version: { increment: 1 } } });
    const name = (id: string) => users.find((u) => u.id === id)?.name ?? id;
    await recordAudit(tx, actor, {
      action: 'review.attendees',
      entityType: 'review',
      entityId: review.id,
      changes: { attendees: { from: before.map((a) => `${a.group}: ${a.userId}`), to: unique.map((a) => `${a.group}: ${name(a.userId)}`) } },
    });
    return { id: review.id, version: review.version + 1 };
  });
}

export async function saveNote(db: Db, actor: Actor, input: z.output<typeof noteSaveInput>) {
  return db.$transaction(async (tx) => {
    const review = await lockDraft(tx, input.reviewId);
    const current = await tx.reviewNote.findUnique({ where: { reviewId_section: { reviewId: review.id, section: input.section } }, select: { id: true, markdown: true, version: true } });
    if (input.version === null) {
      if (current) throw await staleNote(tx, review.id, input.section);
      const created = await conflictOnDuplicate(
        tx.reviewNote.create({ data: { reviewId: review.id, section: input.section, markdown: input.markdown, updatedByName: actor.name }, select: { id: true, version: true } }),
        'section',
        'Someone else started this note meanwhile; reload to see it',
      );
      await recordAudit(tx, actor, { action: 'review.note', entityType: 'review', entityId: review.id, changes: { section: input.section, markdown: { from: '', to: input.markdown } } });
      return created;
    }
    if (!current) throw await staleNote(tx, review.id, input.section);
    const { count } = await tx.reviewNote.updateMany({
      where: { id: current.id, version: input.version },
      data: { markdown: input.markdown, updatedByName: actor.name, version: { increment: 1 } },
    });
    if (count === 0) throw await staleNote(tx, review.id, input.section);
    await recordAudit(tx, actor, {
      action: 'review.note',
      entityType: 'review',
      entityId: review.id,
      changes: { section: input.section, markdown: { from: current.markdown, to: input.markdown } },
    });
    return { id: current.id, version: input.version + 1 };
  });
}

export async function addDecision(db: Db, actor: Actor, input: z.output<typeof decisionCreateInput>) {
  return db.$transaction(async (tx) => {
    const review = await lockDraft(tx, input.reviewId);
    await assertTarget(tx, input);
    const created = await tx.reviewDecision.create({
      data: { reviewId: review.id, text: input.text, decidedByName: input.decidedByName, targetType: input.targetType, targetId: input.targetId, createdByName: actor.name },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: 'review.decision',
      entityType: 'review',
      entityId: review.id,
      changes: { decisionId: created.id, text: input.text, decidedByName: input.decidedByName, targetType: input.targetType, targetId: input.targetId },
    });
    return created;
  });
}

export async function addActionItem(db: Db, actor: Actor, input: z.output<typeof actionItemCreateInput>) {
  return db.$transaction(async (tx) => {
    const review = await lockDraft(tx, input.reviewId);
    await assertTarget(tx, input);
    const owner = await tx.user.findFirst({ where: { id: input.ownerId, banned: false }, select: { id: true, name: true } });
    if (!owner) throw new DomainError('INVALID', 'The owner is not an active user', [{ path: 'ownerId', message: 'Unknown user' }]);
    const created = await tx.actionItem.create({
      data: {
        reviewId: review.id,
        title: input.title,
        ownerId: owner.id,
        ownerName: owner.name,
        dueDate: input.dueDate ? fromIsoDate(input.dueDate) : null,
        targetType: input.targetType,
        targetId: input.targetId,
      },
      select: { id: true, version: true },
    });
    await recordAudit(tx, actor, {
      action: 'actionItem.create',
      entityType: 'actionItem',
      entityId: created.id,
      changes: { reviewWeek: review.weekStart, title: input.title, ownerName: owner.name, dueDate: input.dueDate, targetType: input.targetType, targetId: input.targetId },
    });
    return created;
  });
}

/** Done, dropped or reopened, from the draft review it is being discussed in. */
export async function setActionItemStatus(db: Db, actor: Actor, input: z.output<typeof actionItemStatusInput>) {
  return db.$transaction(async (tx) => {
    const from = await lockDraft(tx, input.reviewId);
    const item = await tx.actionItem.findUnique({ where: { id: input.id }, select: { id: true, status: true, version: true, closedInReviewId: true, review: { select: { weekStart: true } } } });
    if (!item) throw notFound('Action item', input.id);
    const problem = actionStatusProblem({ status: item.status as ActionItemStatus, reviewWeek: toIsoDate(item.review.weekStart), closedInReviewId: item.closedInReviewId }, from, input.status);
    if (problem) throw closedRefused(problem);
    if (item.version !== input.version) throw await staleActionItem(tx, item.id);
    if (item.status === input.status) return { id: item.id, version: item.version };
    const closing = input.status !== 'OPEN';
    const { count } = await tx.actionItem.updateMany({
      where: { id: item.id, version: input.version },
      data: { status: input.status, closedInReviewId: closing ? from.id : null, closedAt: closing ? new Date() : null, version: { increment: 1 } },
    });
    if (count === 0) throw await staleActionItem(tx, item.id);
    await recordAudit(tx, actor, {
      action: 'actionItem.status',
      entityType: 'actionItem',
      entityId: item.id,
      changes: { status: { from: item.status, to: input.status }, inReviewWeek: from.weekStart },
    });
    return { id: item.id, version: item.version + 1 };
  });
}

/** Closes a review for good: the agenda and phase/gate states of this moment become its snapshot. */
export async function closeReview(db: Db, actor: Actor, input: { id: string; version: number }, today: IsoDate, now = new Date()) {
  return db.$transaction(async (tx) => {
    const row = await tx.weeklyReview.findUnique({ where: { id: input.id }, select: { id: true, weekStart: true, status: true, version: true } });
    if (!row) throw notFound('Review', input.id);
    if (row.status === 'CLOSED') throw closedRefused('This review is already closed');
    // The conditional write takes the row lock first: concurrent edits finish before the snapshot, or are refused after.
    const { count } = await tx.weeklyReview.updateMany({
      where: { id: row.id, version: input.version, status: 'DRAFT' },
      data: { status: 'CLOSED', closedAt: now, closedByName: actor.name, version: { increment: 1 } },
    });
    if (count === 0) throw await staleReview(tx, row.id);
    const weekStart = toIsoDate(row.weekStart);
    // In the transaction, one connection: the reads run one after another whichever way they are written.
    const live = await computeLive(tx, today, now, { lastClosed: await lastClosedBefore(tx, weekStart), phases: await currentPhases(tx), openActionItems: await openItemsBefore(tx, weekStart) });
    const items = await tx.actionItem.findMany({ where: { reviewId: row.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: actionSelect });
    const snapshot: ReviewSnapshot = {
      ...live,
      actionItems: items.map(
        (a): SnapshotActionItem => ({ id: a.id, title: a.title, ownerName: a.ownerName, dueDate: isoOrNull(a.dueDate), status: a.status as ActionItemStatus, targetType: a.targetType, targetId: a.targetId }),
      ),
    };
    await tx.weeklyReview.update({ where: { id: row.id }, data: { snapshot: snapshot as unknown as Prisma.InputJsonValue } });
    await recordAudit(tx, actor, { action: 'review.close', entityType: 'review', entityId: row.id, changes: { weekStart, status: { from: 'DRAFT', to: 'CLOSED' } } });
    return { id: row.id, version: row.version + 1 };
  });
}
