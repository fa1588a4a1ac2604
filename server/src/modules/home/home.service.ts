import type { Db } from '../../db/database.js';
import { fromIsoDate, type IsoDate } from '../../lib/dates.js';
import { gateHealthFor } from '../gates/gates.service.js';
import { listMetrics } from '../metrics/metrics.service.js';
import { partnerFunnelBrief } from '../partners/funnel.service.js';
import { getCurrentPlan } from '../plans/plans.service.js';
import { HOME_KPI_WEEKS } from './home.schema.js';
import { currentPhase, deliverablesDue, weekOf } from './home.rules.js';

/**
 * Everything the leadership home page shows, in one call and a fixed number of queries whatever the
 * plan's size: the current plan (one nested query), the gates' suggested health (two), the partner
 * funnel (one, grouped) and the KPIs with their recent weeks (one).
 */
export async function homeOverview(db: Db, today: IsoDate) {
  const [plan, funnel, metrics] = await Promise.all([
    getCurrentPlan(db, today),
    partnerFunnelBrief(db, today),
    listMetrics(db, { weeks: HOME_KPI_WEEKS, includeArchived: false }, today),
  ]);

  const kpis = {
    weeks: metrics.weeks,
    metrics: metrics.metrics.map((m) => {
      const byWeek = new Map(m.values.map((v) => [v.week, v.value]));
      return {
        id: m.id,
        key: m.key,
        name: m.name,
        unit: m.unit,
        target: m.target,
        direction: m.direction,
        values: metrics.weeks.map((week) => ({ week, value: byWeek.get(week) ?? null })),
        latest: m.trend.latest ? { week: m.trend.latest.week, value: m.trend.latest.value } : null,
        vsTarget: m.trend.target,
      };
    }),
  };
  const week = weekOf(today);

  if (!plan) return { today, week, plan: null, funnel, kpis };

  const gates = plan.phases.flatMap((phase) => phase.gates.map((g) => ({ ...g, phaseKey: phase.key })));
  const health = await gateHealthFor(
    db,
    gates.map((g) => ({ id: g.id, status: g.status, dueDate: g.dueDate ? fromIsoDate(g.dueDate) : null, updatedAt: new Date(g.updatedAt) })),
    today,
  );
  const deliverables = plan.phases.flatMap((phase) =>
    phase.deliverables.map((d) => ({ id: d.id, title: d.title, phaseKey: phase.key, dueDate: d.dueDate, status: d.status, ownerName: d.ownerName })),
  );

  return {
    today,
    week,
    plan: {
      id: plan.id,
      name: plan.name,
      timeline: plan.timeline,
      currentPhase: currentPhase(plan.phases, today),
      phases: plan.phases.map((phase) => ({
        key: phase.key,
        name: phase.name,
        startDay: phase.startDay,
        endDay: phase.endDay,
        state: phase.state,
        gates: phase.gates.map((g) => {
          const h = health.get(g.id)!;
          return {
            id: g.id,
            title: g.title,
            phaseKey: phase.key,
            status: g.status,
            health: h.health,
            flagged: h.flagged,
            criteriaMet: h.criteriaMet,
            criteriaTotal: h.criteriaTotal,
            dueDate: g.dueDate,
            overdue: g.overdue,
          };
        }),
      })),
      ...deliverablesDue(deliverables, today),
    },
    funnel,
    kpis,
  };
}

export type HomeOverview = Awaited<ReturnType<typeof homeOverview>>;
