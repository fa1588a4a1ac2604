import { auditRouter } from './modules/audit/audit.router.js';
import { deliverablesRouter } from './modules/deliverables/deliverables.router.js';
import { gatesRouter } from './modules/gates/gates.router.js';
import { partnersRouter } from './modules/partners/partners.router.js';
import { phasesRouter } from './modules/phases/phases.router.js';
import { plansRouter } from './modules/plans/plans.router.js';
import { usersRouter } from './modules/users/users.router.js';
import { router } from './trpc.js';

export const appRouter = router({
  plans: plansRouter,
  phases: phasesRouter,
  deliverables: deliverablesRouter,
  gates: gatesRouter,
  partners: partnersRouter,
  users: usersRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
