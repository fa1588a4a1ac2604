import { auditRouter } from './modules/audit/audit.router.js';
import { claimsRouter } from './modules/claims/claims.router.js';
import { criteriaRouter } from './modules/criteria/criteria.router.js';
import { deliverablesRouter } from './modules/deliverables/deliverables.router.js';
import { evidenceRouter } from './modules/evidence/evidence.router.js';
import { gateRunsRouter } from './modules/gate-runs/gate-runs.router.js';
import { gatesRouter } from './modules/gates/gates.router.js';
import { liveRouter } from './modules/live/live.router.js';
import { homeRouter } from './modules/home/home.router.js';
import { metricsRouter } from './modules/metrics/metrics.router.js';
import { notificationsRouter } from './modules/notifications/notifications.router.js';
import { partnersRouter } from './modules/partners/partners.router.js';
import { phasesRouter } from './modules/phases/phases.router.js';
import { plansRouter } from './modules/plans/plans.router.js';
import { reviewsRouter } from './modules/reviews/reviews.router.js';
import { searchRouter } from './modules/search/search.router.js';
import { stabilityRouter } from './modules/stability/stability.router.js';
import { tokensRouter } from './modules/tokens/tokens.router.js';
import { usersRouter } from './modules/users/users.router.js';
import { router } from './trpc.js';
import { publicEvidenceRouter } from './modules/public-evidence/public-evidence.router.js';
import { reportsRouter } from './modules/reports/reports.router.js';

export const appRouter = router({
  plans: plansRouter,
  phases: phasesRouter,
  deliverables: deliverablesRouter,
  gates: gatesRouter,
  gateRuns: gateRunsRouter,
  criteria: criteriaRouter,
  evidence: evidenceRouter,
  partners: partnersRouter,
  metrics: metricsRouter,
  tokens: tokensRouter,
  users: usersRouter,
  audit: auditRouter,
  publicEvidence: publicEvidenceRouter,
  reports: reportsRouter,
  claims: claimsRouter,
  stability: stabilityRouter,
  reviews: reviewsRouter,
  live: liveRouter,
  home: homeRouter,
  notifications: notificationsRouter,
  search: searchRouter,
});

export type AppRouter = typeof appRouter;
