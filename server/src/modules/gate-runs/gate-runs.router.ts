import { roleProcedure, router } from '../../trpc.js';
import { gateRunInput } from './gate-runs.schema.js';
import { recordGateRun } from './gate-runs.service.js';

// A gate run is evidence: everyone who records evidence may report one (a service token with the
// gate-runs:write scope, or a person's read-write token).
const contributor = roleProcedure('sales', 'pm', 'leadership', 'admin');

export const gateRunsRouter = router({
  record: contributor.input(gateRunInput).mutation(({ ctx, input }) => recordGateRun(ctx.db.prisma, ctx.actor, input, ctx.today())),
});
