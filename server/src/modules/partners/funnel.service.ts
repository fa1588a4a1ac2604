// The partner funnel: reach, conversions, stays in each stage and lost reasons, aggregated in the
// database from the stage transitions and finished by the pure rules (partners.rules: funnelFromSummary).
import type { Db } from '../../db/database.js';
import type { IsoDate } from '../../lib/dates.js';
import { Prisma } from '../../generated/prisma/client.js';
import { funnelFromSummary, type FunnelSummary } from './partners.rules.js';

/** A transition's stage as its place in the pipeline (partners.rules: stageIndex), LOST -1. */
const stageIndexSql = Prisma.sql`CASE s."toStage" WHEN 'LEAD' THEN 0 WHEN 'QUALIFIED' THEN 1 WHEN 'POC' THEN 2 WHEN 'PAID_TRIAL' THEN 3 WHEN 'PAID' THEN 4 ELSE -1 END`;
/** The transitions the funnel reads: those of partners not archived, up to the end of `asOf` (UTC day). */
const funnelTransitions = (asOf: IsoDate) => Prisma.sql`
  "StageTransition" s JOIN "Partner" p ON p.id = s."partnerId"
  WHERE p."archivedAt" IS NULL AND s."at" < ${asOf}::date + 1`;

/** Partners by cohort month, track and furthest stage: the rows reach, conversions and targets need. */
function funnelReach(db: Db, asOf: IsoDate) {
  return db.$queryRaw<FunnelSummary['reach']>`
    SELECT month, track, furthest, count(*)::int AS partners FROM (
      SELECT to_char(min(s."at"), 'YYYY-MM') AS month, p.track::text AS track, max(${stageIndexSql})::int AS furthest
      FROM ${funnelTransitions(asOf)}
      GROUP BY s."partnerId", p.track
    ) per_partner
    GROUP BY month, track, furthest`;
}

/**
 * The funnel's summary (partners.rules: summariseFunnel) aggregated in the database, so what the
 * process receives and computes does not grow with the pipeline's history.
 */
async function funnelSummary(db: Db, asOf: IsoDate): Promise<FunnelSummary> {
  const [reach, stays, lostReasons] = await Promise.all([
    funnelReach(db, asOf),
    db.$queryRaw<FunnelSummary['stays']>`
      SELECT stage, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS "medianDays", count(*)::int AS samples FROM (
        SELECT s."toStage"::text AS stage,
               extract(epoch FROM lead(s."at") OVER (PARTITION BY s."partnerId" ORDER BY s."at", s.id) - s."at")::float8 / 86400 AS days
        FROM ${funnelTransitions(asOf)}
      ) stays
      WHERE days IS NOT NULL AND stage <> 'LOST'
      GROUP BY stage`,
    db.$queryRaw<FunnelSummary['lostReasons']>`
      SELECT (array_agg(reason ORDER BY "at", id))[1] AS reason, count(*)::int AS count FROM (
        SELECT btrim(coalesce(s.reason, ''), E' \t\r\n') AS reason, s."at", s.id
        FROM ${funnelTransitions(asOf)} AND s."toStage" = 'LOST'
      ) lost
      GROUP BY lower(reason)`,
  ]);
  return { reach, stays, lostReasons };
}

/** The funnel at the end of `asOf`, from the transitions of the partners not archived (decision 007). */
export async function partnerFunnel(db: Db, asOf: IsoDate) {
  return funnelFromSummary(await funnelSummary(db, asOf), asOf);
}

/** What home shows of the funnel: partners, reach and targets (one grouped query). */
export async function partnerFunnelBrief(db: Db, asOf: IsoDate) {
  const { partners, reached, targets } = funnelFromSummary({ reach: await funnelReach(db, asOf), stays: [], lostReasons: [] }, asOf);
  return { partners, reached, targets };
}
