import { roleProcedure, router } from '../../trpc.js';
import { gateRunInput, gateRunOutput } from './gate-runs.schema.js';
import { recordGateRun } from './gate-runs.service.js';
import { rights } from '../users/rights.js';

// A gate run is evidence: everyone who records evidence may report one (a service token with the
// gate-runs:write scope, or a person's read-write token).
const contributor = roleProcedure(...rights.recordEvidence);

export const gateRunsRouter = router({
  record: contributor
    .meta({
      openapi: {
        method: 'POST',
        path: '/gate-runs',
        tags: ['gate runs'],
        protect: true,
        summary: 'Report a CI run of a gate',
        description:
          'Gate-run evidence attached to the gate the key names (a criterion key counts for its gate). Idempotent by runId. The gate’s criteria are re-evaluated in the same transaction; the answer lists them as they are now. Token scope: gate-runs:write.',
      },
    })
    .input(gateRunInput)
    .output(gateRunOutput)
    .mutation(({ ctx, input }) => recordGateRun(ctx.db.prisma, ctx.actor, input, ctx.today())),
});
