import type { z } from 'zod';
import type { Actor } from '../../context.js';
import type { Db, Tx } from '../../db/database.js';
import { fromIsoDate, toIsoDate, type IsoDate } from '../../lib/dates.js';
import { conflictOnDuplicate, DomainError, forbidden, notFound } from '../../lib/errors.js';
import { Prisma } from '../../generated/prisma/client.js';
import { diffFields, snapshot } from '../audit/audit.rules.js';
import { recordAudit, staleConflict } from '../audit/audit.service.js';
import { lockCriteria, reevaluateCriteria } from '../criteria/criteria.service.js';
import { companyKey } from './partners-import.rules.js';
import type { Role } from '../users/users.schema.js';
import {
  hasReachedPoc,
  isNextStepOverdue,
  mayEditPartner,
  newestFirst,
  ownerRoles,
  stageMoveProblem,
} from './partners.rules.js';
import { partnerStages } from './partners.schema.js';
import type {
  ActivityKind,
  activityLogInput,
  partnerBoardInput,
  partnerColumnInput,
  partnerCreateInput,
  partnerExportInput,
  partnerFilters,
  partnerListInput,
  PartnerSortKey,
  partnerMoveStageInput,
  PartnerStage,
  partnerUpdateInput,
  PocStatus,
  pocUpsertInput,
} from './partners.schema.js';

type Reader = { userId: string; role: Role };

const dateOrNull = (iso: string | null) => (iso === null ? null : fromIsoDate(iso));
const isoOrNull = (date: Date | null) => (date === null ? null : toIsoDate(date));

/** What the trail records of a partner: the fields a person edits (contacts as readable lines). */
const auditedFields = [
  'company',
  'website',
  'segment',
  'package',
  'track',
  'ownerId',
  'stage',
  'expectedValue',
  'currency',
  'nextStep',
  'nextStepDue',
  'tags',
  'contacts',
] as const;

const contactLine = (c: { name: string; role: string; email: string | null }) =>
  [c.name, c.role && `(${c.role})`, c.email && `<${c.email}>`].filter(Boolean).join(' ');

// ---- reads ---------------------------------------------------------------------------------------

const cardSelect = {
  id: true,
  company: true,
  stage: true,
  track: true,
  segment: true,
  package: true,
  ownerId: true,
  owner: { select: { name: true } },
  expectedValue: true,
  currency: true,
  nextStep: true,
  nextStepDue: true,
  tags: true,
  version: true,
  updatedAt: true,
  archivedAt: true,
} satisfies Prisma.PartnerSelect;

type CardRow = Prisma.PartnerGetPayload<{ select: typeof cardSelect }>;

function cardView(row: CardRow, today: string) {
  const { owner, nextStepDue, updatedAt, archivedAt, ...rest } = row;
  const due = isoOrNull(nextStepDue);
  return {
    ...rest,
    ownerName: owner.name,
    nextStepDue: due,
    nextStepOverdue: isNextStepOverdue(due, row.stage, today),
    updatedAt: updatedAt.toISOString(),
    archivedAt: archivedAt?.toISOString() ?? null,
  };
}
export type PartnerCard = ReturnType<typeof cardView>;

function partnerWhere(input: z.output<typeof partnerFilters>): Prisma.PartnerWhereInput {
  const q = input.q?.trim();
  return {
    ...(!input.includeArchived && { archivedAt: null }),
    ...(input.ownerId && { ownerId: input.ownerId }),
    ...(input.track && { track: input.track }),
    ...(input.segment && { segment: input.segment }),
    ...(input.package && { package: input.package }),
    ...(input.tag && { tags: { has: input.tag } }),
    ...(q && {
      OR: [
        { company: { contains: q, mode: 'insensitive' } },
        { contacts: { some: { OR: [{ name: { contains: q, mode: 'insensitive' } }, { email: { contains: q, mode: 'insensitive' } }] } } },
      ],
    }),
  };
}

/** The board's order within a column: most recently changed first, then by id. */
const boardOrder: Prisma.PartnerOrderByWithRelationInput[] = [{ updatedAt: 'desc' }, { id: 'asc' }];

/** A board column's cursor: the last card's `updatedAt` and id, so a page starts right after it. */
const boardCursor = (card: { updatedAt: Date; id: string }) => `${card.updatedAt.toISOString()}_${card.id}`;
function afterCursor(cursor: string): Prisma.PartnerWhereInput {
  const [iso, id] = cursor.split('_');
  const updatedAt = new Date(iso ?? '');
  if (!id || Number.isNaN(updatedAt.getTime())) throw new DomainError('INVALID', 'Unknown cursor', [{ path: 'cursor', message: 'Unknown cursor' }]);
  return { OR: [{ updatedAt: { lt: updatedAt } }, { updatedAt, id: { gt: id } }] };
}

/** Up to `limit` cards of one stage after `cursor`, and the cursor of the next page (null: none). */
async function columnPage(db: Db, where: Prisma.PartnerWhereInput, stage: PartnerStage, cursor: string | null | undefined, limit: number, today: string) {
  const rows = await db.partner.findMany({
    where: { AND: [where, { stage }, ...(cursor ? [afterCursor(cursor)] : [])] },
    orderBy: boardOrder,
    take: limit + 1,
    select: cardSelect,
  });
  const page = rows.slice(0, limit);
  return { cards: page.map((row) => cardView(row, today)), nextCursor: rows.length > limit ? boardCursor(page.at(-1)!) : null };
}

/**
 * The board: per stage its total and first `perStage` cards, filtered in the database. Bounded
 * whatever the pipeline's size; a column's further cards come page by page (partnerColumn).
 */
export async function partnerBoard(db: Db, input: z.output<typeof partnerBoardInput>, today: string) {
  const where = partnerWhere(input);
  const [counts, ...pages] = await Promise.all([
    db.partner.groupBy({ by: ['stage', 'currency'], where, _count: { _all: true }, _sum: { expectedValue: true }, orderBy: [{ stage: 'asc' }, { currency: 'asc' }] }),
    ...partnerStages.map((stage) => columnPage(db, where, stage, null, input.perStage, today)),
  ]);
  return {
    columns: partnerStages.map((stage, i) => {
      const groups = counts.filter((c) => c.stage === stage);
      return {
        stage,
        /** Partners in the stage (all pages). */
        total: groups.reduce((n, c) => n + c._count._all, 0),
        /** Expected value of the whole stage, per currency. */
        values: groups.flatMap((c) => (c._sum.expectedValue ? [{ currency: c.currency, amount: c._sum.expectedValue }] : [])),
        ...pages[i]!,
      };
    }),
  };
}
export type PartnerBoard = Awaited<ReturnType<typeof partnerBoard>>;

/** A board column's next page ("Show more"). */
export async function partnerColumn(db: Db, input: z.output<typeof partnerColumnInput>, today: string) {
  return columnPage(db, partnerWhere(input), input.stage, input.cursor, input.limit, today);
}

function tableOrder(sort: PartnerSortKey, dir: 'asc' | 'desc'): Prisma.PartnerOrderByWithRelationInput[] {
  const by: Record<PartnerSortKey, Prisma.PartnerOrderByWithRelationInput> = {
    company: { companyKey: dir },
    // The stage enum's order in the database is the pipeline's (LOST last).
    stage: { stage: dir },
    owner: { owner: { name: dir } },
    value: { expectedValue: dir },
    // Partners without a due date sort after every date (before them, descending).
    nextStepDue: { nextStepDue: { sort: dir, nulls: dir === 'asc' ? 'last' : 'first' } },
    updated: { updatedAt: dir },
  };
  return [by[sort], { id: 'asc' }];
}

/** The table: one page in the chosen order, and how many partners match. */
export async function listPartners(db: Db, input: z.output<typeof partnerListInput>, today: string) {
  const where = partnerWhere(input);
  const [total, rows] = await Promise.all([
    db.partner.count({ where }),
    db.partner.findMany({ where, orderBy: tableOrder(input.sort, input.dir), skip: input.offset, take: input.limit, select: cardSelect }),
  ]);
  return { total, items: rows.map((row) => cardView(row, today)) };
}

/** Every partner matching the filters, in the table's order: the CSV download, not a page. */
export async function exportPartners(db: Db, input: z.output<typeof partnerExportInput>, today: string) {
  const rows = await db.partner.findMany({ where: partnerWhere(input), orderBy: tableOrder(input.sort, input.dir), select: cardSelect });
  return rows.map((row) => cardView(row, today));
}

/** One partner with its contacts, PoC and owner, whatever its state (archived included). */
export async function partnerById(db: Db, reader: Reader, id: string, today: string) {
  const row = await db.partner.findUnique({
    where: { id },
    select: {
      ...cardSelect,
      website: true,
      createdAt: true,
      owner: { select: { id: true, name: true, email: true } },
      contacts: { orderBy: { position: 'asc' }, select: { id: true, name: true, role: true, email: true } },
      poc: {
        select: {
          id: true,
          startDate: true,
          targetEndDate: true,
          status: true,
          outcome: true,
          updatedAt: true,
          criteria: { orderBy: { position: 'asc' }, select: { id: true, text: true, met: true, position: true } },
        },
      },
      transitions: { select: { toStage: true } },
    },
  });
  if (!row) throw notFound('Partner', id);
  const { transitions, poc, contacts, createdAt, website, owner, ...card } = row;
  return {
    ...cardView({ ...card, owner }, today),
    website,
    createdAt: createdAt.toISOString(),
    owner,
    contacts,
    poc: poc && {
      ...poc,
      startDate: isoOrNull(poc.startDate),
      targetEndDate: isoOrNull(poc.targetEndDate),
      updatedAt: poc.updatedAt.toISOString(),
    },
    /** A PoC may be recorded (upsertPoc) only once this is true. */
    reachedPoc: hasReachedPoc(transitions.map((t) => ({ to: t.toStage }))),
    /** Whether the reader may edit this partner (the server checks again on every write). */
    canEdit: mayEditPartner(reader, { ownerId: row.ownerId }),
  };
}

/**
 * Activities, stage changes and PoC status changes of one partner, merged newest first. PoC status
 * changes come from the PocStatusChange table, written with every status change.
 */
export async function partnerTimeline(db: Db, id: string) {
  const partner = await db.partner.findUnique({ where: { id }, select: { id: true } });
  if (!partner) throw notFound('Partner', id);
  const [activities, transitions, pocChanges] = await Promise.all([
    db.partnerActivity.findMany({ where: { partnerId: id }, select: { id: true, kind: true, occurredOn: true, text: true, authorId: true, authorName: true, createdAt: true } }),
    db.stageTransition.findMany({ where: { partnerId: id }, select: { id: true, fromStage: true, toStage: true, at: true, byUserId: true, byName: true, reason: true } }),
    db.pocStatusChange.findMany({ where: { partnerId: id }, select: { id: true, fromStatus: true, toStatus: true, at: true, byUserId: true, byName: true } }),
  ]);
  type Entry =
    | { type: 'activity'; id: string; date: string; at: string; kind: ActivityKind; text: string; byUserId: string | null; byName: string }
    | { type: 'stage'; id: string; date: string; at: string; from: PartnerStage | null; to: PartnerStage; reason: string | null; byUserId: string | null; byName: string }
    | { type: 'poc'; id: string; date: string; at: string; from: PocStatus | null; to: PocStatus; byUserId: string | null; byName: string };
  const entries: Entry[] = [
    ...activities.map((a): Entry => ({ type: 'activity', id: a.id, date: toIsoDate(a.occurredOn), at: a.createdAt.toISOString(), kind: a.kind, text: a.text, byUserId: a.authorId, byName: a.authorName })),
    ...transitions.map((t): Entry => ({ type: 'stage', id: t.id, date: toIsoDate(t.at), at: t.at.toISOString(), from: t.fromStage, to: t.toStage, reason: t.reason, byUserId: t.byUserId, byName: t.byName })),
    ...pocChanges.map((c): Entry => ({ type: 'poc', id: c.id, date: toIsoDate(c.at), at: c.at.toISOString(), from: c.fromStatus, to: c.toStatus, byUserId: c.byUserId, byName: c.byName })),
  ];
  return newestFirst(entries);
}

/** Who may own a partner: active users with a sales, leadership or admin role. */
export async function listOwners(db: Db | Tx) {
  return db.user.findMany({ where: { role: { in: [...ownerRoles] }, banned: false }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
}

// ---- writes --------------------------------------------------------------------------------------

async function assertOwner(tx: Tx, ownerId: string) {
  const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { role: true, banned: true } });
  if (!owner || owner.banned || !(ownerRoles as readonly string[]).includes(owner.role)) {
    throw new DomainError('INVALID', 'The owner must be an active sales, leadership or admin user', [{ path: 'ownerId', message: 'Not a possible owner' }]);
  }
}

async function assertCompanyFree(tx: Tx, company: string, exceptId?: string) {
  const other = await tx.partner.findFirst({ where: { companyKey: companyKey(company), ...(exceptId && { id: { not: exceptId } }) }, select: { id: true } });
  if (other) throw new DomainError('CONFLICT', `A partner named ${company} already exists`, [{ path: 'company', message: 'Already exists' }]);
}

const partnerStateSelect = {
  id: true,
  version: true,
  archivedAt: true,
  company: true,
  website: true,
  segment: true,
  package: true,
  track: true,
  ownerId: true,
  stage: true,
  expectedValue: true,
  currency: true,
  nextStep: true,
  nextStepDue: true,
  tags: true,
  contacts: { orderBy: { position: 'asc' }, select: { name: true, role: true, email: true } },
} satisfies Prisma.PartnerSelect;

/**
 * Loads a partner for a write by this actor: NOT_FOUND, then FORBIDDEN (ownership), then CONFLICT
 * (the version the caller saw is stale).
 */
async function loadForWrite(tx: Tx, actor: Actor, id: string, version?: number, archived = false) {
  const row = await tx.partner.findUnique({ where: { id }, select: partnerStateSelect });
  if (!row || (row.archivedAt !== null) !== archived) throw notFound(archived ? 'Archived partner' : 'Partner', id);
  if (!mayEditPartner(actor, row)) throw forbidden('Sales may change only the partners they own');
  if (version !== undefined && row.version !== version) throw await stalePartner(tx, id);
  return { ...row, contacts: row.contacts.map(contactLine) };
}

/** The CONFLICT for a stale version of a partner: who changed it meanwhile, and its fields as they are now. */
async function stalePartner(tx: Tx, id: string) {
  const row = await tx.partner.findUnique({ where: { id }, select: partnerStateSelect });
  if (!row) return staleConflict(tx, { what: 'This partner', entityType: 'partner', entityId: id, current: null });
  const { id: _id, archivedAt: _archivedAt, contacts, ...fields } = row;
  return staleConflict(tx, { what: 'This partner', entityType: 'partner', entityId: id, current: { ...fields, contacts: contacts.map(contactLine) } });
}

async function writeVersioned(tx: Tx, id: string, version: number, data: Prisma.PartnerUpdateManyMutationInput) {
  const { count } = await tx.partner.updateMany({ where: { id, version, archivedAt: null }, data: { ...data, version: { increment: 1 } } });
  if (count === 0) throw await stalePartner(tx, id);
}

export async function createPartner(db: Db, actor: Actor, input: z.output<typeof partnerCreateInput>, today: IsoDate) {
  const { contacts, nextStepDue, stage, ...fields } = input;
  const ownerId = input.ownerId ?? actor.userId;
  const work = db.$transaction(async (tx) => {
    await lockCriteria(tx); // first, before any row lock (docs/architecture.md, "Locks")
    await assertOwner(tx, ownerId);
    await assertCompanyFree(tx, input.company);
    const created = await tx.partner.create({
      data: {
        ...fields,
        ownerId,
        stage,
        companyKey: companyKey(input.company),
        nextStepDue: dateOrNull(nextStepDue),
        contacts: { create: contacts.map((c, position) => ({ ...c, position })) },
        transitions: { create: { fromStage: null, toStage: stage, byUserId: actor.userId, byName: actor.name } },
      },
      select: { id: true, version: true },
    });
    await recordAudit(tx, actor, {
      action: 'partner.create',
      entityType: 'partner',
      entityId: created.id,
      changes: snapshot({ ...input, ownerId, contacts: contacts.map(contactLine) }, auditedFields),
    });
    await reevaluateCriteria(tx, actor, today);
    return created;
  });
  return conflictOnDuplicate(work, 'company', `A partner named ${input.company} already exists`);
}

export async function updatePartner(db: Db, actor: Actor, input: z.output<typeof partnerUpdateInput>, today: IsoDate) {
  const { id, version, contacts, nextStepDue, ...fields } = input;
  const work = db.$transaction(async (tx) => {
    if (fields.track !== undefined || fields.package !== undefined) await lockCriteria(tx); // first, before any row lock
    const before = await loadForWrite(tx, actor, id, version);
    if (fields.ownerId !== undefined && fields.ownerId !== before.ownerId) await assertOwner(tx, fields.ownerId);
    if (fields.company !== undefined && companyKey(fields.company) !== companyKey(before.company)) await assertCompanyFree(tx, fields.company, id);
    const data: Prisma.PartnerUpdateManyMutationInput & { ownerId?: string } = {
      ...fields,
      ...(fields.company !== undefined && { companyKey: companyKey(fields.company) }),
      ...(nextStepDue !== undefined && { nextStepDue: dateOrNull(nextStepDue) }),
    };
    await writeVersioned(tx, id, version, data);
    if (contacts !== undefined) {
      await tx.partnerContact.deleteMany({ where: { partnerId: id } });
      if (contacts.length > 0) await tx.partnerContact.createMany({ data: contacts.map((c, position) => ({ ...c, partnerId: id, position })) });
    }
    const changes = diffFields(before, { ...data, ...(contacts !== undefined && { contacts: contacts.map(contactLine) }) }, auditedFields);
    await recordAudit(tx, actor, { action: 'partner.update', entityType: 'partner', entityId: id, changes });
    if (fields.track !== undefined || fields.package !== undefined) await reevaluateCriteria(tx, actor, today);
    return { id, version: version + 1 };
  });
  return conflictOnDuplicate(work, 'company', `A partner named ${fields.company ?? ''} already exists`);
}

const stageProblemMessages = {
  same_stage: 'The partner is already in this stage',
  reason_required: 'Say why: moving backwards, to lost, or out of lost needs a reason',
} as const;

export async function movePartnerStage(db: Db, actor: Actor, input: z.output<typeof partnerMoveStageInput>, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx); // first, before any row lock (docs/architecture.md, "Locks")
    const before = await loadForWrite(tx, actor, input.id, input.version);
    const problem = stageMoveProblem(before.stage, input.to, input.reason);
    if (problem) {
      const path = problem === 'same_stage' ? 'to' : 'reason';
      throw new DomainError('INVALID', stageProblemMessages[problem], [{ path, message: stageProblemMessages[problem] }]);
    }
    await writeVersioned(tx, input.id, input.version, { stage: input.to });
    const reason = input.reason?.trim() || null;
    await tx.stageTransition.create({ data: { partnerId: input.id, fromStage: before.stage, toStage: input.to, byUserId: actor.userId, byName: actor.name, reason } });
    await recordAudit(tx, actor, {
      action: 'partner.stage',
      entityType: 'partner',
      entityId: input.id,
      changes: { stage: { from: before.stage, to: input.to }, reason },
    });
    await reevaluateCriteria(tx, actor, today);
    return { id: input.id, version: input.version + 1 };
  });
}

export async function archivePartner(db: Db, actor: Actor, id: string, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx); // first, before any row lock (docs/architecture.md, "Locks")
    const before = await loadForWrite(tx, actor, id);
    const { count } = await tx.partner.updateMany({ where: { id, archivedAt: null }, data: { archivedAt: new Date(), version: { increment: 1 } } });
    if (count === 0) throw notFound('Partner', id);
    await recordAudit(tx, actor, { action: 'partner.delete', entityType: 'partner', entityId: id, changes: snapshot(before, auditedFields) });
    await reevaluateCriteria(tx, actor, today);
    return { id };
  });
}

export async function restorePartner(db: Db, actor: Actor, id: string, today: IsoDate) {
  return db.$transaction(async (tx) => {
    await lockCriteria(tx); // first, before any row lock (docs/architecture.md, "Locks")
    const before = await loadForWrite(tx, actor, id, undefined, true);
    const { count } = await tx.partner.updateMany({ where: { id, archivedAt: { not: null } }, data: { archivedAt: null, version: { increment: 1 } } });
    if (count === 0) throw notFound('Archived partner', id);
    await recordAudit(tx, actor, { action: 'partner.restore', entityType: 'partner', entityId: id, changes: snapshot(before, auditedFields) });
    await reevaluateCriteria(tx, actor, today);
    return { id };
  });
}

export async function logActivity(db: Db, actor: Actor, input: z.output<typeof activityLogInput>) {
  return db.$transaction(async (tx) => {
    await loadForWrite(tx, actor, input.partnerId);
    const created = await tx.partnerActivity.create({
      data: { partnerId: input.partnerId, kind: input.kind, occurredOn: fromIsoDate(input.occurredOn), text: input.text, authorId: actor.userId, authorName: actor.name },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: 'partner.activity',
      entityType: 'partner',
      entityId: input.partnerId,
      changes: { activityId: created.id, kind: input.kind, occurredOn: input.occurredOn },
    });
    return created;
  });
}

/**
 * Creates or replaces the partner's PoC. Criteria are replaced as listed: a listed id keeps (and
 * updates) that criterion, an unlisted one is removed, one without an id is added. A status change
 * (creation included) is written to PocStatusChange for the timeline.
 */
export async function upsertPoc(db: Db, actor: Actor, input: z.output<typeof pocUpsertInput>) {
  return db.$transaction(async (tx) => {
    await loadForWrite(tx, actor, input.partnerId);
    const transitions = await tx.stageTransition.findMany({ where: { partnerId: input.partnerId }, select: { toStage: true } });
    if (!hasReachedPoc(transitions.map((t) => ({ to: t.toStage })))) {
      throw new DomainError('PRECONDITION_FAILED', 'A PoC can be recorded once the partner has reached the PoC stage');
    }
    const before = await tx.poc.findUnique({
      where: { partnerId: input.partnerId },
      select: { id: true, startDate: true, targetEndDate: true, status: true, outcome: true, criteria: { orderBy: { position: 'asc' }, select: { id: true, text: true, met: true } } },
    });
    const fields = { startDate: dateOrNull(input.startDate), targetEndDate: dateOrNull(input.targetEndDate), status: input.status, outcome: input.outcome };
    const poc = before
      ? await tx.poc.update({ where: { id: before.id }, data: fields, select: { id: true } })
      : await tx.poc.create({ data: { partnerId: input.partnerId, ...fields }, select: { id: true } });

    const known = new Set(before?.criteria.map((c) => c.id));
    const unknown = input.criteria.findIndex((c) => c.id !== undefined && !known.has(c.id));
    if (unknown >= 0) throw new DomainError('INVALID', 'This criterion is not part of the PoC', [{ path: `criteria.${unknown}.id`, message: 'Unknown criterion' }]);
    const kept = input.criteria.flatMap((c) => (c.id ? [c.id] : []));
    await tx.pocCriterion.deleteMany({ where: { pocId: poc.id, id: { notIn: kept } } });
    for (const [position, c] of input.criteria.entries()) {
      if (c.id) await tx.pocCriterion.update({ where: { id: c.id }, data: { text: c.text, met: c.met, position } });
    }
    const added = [...input.criteria.entries()].filter(([, c]) => !c.id).map(([position, c]) => ({ pocId: poc.id, text: c.text, met: c.met, position }));
    if (added.length > 0) await tx.pocCriterion.createMany({ data: added });

    if (before?.status !== input.status) {
      await tx.pocStatusChange.create({ data: { partnerId: input.partnerId, fromStatus: before?.status ?? null, toStatus: input.status, byUserId: actor.userId, byName: actor.name } });
    }
    const criteriaLines = (list: readonly { text: string; met: boolean }[]) => list.map((c) => `${c.met ? '[x]' : '[ ]'} ${c.text}`);
    const after = { ...fields, criteria: criteriaLines(input.criteria) };
    const pocFields = ['startDate', 'targetEndDate', 'status', 'outcome', 'criteria'] as const;
    const changes = before
      ? diffFields({ ...before, criteria: criteriaLines(before.criteria) }, after, pocFields)
      : snapshot(after, pocFields);
    await recordAudit(tx, actor, { action: before ? 'partner.poc.update' : 'partner.poc.create', entityType: 'partner', entityId: input.partnerId, changes });
    return { id: poc.id };
  });
}
