// What the benchmark loads: each page's tRPC call(s) over HTTP, and its floor — the same data fetched by
// hand-written SQL (one connection, the statements a careful hand-written handler would send).

export interface FloorClient {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Endpoint {
  name: string;
  /** The tRPC procedures the page asks for in one batched GET, with their inputs. */
  calls: { procedure: string; input?: unknown }[];
  floor(db: FloorClient, ctx: FloorContext): Promise<unknown>;
}

export interface FloorContext {
  /** The session token from the cookie: every request checks the session first. */
  sessionToken: string;
  today: string;
  currentWeek: string;
}

export function trpcPath(calls: Endpoint['calls']): string {
  const procedures = calls.map((c) => c.procedure).join(',');
  const input = Object.fromEntries(calls.flatMap((c, i) => (c.input === undefined ? [] : [[String(i), c.input]])));
  return `/trpc/${procedures}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
}

const DAY = 86_400_000;
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

const session = (db: FloorClient, token: string) =>
  db.query(
    `SELECT s.id, s."expiresAt", s."updatedAt", u.id AS "userId", u.name, u.email, u.role, u.banned
       FROM session s JOIN "user" u ON u.id = s."userId" WHERE s.token = $1`,
    [token],
  );

/** The current plan with phases, deliverables and gates (criteria summarised per item). */
async function currentPlan(db: FloorClient) {
  const [plan] = await db.query<{ id: string }>(`SELECT id, name, "startDate", "lengthDays", "isCurrent", version FROM "Plan" WHERE "isCurrent" LIMIT 1`);
  if (!plan) return null;
  const phases = await db.query<{ id: string }>(`SELECT id, key, name, "startDay", "endDay", goal, version FROM "Phase" WHERE "planId" = $1 ORDER BY "startDay"`, [plan.id]);
  const items = (table: string, fk: string) =>
    db.query<{ id: string }>(
      `SELECT i.id, i."phaseId", i.title, i.description, i."ownerName", i."dueDate", i.status, i.position, i.version, i."updatedAt",
              COALESCE((SELECT json_agg(json_build_object('met', c.met, 'currentValue', c."currentValue", 'targetValue', c."targetValue") ORDER BY c.position, c."createdAt")
                          FROM "Criterion" c WHERE c."${fk}" = i.id AND c."deletedAt" IS NULL), '[]') AS criteria
         FROM "${table}" i JOIN "Phase" ph ON ph.id = i."phaseId"
        WHERE ph."planId" = $1 AND i."deletedAt" IS NULL ORDER BY i.position, i."createdAt"`,
      [plan.id],
    );
  const deliverables = await items('Deliverable', 'deliverableId');
  const gates = await items('Gate', 'gateId');
  return { plan, phases, deliverables, gates };
}

const planList = (db: FloorClient) => db.query(`SELECT id, name, "startDate", "lengthDays", "isCurrent" FROM "Plan" ORDER BY "startDate" DESC`);

/** What suggested gate health reads: the gates' evidence (their criteria come with the plan). */
const gateEvidence = (db: FloorClient, gateIds: string[]) =>
  db.query(
    `SELECT l."targetId", l."createdAt", e.kind, e.health, e.result, e."capturedOn", e."createdAt" AS "evidenceCreatedAt"
       FROM "EvidenceLink" l JOIN "Evidence" e ON e.id = l."evidenceId"
      WHERE l."targetType" = 'gate' AND l."targetId" = ANY($1::uuid[]) AND e."archivedAt" IS NULL`,
    [gateIds],
  );

/** The funnel's data as the server now reads it: aggregated in SQL (partners.service: funnelSummary). */
async function funnelRows(db: FloorClient) {
  const from = `"StageTransition" s JOIN "Partner" p ON p.id = s."partnerId" WHERE p."archivedAt" IS NULL AND s.at < CURRENT_DATE + 1`;
  const reach = await db.query(
    `SELECT month, track, furthest, count(*)::int AS partners FROM (
       SELECT to_char(min(s.at), 'YYYY-MM') AS month, p.track, max(CASE s."toStage" WHEN 'LEAD' THEN 0 WHEN 'QUALIFIED' THEN 1 WHEN 'POC' THEN 2
              WHEN 'PAID_TRIAL' THEN 3 WHEN 'PAID' THEN 4 ELSE -1 END) AS furthest
         FROM ${from} GROUP BY s."partnerId", p.track) x GROUP BY month, track, furthest`,
  );
  const stays = await db.query(
    `SELECT stage, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median, count(*)::int AS samples FROM (
       SELECT s."toStage" AS stage, extract(epoch FROM lead(s.at) OVER (PARTITION BY s."partnerId" ORDER BY s.at, s.id) - s.at)::float8 / 86400 AS days
         FROM ${from}) x WHERE days IS NOT NULL AND stage <> 'LOST' GROUP BY stage`,
  );
  const lost = await db.query(
    `SELECT (array_agg(btrim(coalesce(s.reason, '')) ORDER BY s.at, s.id))[1] AS reason, count(*)::int AS count
       FROM ${from} AND s."toStage" = 'LOST' GROUP BY lower(btrim(coalesce(s.reason, '')))`,
  );
  return { reach, stays, lost };
}

function recentWeeks(today: string, n: number) {
  const d = Date.parse(today);
  const monday = d - ((new Date(d).getUTCDay() + 6) % 7) * DAY;
  return { first: new Date(monday - (n - 1) * 7 * DAY).toISOString().slice(0, 10), last: new Date(monday).toISOString().slice(0, 10) };
}

export function endpoints(opts: { currentWeek: string }): Endpoint[] {
  return [
    {
      name: 'home',
      calls: [{ procedure: 'home.overview' }, { procedure: 'plans.list' }],
      async floor(db, ctx) {
        await session(db, ctx.sessionToken);
        const plan = await currentPlan(db);
        const evidence = await gateEvidence(db, plan ? ids(plan.gates) : []);
        const funnel = await funnelRows(db);
        const w = recentWeeks(ctx.today, 8);
        const metrics = await db.query(
          `SELECT m.id, m.key, m.name, m.unit, m.target, m.direction,
                  COALESCE((SELECT json_agg(json_build_object('weekStart', v."weekStart", 'value', v.value) ORDER BY v."weekStart")
                              FROM "MetricValue" v WHERE v."metricId" = m.id AND v."weekStart" BETWEEN $1 AND $2), '[]') AS values
             FROM "Metric" m WHERE m."archivedAt" IS NULL ORDER BY m.position, m.key`,
          [w.first, w.last],
        );
        return [plan, evidence, funnel, metrics, await planList(db)];
      },
    },
    {
      name: 'plan',
      calls: [{ procedure: 'plans.current' }, { procedure: 'plans.list' }],
      async floor(db, ctx) {
        await session(db, ctx.sessionToken);
        return [await currentPlan(db), await planList(db)];
      },
    },
    {
      name: 'phase scorecard',
      calls: [{ procedure: 'phases.scorecard', input: { key: 'A' } }],
      async floor(db, ctx) {
        await session(db, ctx.sessionToken);
        const [phase] = await db.query<{ id: string; planId: string }>(
          `SELECT ph.id, ph.key, ph.name, ph."startDay", ph."endDay", p.id AS "planId", p."startDate" FROM "Phase" ph JOIN "Plan" p ON p.id = ph."planId" WHERE ph.key = 'A' AND p."isCurrent" LIMIT 1`,
        );
        if (!phase) throw new Error('no phase A');
        const deliverables = await db.query<{ id: string; phaseId: string; deletedAt: Date | null }>(
          `SELECT d.id, d."phaseId", d.status, d."dueDate", d."completedAt", d."deletedAt" FROM "Deliverable" d JOIN "Phase" ph ON ph.id = d."phaseId" WHERE ph."planId" = $1`,
          [phase.planId],
        );
        const gates = await db.query<{ id: string }>(`SELECT id, status, "dueDate" FROM "Gate" WHERE "phaseId" = $1 AND "deletedAt" IS NULL`, [phase.id]);
        const criteria = await db.query<{ id: string }>(
          `SELECT c.id, c."gateId", c."deliverableId", c.met FROM "Criterion" c
             LEFT JOIN "Gate" g ON g.id = c."gateId" LEFT JOIN "Deliverable" d ON d.id = c."deliverableId"
            WHERE c."deletedAt" IS NULL AND ((g."phaseId" = $1 AND g."deletedAt" IS NULL) OR (d."phaseId" = $1 AND d."deletedAt" IS NULL))`,
          [phase.id],
        );
        const events = await db.query(
          `SELECT action, "entityId", at, changes FROM "AuditEvent"
            WHERE "entityType" = 'deliverable' AND "entityId" = ANY($1::text[]) AND action = ANY($2::text[]) ORDER BY at, id`,
          [ids(deliverables), ['deliverable.create', 'deliverable.update', 'deliverable.delete', 'deliverable.restore']],
        );
        const inPhase = deliverables.filter((d) => d.phaseId === phase.id && d.deletedAt === null);
        const links = await db.query(
          `SELECT l."evidenceId", l."targetType", l."targetId", e.health FROM "EvidenceLink" l JOIN "Evidence" e ON e.id = l."evidenceId"
            WHERE e."archivedAt" IS NULL AND ((l."targetType" = 'gate' AND l."targetId" = ANY($1::uuid[]))
               OR (l."targetType" = 'deliverable' AND l."targetId" = ANY($2::uuid[])) OR (l."targetType" = 'criterion' AND l."targetId" = ANY($3::uuid[])))`,
          [ids(gates), ids(inPhase), ids(criteria)],
        );
        return [deliverables, gates, criteria, events, links];
      },
    },
    {
      name: 'partner board',
      calls: [{ procedure: 'partners.board', input: {} }, { procedure: 'partners.owners' }],
      async floor(db, ctx) {
        await session(db, ctx.sessionToken);
        // Per stage its first 50 cards (and one more, to know a next page exists), then its count and value per currency.
        const cards = await db.query(
          `SELECT c.* FROM unnest(enum_range(NULL::"PartnerStage")) AS s(stage) CROSS JOIN LATERAL (
             SELECT p.id, p.company, p.stage, p.track, p.segment, p.package, p."ownerId", u.name AS "ownerName", p."expectedValue", p.currency,
                    p."nextStep", p."nextStepDue", p.tags, p.version, p."updatedAt", p."archivedAt"
               FROM "Partner" p JOIN "user" u ON u.id = p."ownerId" WHERE p."archivedAt" IS NULL AND p.stage = s.stage
              ORDER BY p."updatedAt" DESC, p.id LIMIT 51) c`,
        );
        const totals = await db.query(
          `SELECT stage, currency, count(*)::int AS n, sum("expectedValue")::int AS value FROM "Partner" WHERE "archivedAt" IS NULL GROUP BY stage, currency`,
        );
        const owners = await db.query(`SELECT id, name FROM "user" WHERE role = ANY($1::text[]) AND NOT banned ORDER BY name`, [['sales', 'leadership', 'admin']]);
        return [cards, totals, owners];
      },
    },
    {
      name: 'funnel',
      calls: [{ procedure: 'partners.funnel', input: {} }],
      async floor(db, ctx) {
        await session(db, ctx.sessionToken);
        return funnelRows(db);
      },
    },
    {
      name: 'review agenda',
      calls: [{ procedure: 'reviews.byWeek', input: { weekStart: opts.currentWeek } }],
      async floor(db, ctx) {
        await session(db, ctx.sessionToken);
        const [review] = await db.query<{ id: string; weekStart: Date }>(
          `SELECT id, "weekStart", status, snapshot, "closedAt", "closedByName", version, "createdAt" FROM "WeeklyReview" WHERE "weekStart" = $1`,
          [ctx.currentWeek],
        );
        if (!review) throw new Error('no review this week');
        const attendees = await db.query(`SELECT a."userId", a."group", u.name FROM "ReviewAttendee" a JOIN "user" u ON u.id = a."userId" WHERE a."reviewId" = $1`, [review.id]);
        const notes = await db.query(`SELECT id, section, markdown, "updatedByName", version, "updatedAt" FROM "ReviewNote" WHERE "reviewId" = $1`, [review.id]);
        const decisions = await db.query(`SELECT id, text, "decidedByName", "targetType", "targetId", "createdAt" FROM "ReviewDecision" WHERE "reviewId" = $1 ORDER BY "createdAt", id`, [review.id]);
        const actionCols = `id, title, "ownerId", "ownerName", "dueDate", status, "targetType", "targetId", "closedInReviewId", "closedAt", version, "createdAt"`;
        const items = await db.query(`SELECT ${actionCols} FROM "ActionItem" WHERE "reviewId" = $1 ORDER BY "createdAt", id`, [review.id]);
        const [lastClosed] = await db.query<{ closedAt: Date }>(
          `SELECT "closedAt" FROM "WeeklyReview" WHERE status = 'CLOSED' AND "weekStart" < $1 ORDER BY "weekStart" DESC LIMIT 1`,
          [ctx.currentWeek],
        );
        const from = lastClosed?.closedAt ?? new Date(Date.now() - 7 * DAY);
        const to = new Date();
        const phases = await db.query(
          `SELECT ph.key, ph.name, ph."startDay",
                  (SELECT json_agg(json_build_object('id', d.id, 'title', d.title, 'status', d.status, 'dueDate', d."dueDate", 'completedAt', d."completedAt", 'updatedAt', d."updatedAt", 'ownerName', d."ownerName", 'deletedAt', d."deletedAt")) FROM "Deliverable" d WHERE d."phaseId" = ph.id) AS deliverables,
                  (SELECT json_agg(json_build_object('id', g.id, 'title', g.title, 'status', g.status, 'dueDate', g."dueDate", 'updatedAt', g."updatedAt", 'deletedAt', g."deletedAt", 'position', g.position)) FROM "Gate" g WHERE g."phaseId" = ph.id) AS gates
             FROM "Phase" ph JOIN "Plan" p ON p.id = ph."planId" WHERE p."isCurrent"`,
        );
        const gateIds = (await db.query<{ id: string }>(`SELECT g.id FROM "Gate" g JOIN "Phase" ph ON ph.id = g."phaseId" JOIN "Plan" p ON p.id = ph."planId" WHERE p."isCurrent" AND g."deletedAt" IS NULL`)).map((g) => g.id);
        const window = [from, to];
        const history = [
          await db.query(
            `SELECT c.id, c."gateId", c."fromStatus", c."toStatus", c.decision, c.reason, c.at, c."byName" FROM "GateStatusChange" c
               JOIN "Gate" g ON g.id = c."gateId" JOIN "Phase" ph ON ph.id = g."phaseId" JOIN "Plan" p ON p.id = ph."planId"
              WHERE c.at >= $1 AND c.at < $2 AND g."deletedAt" IS NULL AND p."isCurrent"`,
            window,
          ),
          await db.query(`SELECT action, "entityId", at, "actorName", changes FROM "AuditEvent" WHERE action IN ('criterion.flip', 'evidence.health') AND at >= $1 AND at < $2`, window),
          await db.query(
            `SELECT t."partnerId", t."fromStage", t."toStage", t.reason, t.at, t."byName", p.company FROM "StageTransition" t JOIN "Partner" p ON p.id = t."partnerId"
              WHERE t.at >= $1 AND t.at < $2 AND p."archivedAt" IS NULL`,
            window,
          ),
          await db.query(
            `SELECT c."partnerId", c."fromStatus", c."toStatus", c.at, c."byName", p.company FROM "PocStatusChange" c JOIN "Partner" p ON p.id = c."partnerId"
              WHERE c.at >= $1 AND c.at < $2 AND p."archivedAt" IS NULL`,
            window,
          ),
          await db.query(
            `SELECT p.id, p.company, p.stage, p."nextStep", p."nextStepDue", u.name AS "ownerName" FROM "Partner" p JOIN "user" u ON u.id = p."ownerId"
              WHERE p."archivedAt" IS NULL AND p."nextStepDue" < $1 AND p.stage NOT IN ('LOST', 'PAID')`,
            [ctx.today],
          ),
          await db.query(`SELECT id, title, kind, "createdAt", "addedByName" FROM "Evidence" WHERE "createdAt" >= $1 AND "createdAt" < $2 AND "archivedAt" IS NULL`, window),
          await db.query(
            `SELECT m.id, m.name, m.unit, m.target, m.direction,
                    (SELECT json_agg(json_build_object('weekStart', v."weekStart", 'value', v.value)) FROM "MetricValue" v WHERE v."metricId" = m.id AND v."weekStart" >= $1) AS values
               FROM "Metric" m WHERE m."archivedAt" IS NULL ORDER BY m.position`,
            [new Date(from.getTime() - 14 * DAY)],
          ),
          // The open action items of section 7 are the open ones among `carried` below.
        ];
        const health = [
          await db.query(`SELECT "gateId", met FROM "Criterion" WHERE "gateId" = ANY($1::uuid[]) AND "deletedAt" IS NULL`, [gateIds]),
          await gateEvidence(db, gateIds),
        ];
        const carried = await db.query(
          `SELECT ${actionCols.replace(/(^|, )(\w+|"\w+")/g, '$1a.$2')}, r."weekStart" AS "reviewWeek" FROM "ActionItem" a JOIN "WeeklyReview" r ON r.id = a."reviewId"
            WHERE r."weekStart" < $1 AND (a.status = 'OPEN' OR a."closedInReviewId" = $2) ORDER BY a."dueDate" ASC NULLS LAST, a."createdAt"`,
          [ctx.currentWeek, review.id],
        );
        const around = await db.query(
          `(SELECT "weekStart" FROM "WeeklyReview" WHERE "weekStart" < $1 ORDER BY "weekStart" DESC LIMIT 1) UNION ALL (SELECT "weekStart" FROM "WeeklyReview" WHERE "weekStart" > $1 ORDER BY "weekStart" LIMIT 1)`,
          [ctx.currentWeek],
        );
        return [attendees, notes, decisions, items, phases, history, health, carried, around];
      },
    },
    {
      // The command palette: one query over every kind the palette finds (search.service), a company
      // name fragment and a number, as someone types it.
      name: 'palette search',
      calls: [{ procedure: 'search.find', input: { q: 'cloud 12', limit: 20 } }],
      async floor(db, ctx) {
        await session(db, ctx.sessionToken);
        const like = ['%cloud%', '%12%'];
        const current = `JOIN "Phase" ph ON ph.id = i."phaseId" JOIN "Plan" pl ON pl.id = ph."planId" AND pl."isCurrent"`;
        return Promise.all([
          db.query(`SELECT p.id, p.key, p.name FROM "Phase" p JOIN "Plan" pl ON pl.id = p."planId" AND pl."isCurrent" WHERE (p.name ILIKE $1 AND p.name ILIKE $2) OR p.key = 'CLOUD 12' LIMIT 40`, like),
          db.query(`SELECT i.id, i.title, i.status, ph.key FROM "Deliverable" i ${current} WHERE i."deletedAt" IS NULL AND i.title ILIKE $1 AND i.title ILIKE $2 LIMIT 40`, like),
          db.query(`SELECT i.id, i.title, i.status, ph.key FROM "Gate" i ${current} WHERE i."deletedAt" IS NULL AND i.title ILIKE $1 AND i.title ILIKE $2 LIMIT 40`, like),
          db.query(`SELECT id, company, stage, "archivedAt" FROM "Partner" WHERE "archivedAt" IS NULL AND company ILIKE $1 AND company ILIKE $2 LIMIT 40`, like),
          db.query(`SELECT id, statement, status, "archivedAt" FROM "Claim" WHERE "archivedAt" IS NULL AND statement ILIKE $1 AND statement ILIKE $2 LIMIT 40`, like),
          db.query(`SELECT id, title, kind, "archivedAt" FROM "Evidence" WHERE "archivedAt" IS NULL AND title ILIKE $1 AND title ILIKE $2 LIMIT 40`, like),
          db.query(`SELECT id, "weekStart", status FROM "WeeklyReview" ORDER BY "weekStart" DESC LIMIT 520`),
        ]);
      },
    },
    {
      name: 'audit page 1',
      calls: [{ procedure: 'audit.list', input: { limit: 50 } }],
      async floor(db, ctx) {
        await session(db, ctx.sessionToken);
        const page = await db.query<{ entityType: string; entityId: string }>(
          `SELECT id, at, "actorId", "actorName", action, "entityType", "entityId", changes, "requestId" FROM "AuditEvent" ORDER BY at DESC, id DESC LIMIT 51`,
        );
        const of = (type: string) => [...new Set(page.filter((e) => e.entityType === type).map((e) => e.entityId))];
        const refs = await db.query(
          `SELECT 'deliverable' AS type, d.id::text, d.title AS label, ph.key, ph."planId" FROM "Deliverable" d JOIN "Phase" ph ON ph.id = d."phaseId" WHERE d.id::text = ANY($1::text[])
           UNION ALL SELECT 'gate', g.id::text, g.title, ph.key, ph."planId" FROM "Gate" g JOIN "Phase" ph ON ph.id = g."phaseId" WHERE g.id::text = ANY($2::text[])
           UNION ALL SELECT 'user', u.id, u.name, NULL, NULL FROM "user" u WHERE u.id = ANY($3::text[])`,
          [of('deliverable'), of('gate'), of('user')],
        );
        return [page, refs];
      },
    },
  ];
}
