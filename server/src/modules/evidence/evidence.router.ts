import { readProcedure, roleProcedure, router } from '../../trpc.js';
import { rights } from '../users/rights.js';
import {
  evidenceCheckInput,
  evidenceCreateInput,
  evidenceForTargetInput,
  evidenceIdInput,
  evidenceLinkInput,
  evidenceListInput,
  evidenceListOutput,
  evidenceUpdateInput,
} from './evidence.schema.js';
import {
  createEvidence,
  evidenceById,
  evidenceForTarget,
  linkEvidence,
  listEvidence,
  setEvidenceArchived,
  unlinkEvidence,
  updateEvidence,
} from './evidence.service.js';
import { evidenceReportInput, evidenceReportOutput } from '../gate-runs/gate-runs.schema.js';
import { recordEvidenceByKey } from '../gate-runs/gate-runs.service.js';
import { checkEvidence, checkInBackground, linkCheckOptionsFrom } from './link-check.service.js';

// Everyone who works the plan or the pipeline records evidence; viewers read it.
const contributor = roleProcedure(...rights.recordEvidence);

export const evidenceRouter = router({
  list: readProcedure
    .meta({ openapi: { method: 'GET', path: '/evidence', tags: ['evidence'], protect: true, summary: 'Evidence, newest first, a page at a time (pass nextCursor as cursor)' } })
    .input(evidenceListInput)
    .output(evidenceListOutput)
    .query(({ ctx, input }) => listEvidence(ctx.db.prisma, input)),
  byId: readProcedure.input(evidenceIdInput).query(({ ctx, input }) => evidenceById(ctx.db.prisma, input.id)),
  forTarget: readProcedure.input(evidenceForTargetInput).query(({ ctx, input }) => evidenceForTarget(ctx.db.prisma, input)),

  create: contributor.input(evidenceCreateInput).mutation(async ({ ctx, input }) => {
    const created = await createEvidence(ctx.db.prisma, ctx.actor, input, ctx.today());
    checkInBackground(ctx.db.prisma, ctx, [created.id]);
    return created;
  }),
  update: contributor.input(evidenceUpdateInput).mutation(async ({ ctx, input }) => {
    const updated = await updateEvidence(ctx.db.prisma, ctx.actor, input, ctx.today());
    if (input.url !== undefined) checkInBackground(ctx.db.prisma, ctx, [input.id]);
    return updated;
  }),
  /** Release evidence, an artifact or a report from a pipeline, attached to a gate or criterion by its key. */
  record: contributor
    .meta({
      openapi: {
        method: 'POST',
        path: '/evidence',
        tags: ['evidence'],
        protect: true,
        summary: 'Record release evidence, an artifact or a report on a gate or criterion by key',
        description: 'Token scope: evidence:write. The criteria are re-evaluated in the same transaction.',
      },
    })
    .input(evidenceReportInput)
    .output(evidenceReportOutput)
    .mutation(async ({ ctx, input }) => {
    const created = await recordEvidenceByKey(ctx.db.prisma, ctx.actor, input, ctx.today());
    checkInBackground(ctx.db.prisma, ctx, [created.evidenceId]);
    return created;
  }),
  /** Re-checks links now (all live evidence, or the given ids) and answers with what it found. */
  checkNow: contributor.input(evidenceCheckInput).mutation(({ ctx, input }) =>
    checkEvidence(ctx.db.prisma, {
      ...(input.ids && { ids: input.ids }),
      actor: ctx.actor,
      today: ctx.today(),
      options: linkCheckOptionsFrom(ctx.linkCheck),
      ...(ctx.linkCheck && { concurrency: ctx.linkCheck.concurrency }),
    }),
  ),
  archive: contributor.input(evidenceIdInput).mutation(({ ctx, input }) => setEvidenceArchived(ctx.db.prisma, ctx.actor, input.id, true, ctx.today())),
  restore: contributor.input(evidenceIdInput).mutation(({ ctx, input }) => setEvidenceArchived(ctx.db.prisma, ctx.actor, input.id, false, ctx.today())),
  link: contributor
    .input(evidenceLinkInput)
    .mutation(({ ctx, input }) => linkEvidence(ctx.db.prisma, ctx.actor, input.evidenceId, input, ctx.today())),
  unlink: contributor
    .input(evidenceLinkInput)
    .mutation(({ ctx, input }) => unlinkEvidence(ctx.db.prisma, ctx.actor, input.evidenceId, input, ctx.today())),
});
