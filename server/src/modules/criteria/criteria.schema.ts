// Shared with the web: imports only zod. A criterion's `config` is one of the shapes below, chosen by
// its kind; the server validates it on every write and again when it evaluates.
import { z } from 'zod';
import { evidenceKind } from '../evidence/evidence.schema.js';
import { partnerPackage, partnerTrack, pipelineStages } from '../partners/partners.schema.js';
import { entityId, version } from '../plans/plans.schema.js';

export const criterionKinds = ['MANUAL', 'METRIC_THRESHOLD', 'PIPELINE_COUNT', 'EVIDENCE_COUNT', 'LINK_HEALTH', 'GATE_RUN_STREAK'] as const;
export type CriterionKind = (typeof criterionKinds)[number];

const count = z.number().int().min(1).max(10_000);

export const manualConfig = z.object({}).strict();
export const metricThresholdConfig = z
  .object({
    metricKey: z.string().trim().min(1).max(64),
    /** latest: the newest week with a value; sum / avg: over the last `weeks` weeks up to this one. */
    aggregate: z.enum(['latest', 'sum', 'avg']).default('latest'),
    weeks: z.number().int().min(1).max(52).default(1),
    op: z.enum(['gte', 'lte']).default('gte'),
    value: z.number().finite(),
  })
  .strict();
export const pipelineCountConfig = z
  .object({
    /** Partners that ever reached this stage (skipped stages count as reached). */
    stageReached: z.enum(pipelineStages),
    track: partnerTrack.nullable().default(null),
    package: partnerPackage.nullable().default(null),
    min: count,
  })
  .strict();
export const evidenceCountConfig = z
  .object({
    kind: evidenceKind,
    /** Items the evidence must be attached to: deliverables or gates of a phase (any phase: null), or partners. */
    on: z.enum(['deliverable', 'gate', 'partner']),
    phaseKey: z.string().trim().min(1).max(8).nullable().default(null),
    /** Count evidence, or count the items that have at least one such evidence. */
    countBy: z.enum(['evidence', 'items']).default('evidence'),
    min: count,
  })
  .strict();
export const linkHealthConfig = z
  .object({
    /** Evidence of this kind attached to the criterion's gate or deliverable; null: every kind. */
    kind: evidenceKind.nullable().default(null),
  })
  .strict();
export const gateRunStreakConfig = z.object({ runs: z.number().int().min(1).max(100) }).strict();

export const criterionSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('MANUAL'), config: manualConfig.default({}) }),
  z.object({ kind: z.literal('METRIC_THRESHOLD'), config: metricThresholdConfig }),
  z.object({ kind: z.literal('PIPELINE_COUNT'), config: pipelineCountConfig }),
  z.object({ kind: z.literal('EVIDENCE_COUNT'), config: evidenceCountConfig }),
  z.object({ kind: z.literal('LINK_HEALTH'), config: linkHealthConfig.default({ kind: null }) }),
  z.object({ kind: z.literal('GATE_RUN_STREAK'), config: gateRunStreakConfig }),
]);
export type CriterionSpec = z.output<typeof criterionSpec>;
export type CriterionSpecInput = z.input<typeof criterionSpec>;

const title = z.string().trim().min(1).max(300);

/** A criterion belongs to a gate or to a deliverable (a measurable target), never both. */
export const criterionOwner = z.union([
  z.object({ gateId: entityId, deliverableId: z.undefined().optional() }),
  z.object({ deliverableId: entityId, gateId: z.undefined().optional() }),
]);

export const criterionCreateInput = z.intersection(criterionOwner, z.object({ title, spec: criterionSpec }));
export type CriterionCreateInput = z.input<typeof criterionCreateInput>;

export const criterionUpdateInput = z.object({ id: entityId, version, title: title.optional(), spec: criterionSpec.optional() });
export type CriterionUpdateInput = z.input<typeof criterionUpdateInput>;

export const criterionIdInput = z.object({ id: entityId });
/** Ticking a manual criterion needs evidence: existing evidence ids (attached to the criterion). */
export const criterionTickInput = z.object({
  id: entityId,
  version,
  checked: z.boolean(),
  evidenceIds: z.array(entityId).max(20).default([]),
});
export type CriterionTickInput = z.input<typeof criterionTickInput>;
export const criterionReorderInput = z.intersection(criterionOwner, z.object({ orderedIds: z.array(entityId).min(1).max(200) }));
