// The command palette's search: phases, deliverables, gates, partners, claims, evidence and reviews by
// name, ranked (search.rules.ts) and limited to what the caller's role may find.
import type { Actor } from '../../context.js';
import type { Db } from '../../db/database.js';
import { toIsoDate } from '../../lib/dates.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { matchScore, mayFind, mayFindArchived, rank, searchTerms } from './search.rules.js';
import { searchKinds, type SearchKind } from './search.schema.js';

export interface SearchHit {
  kind: SearchKind;
  id: string;
  title: string;
  /** A second line: the phase of an item, a partner's stage, a claim's status. */
  detail: string;
  archived: boolean;
  score: number;
  /** What the web needs to link to it: a phase key, a review's week. */
  phaseKey: string | null;
  week: string | null;
}

/** Candidates per kind before ranking: enough that the best of each is among them at ten times the data. */
const PER_KIND = 40;

export async function search(db: Db, actor: Pick<Actor, 'role'>, input: { q: string; limit: number }): Promise<SearchHit[]> {
  const { q, limit } = input;
  const terms = searchTerms(q);
  if (terms.length === 0) return [];
  // Every term (a word, or one Chinese character) somewhere in the name; the ranking sorts out how well.
  const named = <F extends string>(field: F) => ({ AND: terms.map((t) => ({ [field]: { contains: t, mode: 'insensitive' as const } })) }) as Record<'AND', Record<F, Prisma.StringFilter>[]>;
  const live = (kind: SearchKind) => (mayFindArchived(actor.role, kind) ? {} : { archivedAt: null });
  const find = (kind: SearchKind) => mayFind(actor.role, kind);
  const currentPlan = { phase: { plan: { isCurrent: true } } };

  const [phases, deliverables, gates, partners, claims, evidence, reviews] = await Promise.all([
    find('phase')
      ? db.phase.findMany({ where: { plan: { isCurrent: true }, OR: [named('name'), { key: { equals: q.trim().replace(/^(phase|阶段)\s*/i, '').toUpperCase() } }] }, select: { id: true, key: true, name: true }, take: PER_KIND })
      : [],
    find('deliverable')
      ? db.deliverable.findMany({ where: { deletedAt: null, ...currentPlan, ...named('title') }, select: { id: true, title: true, status: true, phase: { select: { key: true } } }, take: PER_KIND })
      : [],
    find('gate')
      ? db.gate.findMany({ where: { deletedAt: null, ...currentPlan, ...named('title') }, select: { id: true, title: true, status: true, phase: { select: { key: true } } }, take: PER_KIND })
      : [],
    find('partner')
      ? db.partner.findMany({ where: { ...live('partner'), ...named('company') }, select: { id: true, company: true, stage: true, archivedAt: true }, take: PER_KIND })
      : [],
    find('claim')
      ? db.claim.findMany({ where: { ...live('claim'), ...named('statement') }, select: { id: true, statement: true, status: true, archivedAt: true }, take: PER_KIND })
      : [],
    find('evidence')
      ? db.evidence.findMany({ where: { ...live('evidence'), ...named('title') }, select: { id: true, title: true, kind: true, archivedAt: true }, take: PER_KIND })
      : [],
    // A review is named by its week ("2026-03-09"); there is one a week, so reading their dates is cheap.
    find('review') && /\d/.test(q) ? db.weeklyReview.findMany({ select: { id: true, weekStart: true, status: true }, orderBy: { weekStart: 'desc' }, take: 520 }) : [],
  ]);

  const hit = (kind: SearchKind, id: string, title: string, detail: string, extra: Partial<SearchHit> = {}): SearchHit => ({
    kind, id, title, detail, archived: false, phaseKey: null, week: null, score: matchScore(title, q), ...extra,
  });
  const hits: SearchHit[] = [
    ...phases.map((p) => ({ ...hit('phase', p.id, p.name, `Phase ${p.key}`, { phaseKey: p.key }), score: Math.max(matchScore(p.name, q), matchScore(`Phase ${p.key}`, q)) })),
    ...deliverables.map((d) => hit('deliverable', d.id, d.title, d.status, { phaseKey: d.phase.key })),
    ...gates.map((g) => hit('gate', g.id, g.title, g.status, { phaseKey: g.phase.key })),
    ...partners.map((p) => hit('partner', p.id, p.company, p.stage, { archived: p.archivedAt !== null })),
    ...claims.map((c) => hit('claim', c.id, c.statement, c.status, { archived: c.archivedAt !== null })),
    ...evidence.map((e) => hit('evidence', e.id, e.title, e.kind, { archived: e.archivedAt !== null })),
    ...reviews.map((r) => {
      const week = toIsoDate(r.weekStart);
      return hit('review', r.id, week, r.status, { week });
    }),
  ];
  return rank(hits, searchKinds, limit);
}
