// The benchmark's data: a busy year of the GTM console (scale 1), or scale× its history.
//
// The database is migrated and seeded by the server's own code (openDatabase → migrate → seedIfEmpty, the
// first admin through Better Auth), then filled with bulk INSERT … SELECT FROM json_populate_recordset:
// one statement per few thousand rows, the same SQL on PostgreSQL and PGlite.
import { openDatabase, type Db } from '../../server/src/db/database.js';
import { createAuth } from '../../server/src/auth/auth.js';
import { verifyAuditChain } from '../../server/src/modules/audit/audit-chain.service.js';
import { systemActor } from '../../server/src/modules/audit/audit.service.js';
import { reevaluateCriteria } from '../../server/src/modules/criteria/criteria.service.js';
import { seedIfEmpty } from '../../server/src/modules/seed/seed.service.js';
import { createFirstAdmin } from '../../server/src/modules/users/users.service.js';

export const ADMIN = { name: 'Bench Admin', email: 'bench-admin@example.test', password: 'bench-password-123' };

export type Target = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

/** What one scale factor produces. Plan structure is fixed; history multiplies. */
export function volumes(scale: number) {
  const n = (base: number) => Math.max(1, Math.round(base * scale));
  return {
    phases: 3,
    deliverables: 60,
    gates: 20,
    partners: n(300),
    activities: n(10_000),
    evidenceLinks: n(2_000),
    reviews: Math.max(2, n(52)),
    actionItems: n(1_500),
    auditEvents: n(100_000),
  };
}

const DAY = 86_400_000;
const CHUNK = 4_000;

// ---- deterministic randomness and ids ------------------------------------------------------------

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    weighted: <T>(pairs: readonly (readonly [T, number])[]): T => {
      let r = next() * pairs.reduce((s, [, w]) => s + w, 0);
      for (const [v, w] of pairs) if ((r -= w) < 0) return v;
      return pairs[pairs.length - 1]![0];
    },
  };
}
type Rng = ReturnType<typeof rng>;

/** A UUIDv7 whose timestamp is `ms`, as the app writes them (so `id` orders events of the same instant). */
function uuid7(ms: number, r: Rng): string {
  const hex = (v: number, len: number) => Math.floor(v).toString(16).padStart(len, '0');
  const ts = hex(ms, 12);
  const rand = () => hex(r.next() * 0x10000, 4);
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${rand().slice(1)}-${hex(0x8000 | (r.next() * 0x3fff), 4)}-${rand()}${rand()}${rand()}`;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const mondayOf = (ms: number) => {
  const d = new Date(Math.floor(ms / DAY) * DAY);
  return d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY;
};

type Row = Record<string, unknown>;

async function insert(db: Db, table: string, rows: Row[]) {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!)
    .map((c) => `"${c}"`)
    .join(', ');
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + CHUNK));
    await db.$executeRawUnsafe(`INSERT INTO "${table}" (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::"${table}", $1::json)`, json);
  }
}

// ---- the generator ---------------------------------------------------------------------------------

const stages = ['LEAD', 'QUALIFIED', 'POC', 'PAID_TRIAL', 'PAID'] as const;
type Stage = (typeof stages)[number] | 'LOST';

export interface Generated {
  volumes: ReturnType<typeof volumes>;
  seconds: number;
  /** The full hash-chain verification over the generated trail. */
  auditVerify: { events: number; seconds: number } | null;
  rows: Record<string, number>;
  /** Ids the endpoints and floors need. */
  currentWeek: string;
}

/** Migrates and seeds an empty database at `target`, then fills it with `scale`× a busy year. */
export async function generate(target: Target, scale: number, log: (line: string) => void = () => {}): Promise<Generated> {
  const started = performance.now();
  let auditVerify: Generated['auditVerify'];
  const database = await openDatabase(target.kind === 'postgres' ? { databaseUrl: target.url, dataDir: '' } : { dataDir: target.dataDir });
  const db = database.prisma;
  const v = volumes(scale);
  const r = rng(20261126 + Math.round(scale * 1000));
  const now = Date.now();
  const today = isoDay(now);
  // Ten times the history is ten busy years: weekly reviews go back 52 × scale weeks, and so does the rest.
  const spanMs = v.reviews * 7 * DAY;
  const since = now - spanMs;
  const counts: Record<string, number> = {};
  const add = async (table: string, rows: Row[]) => {
    await insert(db, table, rows);
    counts[table] = (counts[table] ?? 0) + rows.length;
  };
  try {
    await database.migrate();
    await seedIfEmpty(db, undefined, today);
    const auth = await createAuth(db, { publicUrl: 'http://127.0.0.1', secret: undefined, sessionIdleDays: 7 });
    const { userId: adminId } = await createFirstAdmin(db, auth, { name: ADMIN.name, email: ADMIN.email, password: ADMIN.password }, 'bench');
    // The live-update trigger NOTIFYs per inserted audit event; a bulk load would queue a million of them.
    await db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_notify_change"`);
    // The chain trigger links each event at commit; the generated years are linked in one pass at the end.
    await db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_chain"`);

    // People: ten sellers who own partners, attend reviews and own action items.
    const users = Array.from({ length: 10 }, (_, i) => ({ id: `bench-user-${i}`, name: `Seller ${i + 1}`, email: `seller${i + 1}@example.test`, role: i < 7 ? 'sales' : 'pm', emailVerified: true, createdAt: new Date(since).toISOString(), updatedAt: new Date(since).toISOString() }));
    await add('user', users);
    const people = [{ id: adminId, name: ADMIN.name }, ...users];

    // The plan: the seed's three phases, topped up to 60 deliverables and 20 gates with criteria.
    const plan = (await db.plan.findFirstOrThrow({ where: { isCurrent: true }, select: { id: true, startDate: true, createdAt: true, phases: { select: { id: true, key: true, startDay: true, endDay: true, _count: { select: { deliverables: true, gates: true } } } } } }))!;
    const planStart = plan.startDate.getTime();
    const planEra = Math.max(since, planStart - 14 * DAY);
    const phases = plan.phases;
    const haveDeliverables = phases.reduce((s, p) => s + p._count.deliverables, 0);
    const haveGates = phases.reduce((s, p) => s + p._count.gates, 0);
    const itemRow = (i: number, kind: 'deliverable' | 'gate') => {
      const phase = phases[i % phases.length]!;
      const due = planStart + r.int(phase.startDay, phase.endDay) * DAY;
      const done = due < now && r.next() < 0.8;
      const base = { id: uuid7(planStart, r), phaseId: phase.id, title: `${kind === 'gate' ? 'Gate' : 'Deliverable'} ${phase.key}-${i + 1}`, ownerName: r.pick(people).name, dueDate: isoDay(due), position: 100 + i, createdAt: new Date(planStart).toISOString(), updatedAt: new Date(Math.min(now, due)).toISOString() };
      return kind === 'gate'
        ? { ...base, key: `bench-gate-${i + 1}`, status: done ? r.pick(['PASSED', 'PASSED', 'FAILED']) : r.pick(['PENDING', 'ON_TRACK', 'AT_RISK', 'BLOCKED']) }
        : { ...base, status: done ? 'DONE' : r.pick(['NOT_STARTED', 'IN_PROGRESS']), ...(done && { completedAt: new Date(due).toISOString() }) };
    };
    await add('Deliverable', Array.from({ length: Math.max(0, v.deliverables - haveDeliverables) }, (_, i) => itemRow(i, 'deliverable')));
    const newGates = Array.from({ length: Math.max(0, v.gates - haveGates) }, (_, i) => itemRow(i, 'gate'));
    await add('Gate', newGates);
    await add(
      'Criterion',
      newGates.flatMap((g) =>
        Array.from({ length: r.int(2, 3) }, (_, position) => {
          const met = r.next() < 0.5;
          return { id: uuid7(planStart, r), gateId: g.id, key: `check-${position + 1}`, kind: 'MANUAL', title: `Check ${position + 1} of ${g.title}`, config: {}, position, checked: met, met, detail: met ? 'Ticked' : 'Not ticked', evaluatedAt: new Date(now).toISOString(), createdAt: new Date(planStart).toISOString(), updatedAt: new Date(planStart).toISOString() };
        }),
      ),
    );
    const deliverables = await db.deliverable.findMany({ select: { id: true } });
    const gates = await db.gate.findMany({ select: { id: true, status: true } });
    const criteria = await db.criterion.findMany({ select: { id: true } });
    await add(
      'GateStatusChange',
      gates.flatMap((g) => {
        const at = planStart + r.int(0, 20) * DAY;
        const created = { id: uuid7(planStart, r), gateId: g.id, toStatus: 'PENDING', at: new Date(planStart).toISOString(), byName: ADMIN.name, reason: '' };
        return g.status === 'PENDING' ? [] : [created, { id: uuid7(at, r), gateId: g.id, fromStatus: 'PENDING', toStatus: g.status, at: new Date(at).toISOString(), byName: ADMIN.name, reason: 'Weekly review' }];
      }),
    );
    log(`  plan: ${deliverables.length} deliverables, ${gates.length} gates, ${criteria.length} criteria`);

    // Partners, each with a stage history that ends in its current stage.
    const partners: { id: string; company: string; createdAt: number; stage: Stage; ownerId: string; archived: boolean }[] = [];
    const transitions: Row[] = [];
    const pocs: Row[] = [];
    const pocChanges: Row[] = [];
    for (let i = 0; i < v.partners; i++) {
      const createdAt = since + r.next() * (spanMs - DAY);
      const old = now - createdAt > 270 * DAY;
      const reached = r.weighted<number>(old ? [[0, 3], [1, 3], [2, 2], [3, 1], [4, 3]] : [[0, 5], [1, 4], [2, 3], [3, 1], [4, 1]]);
      const lost = reached < 4 && r.next() < (old ? 0.75 : 0.2);
      const stage: Stage = lost ? 'LOST' : stages[reached]!;
      const owner = r.pick(users);
      const id = uuid7(createdAt, r);
      const path: Stage[] = [...stages.slice(0, reached + 1), ...(lost ? (['LOST'] as const) : [])];
      let at = createdAt;
      path.forEach((to, k) => {
        if (k > 0) at = Math.min(now - 60_000, at + r.int(3, 40) * DAY * Math.min(1, (now - at) / (180 * DAY)) + 60_000);
        transitions.push({ id: uuid7(at, r), partnerId: id, fromStage: k === 0 ? null : path[k - 1], toStage: to, at: new Date(at).toISOString(), byUserId: owner.id, byName: owner.name, reason: to === 'LOST' ? 'No budget this year' : null });
        if (to === 'POC') {
          const pocStatus = reached > 2 ? 'SUCCEEDED' : lost ? 'FAILED' : 'RUNNING';
          pocs.push({ id: uuid7(at, r), partnerId: id, startDate: isoDay(at), targetEndDate: isoDay(at + 30 * DAY), status: pocStatus, createdAt: new Date(at).toISOString(), updatedAt: new Date(at).toISOString() });
          pocChanges.push({ id: uuid7(at, r), partnerId: id, toStatus: 'PLANNED', at: new Date(at).toISOString(), byName: owner.name });
          pocChanges.push({ id: uuid7(at + 60_000, r), partnerId: id, fromStatus: 'PLANNED', toStatus: pocStatus, at: new Date(at + 60_000).toISOString(), byName: owner.name });
        }
      });
      const archived = lost && now - at > 365 * DAY && r.next() < 0.7;
      const company = `Company ${String(i + 1).padStart(5, '0')} ${r.pick(['Labs', 'AI', 'Systems', 'Cloud', 'Data'])}`;
      partners.push({ id, company, createdAt, stage, ownerId: owner.id, archived });
      const nextStepDue = stage === 'LOST' || stage === 'PAID' ? null : isoDay(Math.min(at + r.int(7, 30) * DAY, now + r.int(-5, 20) * DAY));
      Object.assign(partners[i]!, { row: {
        id, company, companyKey: company.toLowerCase(), website: `https://company-${i + 1}.example.com`,
        segment: r.pick(['AI_INFRA', 'AGENT_PLATFORM', 'ENTERPRISE_COPILOT', 'OTHER']), package: r.pick(['OSS', 'CLOUD_BUILDER', 'CLOUD_TEAM', 'ENTERPRISE', 'PLATFORM_DESIGN_PARTNER']),
        track: r.pick(['HOSTED', 'PLATFORM']), ownerId: owner.id, stage, expectedValue: r.int(1, 40) * 5_000,
        nextStep: nextStepDue ? 'Follow up on the proposal' : '', nextStepDue, tags: r.next() < 0.3 ? ['priority'] : [],
        archivedAt: archived ? new Date(at + 30 * DAY).toISOString() : null, version: path.length, createdAt: new Date(createdAt).toISOString(), updatedAt: new Date(at).toISOString(),
      } });
    }
    await add('Partner', partners.map((p) => (p as unknown as { row: Row }).row));
    await add('StageTransition', transitions);
    await add('Poc', pocs);
    await add('PocStatusChange', pocChanges);
    await add(
      'PartnerContact',
      partners.map((p) => ({ id: uuid7(p.createdAt, r), partnerId: p.id, name: `Contact at ${p.company}`, role: 'CTO', email: null, position: 0 })),
    );
    const activities: Row[] = [];
    for (let i = 0; i < v.activities; i++) {
      const p = r.pick(partners);
      const at = p.createdAt + r.next() * (now - p.createdAt);
      const author = r.pick(people);
      activities.push({ id: uuid7(at, r), partnerId: p.id, kind: r.pick(['CALL', 'MEETING', 'EMAIL', 'DEMO', 'MILESTONE', 'NOTE']), occurredOn: isoDay(at), text: `Talked about **next steps** with ${p.company}.`, authorId: author.id, authorName: author.name, createdAt: new Date(at).toISOString() });
    }
    await add('PartnerActivity', activities);
    log(`  partners: ${partners.length}, transitions ${transitions.length}, activities ${activities.length}`);

    // Weekly reviews: one per week, the current week's a draft, the rest closed; action items carry over.
    const thisMonday = mondayOf(now);
    const reviews = Array.from({ length: v.reviews }, (_, k) => {
      const weekStart = thisMonday - (v.reviews - 1 - k) * 7 * DAY;
      const draft = k === v.reviews - 1;
      const closedAt = weekStart + 2 * DAY + 3_600_000;
      return {
        id: uuid7(weekStart, r), weekStart: isoDay(weekStart), status: draft ? 'DRAFT' : 'CLOSED',
        snapshot: draft ? null : { window: { from: new Date(closedAt - 7 * DAY).toISOString(), to: new Date(closedAt).toISOString() }, agenda: [], phases: [], actionItems: [] },
        closedAt: draft ? null : new Date(closedAt).toISOString(), closedByName: draft ? null : ADMIN.name, version: draft ? 1 : 3,
        createdAt: new Date(weekStart).toISOString(), updatedAt: new Date(draft ? weekStart : closedAt).toISOString(),
      };
    });
    await add('WeeklyReview', reviews);
    await add('ReviewAttendee', reviews.flatMap((rv, k) => [0, 1, 2].map((j) => ({ reviewId: rv.id, userId: users[(k + j) % users.length]!.id, group: (['PRODUCT', 'ENGINEERING', 'GTM'] as const)[j] }))));
    await add('ReviewDecision', reviews.map((rv) => ({ id: uuid7(Date.parse(rv.weekStart) + 3_600_000, r), reviewId: rv.id, text: 'Keep the pilot going', decidedByName: ADMIN.name, createdByName: ADMIN.name, createdAt: new Date(Date.parse(rv.weekStart) + 3_600_000).toISOString() })));
    const items: Row[] = [];
    for (let i = 0; i < v.actionItems; i++) {
      const k = Math.min(v.reviews - 1, Math.floor((i / v.actionItems) * v.reviews));
      const rv = reviews[k]!;
      const created = Date.parse(rv.weekStart) + r.int(0, 2) * DAY + 3_600_000;
      const owner = r.pick(users);
      // Teams close their items: only the last few weeks' are still open.
      const weeksAgo = v.reviews - 1 - k;
      const closed = weeksAgo > 5 || r.next() < 0.4;
      const closedIn = closed ? reviews[Math.min(v.reviews - 1, k + r.int(1, 3))]! : null;
      const closedAt = closedIn ? Math.min(now, Date.parse(closedIn.weekStart) + DAY) : null;
      const target = r.next() < 0.3 ? r.pick(partners) : null;
      items.push({
        id: uuid7(created, r), reviewId: rv.id, title: `Action ${i + 1}`, ownerId: owner.id, ownerName: owner.name, dueDate: isoDay(created + r.int(3, 21) * DAY),
        status: closed ? r.weighted([['DONE', 4], ['DROPPED', 1]] as const) : 'OPEN', targetType: target ? 'partner' : null, targetId: target?.id ?? null,
        closedInReviewId: closedIn && closedIn.id !== rv.id ? closedIn.id : null, closedAt: closedAt ? new Date(closedAt).toISOString() : null,
        version: closed ? 2 : 1, createdAt: new Date(created).toISOString(), updatedAt: new Date(closedAt ?? created).toISOString(),
      });
    }
    await add('ActionItem', items);
    log(`  reviews: ${reviews.length}, action items ${items.length}`);

    // Evidence: links on partners and reviews throughout; on the plan's items only while the plan runs.
    const evidence: Row[] = [];
    const links: Row[] = [];
    let e = 0;
    while (links.length < v.evidenceLinks) {
      const at = since + r.next() * spanMs;
      const inPlan = at >= planEra;
      const id = uuid7(at, r);
      const kind = r.pick(['RELEASE_EVIDENCE', 'GATE_RUN', 'ARTIFACT', 'REPORT', 'CUSTOMER_EVIDENCE', 'DOC', 'WEB_PAGE'] as const);
      const health = r.weighted([['HEALTHY', 85], ['BROKEN', 5], ['UNCHECKED', 10]] as const);
      const author = r.pick(people);
      evidence.push({
        id, title: `Evidence ${++e}`, url: `https://evidence.example.com/${e}`, kind, capturedOn: isoDay(at), result: kind === 'GATE_RUN' ? r.pick(['PASSED', 'PASSED', 'FAILED']) : null,
        addedById: author.id, addedByName: author.name, health, httpStatus: health === 'UNCHECKED' ? null : health === 'HEALTHY' ? 200 : 404,
        checkedAt: health === 'UNCHECKED' ? null : new Date(now - r.int(1, 6) * 3_600_000).toISOString(), brokenSince: health === 'BROKEN' ? new Date(now - DAY).toISOString() : null,
        createdAt: new Date(at).toISOString(), updatedAt: new Date(at).toISOString(),
      });
      const nLinks = r.next() < 0.25 ? 2 : 1;
      const seen = new Set<string>();
      for (let j = 0; j < nLinks && links.length < v.evidenceLinks; j++) {
        const targetType = r.weighted<string>(inPlan ? [['partner', 45], ['review', 15], ['deliverable', 15], ['gate', 15], ['criterion', 10]] : [['partner', 75], ['review', 25]]);
        const recent = (xs: readonly { id: string }[], created: (x: never) => number) => {
          const ok = xs.filter((x) => created(x as never) <= at);
          return ok.length ? r.pick(ok) : xs[0]!;
        };
        const targetId =
          targetType === 'partner' ? recent(partners, (p: { createdAt: number }) => p.createdAt).id
            : targetType === 'review' ? recent(reviews, (x: { weekStart: string }) => Date.parse(x.weekStart)).id
              : targetType === 'deliverable' ? r.pick(deliverables).id
                : targetType === 'gate' ? r.pick(gates).id
                  : r.pick(criteria).id;
        if (seen.has(targetType + targetId)) continue;
        seen.add(targetType + targetId);
        links.push({ id: uuid7(at, r), evidenceId: id, targetType, targetId, byName: author.name, createdAt: new Date(at).toISOString() });
      }
    }
    await add('Evidence', evidence);
    await add('EvidenceLink', links);
    log(`  evidence: ${evidence.length}, links ${links.length}`);

    // Metric values: every KPI, every week.
    const metrics = await db.metric.findMany({ select: { id: true } });
    await add('MetricValue', metrics.flatMap((m) => reviews.map((rv) => ({ id: uuid7(Date.parse(rv.weekStart), r), metricId: m.id, weekStart: rv.weekStart, value: r.int(0, 100), source: 'MANUAL', byName: ADMIN.name, updatedAt: new Date(Date.parse(rv.weekStart)).toISOString() }))));

    // The audit trail: events on real records, in time order, plan items only while the plan runs.
    const actions = [
      ['partner.update', 30], ['partner.stage', 8], ['partner.activity', 22], ['evidence.create', 8], ['evidence.health', 4], ['review.note', 6],
      ['actionItem.status', 8], ['deliverable.update', 6], ['gate.update', 2], ['criterion.flip', 3], ['gate.status', 1], ['user.role', 0.2],
    ] as const;
    const planActions = new Set(['deliverable.update', 'gate.update', 'criterion.flip', 'gate.status']);
    let events: Row[] = [];
    const evidenceIds = evidence.map((x) => x.id as string);
    const itemIds = items.map((x) => x.id as string);
    for (let i = 0; i < v.auditEvents; i++) {
      const at = since + ((i + r.next()) / v.auditEvents) * (spanMs - 60_000);
      let action: string = r.weighted(actions);
      if (planActions.has(action) && at < planStart) action = 'partner.update';
      const actor = r.pick(people);
      const [entityType, entityId, changes]: [string, string, unknown] =
        action.startsWith('partner.') ? ['partner', r.pick(partners).id, action === 'partner.stage' ? { stage: { from: 'LEAD', to: 'QUALIFIED' } } : { nextStep: { from: 'Call', to: 'Send the proposal' } }]
          : action === 'evidence.create' ? ['evidence', r.pick(evidenceIds), { title: 'Evidence', kind: 'DOC' }]
            : action === 'evidence.health' ? ['evidence', r.pick(evidenceIds), { health: { from: 'HEALTHY', to: r.next() < 0.3 ? 'BROKEN' : 'HEALTHY' }, httpStatus: 404 }]
              : action === 'review.note' ? ['review', r.pick(reviews).id, { section: 'gtm', markdown: { from: '', to: 'Notes' } }]
                : action === 'actionItem.status' ? ['actionItem', r.pick(itemIds), { status: { from: 'OPEN', to: 'DONE' } }]
                  : action === 'deliverable.update' ? ['deliverable', r.pick(deliverables).id, { status: { from: 'NOT_STARTED', to: r.pick(['IN_PROGRESS', 'DONE']) } }]
                    : action === 'criterion.flip' ? ['criterion', r.pick(criteria).id, { met: { from: false, to: true } }]
                      : action === 'user.role' ? ['user', r.pick(users).id, { role: { from: 'viewer', to: 'sales' } }]
                        : ['gate', r.pick(gates).id, { status: { from: 'PENDING', to: 'ON_TRACK' } }];
      events.push({ id: uuid7(at, r), at: new Date(at).toISOString(), actorId: actor.id, actorName: actor.name, action, entityType, entityId, changes, requestId: null });
      if (events.length === 20_000) {
        await add('AuditEvent', events);
        events = [];
      }
    }
    await add('AuditEvent', events);
    await db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_notify_change"`);
    await db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_chain"`);
    const linking = performance.now();
    await db.$transaction((tx) => tx.$executeRawUnsafe(`SELECT "audit_chain_link_pending"()`), { timeout: 3_600_000 });
    log(`  audit events: ${counts.AuditEvent} (hash chain linked in ${((performance.now() - linking) / 1000).toFixed(1)} s)`);
    // pnpm audit:verify's walk over the whole chain, timed (issue 17: 1M events in well under a minute).
    const verification = await verifyAuditChain(db);
    if (!verification.ok) throw new Error(`the generated audit chain does not verify: ${verification.broken?.message}`);
    auditVerify = { events: verification.checked, seconds: verification.ms / 1000 };
    log(`  audit chain verified: ${verification.checked} events in ${auditVerify.seconds.toFixed(1)} s`);
    // Stored criterion evaluations should reflect the generated pipeline and evidence, as a live app's do.
    await db.$transaction((tx) => reevaluateCriteria(tx, systemActor('bench'), today), { timeout: 120_000 });
    // A long-running database has statistics; give the planner the same.
    await db.$executeRawUnsafe('ANALYZE');
  } finally {
    await database.close();
  }
  return { volumes: v, seconds: (performance.now() - started) / 1000, rows: counts, currentWeek: isoDay(mondayOf(now)), auditVerify };
}
