import type { z } from 'zod';
import type { Actor } from '../../context.js';
import type { Db, Tx } from '../../db/database.js';
import { notFound } from '../../lib/errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { diffFields, snapshot } from '../audit/audit.rules.js';
import { recordAudit, staleConflict } from '../audit/audit.service.js';
import { can } from '../users/rights.js';
import { readStabilityState } from '../stability/stability.service.js';
import type { Role } from '../users/users.schema.js';
import {
  claimProblems,
  claimRefusal,
  editRevokesApproval,
  publishOverridesHold,
  unavailable,
  type ClaimAction,
  type ClaimCheck,
  type ClaimProblem,
} from './claims.rules.js';
import {
  claimStatuses,
  type claimCreateInput,
  type claimListInput,
  type claimPublishInput,
  type claimRetractInput,
  type ClaimStatus,
  type claimUpdateInput,
} from './claims.schema.js';

/** What the trail records of a claim. */
const auditedFields = ['statement', 'channel', 'layer', 'boundary', 'status'] as const;

// ---- reads ---------------------------------------------------------------------------------------

const claimSelect = {
  id: true,
  statement: true,
  channel: true,
  layer: true,
  boundary: true,
  status: true,
  createdById: true,
  createdByName: true,
  approvedByName: true,
  approvedAt: true,
  publishedAt: true,
  overrideReason: true,
  retractedAt: true,
  retractedReason: true,
  archivedAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ClaimSelect;

type ClaimRow = Prisma.ClaimGetPayload<{ select: typeof claimSelect }>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

function claimView(row: ClaimRow) {
  return {
    ...row,
    approvedAt: iso(row.approvedAt),
    publishedAt: iso(row.publishedAt),
    retractedAt: iso(row.retractedAt),
    archivedAt: iso(row.archivedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The live (not archived) evidence attached to these claims, oldest link first. Attaching and
 * detaching is the evidence module's; a claim only reads its links.
 */
async function liveEvidence(db: Db | Tx, claimIds: string[]) {
  const links = await db.evidenceLink.findMany({
    where: { targetType: 'claim', targetId: { in: claimIds }, evidence: { archivedAt: null } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      targetId: true,
      evidence: { select: { id: true, title: true, url: true, kind: true, health: true, checkedAt: true } },
    },
  });
  const byClaim = new Map<string, (typeof links)[number]['evidence'][]>(claimIds.map((id) => [id, []]));
  for (const link of links) byClaim.get(link.targetId)?.push(link.evidence);
  return byClaim;
}

/** The register: live claims filtered in the database, most recently changed first, with counts per status. */
export async function listClaims(db: Db, input: z.output<typeof claimListInput>) {
  const q = input.q?.trim();
  const where: Prisma.ClaimWhereInput = {
    archivedAt: null,
    ...(input.channel && { channel: input.channel }),
    ...(input.layer && { layer: input.layer }),
    ...(q && { OR: [{ statement: { contains: q, mode: 'insensitive' } }, { boundary: { contains: q, mode: 'insensitive' } }] }),
  };
  const [rows, groups] = await Promise.all([
    db.claim.findMany({ where: { ...where, ...(input.status && { status: input.status }) }, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], select: claimSelect }),
    // Counts ignore the status filter, so the status tabs can say what each holds.
    db.claim.groupBy({ by: ['status'], where, _count: { _all: true } }),
  ]);
  const evidence = await liveEvidence(db, rows.map((r) => r.id));
  const counts = Object.fromEntries(claimStatuses.map((s) => [s, 0])) as Record<ClaimStatus, number>;
  for (const g of groups) counts[g.status] = g._count._all;
  return {
    items: rows.map((row) => {
      const attached = evidence.get(row.id) ?? [];
      return {
        ...claimView(row),
        evidence: {
          total: attached.length,
          healthy: attached.filter((e) => e.health === 'HEALTHY').length,
          broken: attached.filter((e) => e.health === 'BROKEN').length,
        },
      };
    }),
    counts: { ...counts, total: claimStatuses.reduce((sum, s) => sum + counts[s], 0) },
  };
}
export type ClaimListItem = Awaited<ReturnType<typeof listClaims>>['items'][number];

/** What the reader may do next, and what stands in the way (`blockers`), for the claim page's buttons. */
export interface ClaimActionState {
  /** The step exists for this reader and this status (a button to show). */
  available: boolean;
  /** What is missing before it can be done (the button is disabled and says why). */
  blockers: ClaimProblem[];
}

function actionStates(check: ClaimCheck) {
  const state = (action: ClaimAction): ClaimActionState => {
    const problems = claimProblems(action, check);
    return { available: !problems.some(unavailable), blockers: problems.filter((p) => !unavailable(p)) };
  };
  const publish = state('publish');
  return {
    edit: state('edit'),
    approve: state('approve'),
    publish,
    retract: state('retract'),
    archive: state('archive'),
    restore: state('restore'),
    /** Publishing is held by blocked gates only, and this reader may override with a reason. */
    canOverride:
      publish.available &&
      publish.blockers.length > 0 &&
      publish.blockers.every((p) => p.code === 'held') &&
      can(check.role, 'overrideClaimHold'),
  };
}

/** One claim, deleted or not, with its live evidence and the steps open to the reader. */
export async function claimById(db: Db, reader: { role: Role }, id: string) {
  const row = await db.claim.findUnique({ where: { id }, select: claimSelect });
  if (!row) throw notFound('Claim', id);
  const [evidence, stability] = await Promise.all([liveEvidence(db, [id]).then((m) => m.get(id) ?? []), readStabilityState(db)]);
  const check: ClaimCheck = {
    role: reader.role,
    claim: { status: row.status, boundary: row.boundary, archived: row.archivedAt !== null },
    evidence,
    blockedGates: stability.blocked.map((g) => g.title),
  };
  return {
    ...claimView(row),
    evidence: evidence.map((e) => ({ ...e, checkedAt: iso(e.checkedAt) })),
    actions: actionStates(check),
  };
}
export type ClaimDetail = Awaited<ReturnType<typeof claimById>>;

// ---- writes --------------------------------------------------------------------------------------

/**
 * Loads a claim for `action` by this actor and refuses what the rules refuse: FORBIDDEN (role),
 * NOT_FOUND (missing or deleted), CONFLICT (the version the caller saw is stale), then whatever is
 * missing (PRECONDITION_FAILED). Evidence and blocked gates are read in the same transaction.
 */
/** The CONFLICT for a stale version of a claim: who changed it meanwhile, and what a person edits of it now. */
async function staleClaim(tx: Tx, id: string) {
  const current = await tx.claim.findUnique({ where: { id }, select: { statement: true, channel: true, layer: true, boundary: true, status: true, version: true } });
  return staleConflict(tx, { what: 'This claim', entityType: 'claim', entityId: id, current });
}

async function loadChecked(tx: Tx, actor: Actor, action: ClaimAction, id: string, version?: number, overrideReason?: string) {
  const row = await tx.claim.findUnique({ where: { id }, select: claimSelect });
  if (!row) throw notFound('Claim', id);
  const needsEvidence = action === 'approve' || action === 'publish';
  const evidence = needsEvidence ? ((await liveEvidence(tx, [id])).get(id) ?? []) : [];
  const blocked = action === 'publish' ? (await readStabilityState(tx)).blocked : [];
  const check: ClaimCheck = {
    role: actor.role,
    claim: { status: row.status, boundary: row.boundary, archived: row.archivedAt !== null },
    evidence,
    blockedGates: blocked.map((g) => g.title),
    overrideReason,
  };
  const problems = claimProblems(action, check);
  if (problems.some((p) => p.code === 'role' || p.code === 'archived' || p.code === 'notArchived')) throw claimRefusal(action, problems);
  if (version !== undefined && row.version !== version) throw await staleClaim(tx, id);
  if (problems.length > 0) throw claimRefusal(action, problems);
  return { row, evidence, check };
}

async function writeVersioned(tx: Tx, id: string, version: number, data: Prisma.ClaimUpdateManyMutationInput, archived = false) {
  const { count } = await tx.claim.updateMany({
    where: { id, version, archivedAt: archived ? { not: null } : null },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw await staleClaim(tx, id);
}

export async function createClaim(db: Db, actor: Actor, input: z.output<typeof claimCreateInput>) {
  return db.$transaction(async (tx) => {
    const created = await tx.claim.create({
      data: { ...input, createdById: actor.userId, createdByName: actor.name },
      select: { id: true, version: true },
    });
    await recordAudit(tx, actor, { action: 'claim.create', entityType: 'claim', entityId: created.id, changes: snapshot({ ...input, status: 'DRAFT' }, auditedFields) });
    return created;
  });
}

/** Edits a draft or an approved claim; a changed text sends an approved claim back to draft. */
export async function updateClaim(db: Db, actor: Actor, input: z.output<typeof claimUpdateInput>) {
  const { id, version, ...fields } = input;
  return db.$transaction(async (tx) => {
    const { row } = await loadChecked(tx, actor, 'edit', id, version);
    const backToDraft = editRevokesApproval(row.status, row, fields);
    const data: Prisma.ClaimUpdateManyMutationInput = {
      ...fields,
      ...(backToDraft && { status: 'DRAFT', approvedByName: null, approvedAt: null }),
    };
    await writeVersioned(tx, id, version, data);
    await recordAudit(tx, actor, {
      action: 'claim.update',
      entityType: 'claim',
      entityId: id,
      changes: diffFields(row, { ...fields, ...(backToDraft && { status: 'DRAFT' as const }) }, auditedFields),
    });
    return { id, version: version + 1, status: backToDraft ? ('DRAFT' as const) : row.status };
  });
}

export async function approveClaim(db: Db, actor: Actor, input: { id: string; version: number }) {
  return db.$transaction(async (tx) => {
    const { row, evidence } = await loadChecked(tx, actor, 'approve', input.id, input.version);
    await writeVersioned(tx, input.id, input.version, { status: 'APPROVED', approvedByName: actor.name, approvedAt: new Date() });
    await recordAudit(tx, actor, {
      action: 'claim.approve',
      entityType: 'claim',
      entityId: input.id,
      changes: { status: { from: row.status, to: 'APPROVED' }, evidence: evidence.map((e) => e.title) },
    });
    return { id: input.id, version: input.version + 1 };
  });
}

/**
 * Publishes an approved claim with healthy evidence. While a gate of the current plan is blocked it is
 * held, unless leadership gives an override reason: kept on the claim and in the audit event.
 */
export async function publishClaim(db: Db, actor: Actor, input: z.output<typeof claimPublishInput>) {
  return db.$transaction(async (tx) => {
    const { row, evidence, check } = await loadChecked(tx, actor, 'publish', input.id, input.version, input.overrideReason);
    const overrideReason = publishOverridesHold(check) ? input.overrideReason!.trim() : null;
    await writeVersioned(tx, input.id, input.version, { status: 'PUBLISHED', publishedAt: new Date(), overrideReason });
    await recordAudit(tx, actor, {
      action: 'claim.publish',
      entityType: 'claim',
      entityId: input.id,
      changes: {
        status: { from: row.status, to: 'PUBLISHED' },
        evidence: evidence.map((e) => `${e.title} (${e.health.toLowerCase()})`),
        overrideReason,
        blockedGates: overrideReason ? [...check.blockedGates] : [],
      },
    });
    return { id: input.id, version: input.version + 1, overridden: overrideReason !== null };
  });
}

export async function retractClaim(db: Db, actor: Actor, input: z.output<typeof claimRetractInput>) {
  return db.$transaction(async (tx) => {
    const { row } = await loadChecked(tx, actor, 'retract', input.id, input.version);
    await writeVersioned(tx, input.id, input.version, { status: 'RETRACTED', retractedAt: new Date(), retractedReason: input.reason });
    await recordAudit(tx, actor, {
      action: 'claim.retract',
      entityType: 'claim',
      entityId: input.id,
      changes: { status: { from: row.status, to: 'RETRACTED' }, reason: input.reason },
    });
    return { id: input.id, version: input.version + 1 };
  });
}

/** Deletes a draft (archives it, so it can be restored right after). */
export async function archiveClaim(db: Db, actor: Actor, id: string) {
  return db.$transaction(async (tx) => {
    const { row } = await loadChecked(tx, actor, 'archive', id);
    await writeVersioned(tx, id, row.version, { archivedAt: new Date() });
    await recordAudit(tx, actor, { action: 'claim.delete', entityType: 'claim', entityId: id, changes: snapshot(row, auditedFields) });
    return { id };
  });
}

export async function restoreClaim(db: Db, actor: Actor, id: string) {
  return db.$transaction(async (tx) => {
    const { row } = await loadChecked(tx, actor, 'restore', id);
    await writeVersioned(tx, id, row.version, { archivedAt: null }, true);
    await recordAudit(tx, actor, { action: 'claim.restore', entityType: 'claim', entityId: id, changes: snapshot(row, auditedFields) });
    return { id };
  });
}
