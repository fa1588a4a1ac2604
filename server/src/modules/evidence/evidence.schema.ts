// Shared with the web: imports only zod. Messages stay zod's defaults; the web translates issues by code.
import { z } from 'zod';
import { entityId, isoDate, version } from '../plans/plans.schema.js';
import { evidenceKinds, evidenceResults, evidenceTargetTypes, linkHealths } from './evidence.enums.js';

export { evidenceKinds, evidenceResults, evidenceTargetTypes, linkHealths };
export type EvidenceKind = (typeof evidenceKinds)[number];
export type EvidenceResult = (typeof evidenceResults)[number];
export type LinkHealth = (typeof linkHealths)[number];
export type EvidenceTargetType = (typeof evidenceTargetTypes)[number];

export const evidenceKind = z.enum(evidenceKinds);
export const evidenceResult = z.enum(evidenceResults);
export const linkHealth = z.enum(linkHealths);
export const evidenceTargetType = z.enum(evidenceTargetTypes);
export const evidenceUrl = z.url({ protocol: /^https?$/ }).max(2000);

const fields = {
  title: z.string().trim().min(1).max(200),
  url: evidenceUrl,
  kind: evidenceKind,
  capturedOn: isoDate,
  result: evidenceResult.nullable(),
  note: z.string().trim().max(2000),
};

export const evidenceTarget = z.object({ targetType: evidenceTargetType, targetId: entityId });
export type EvidenceTarget = z.infer<typeof evidenceTarget>;

export const evidenceCreateInput = z.object({
  ...fields,
  result: fields.result.default(null),
  note: fields.note.default(''),
  /** A page that changes on every load: fingerprinted, never compared (docs/decisions/043). */
  livePage: z.boolean().default(false),
  /** Attach the new evidence to this record at once. */
  attachTo: evidenceTarget.optional(),
});
export type EvidenceCreateInput = z.input<typeof evidenceCreateInput>;

export const evidenceUpdateInput = z.object({
  id: entityId,
  version,
  title: fields.title.optional(),
  url: fields.url.optional(),
  kind: fields.kind.optional(),
  capturedOn: fields.capturedOn.optional(),
  result: fields.result.optional(),
  note: fields.note.optional(),
  livePage: z.boolean().optional(),
});
export type EvidenceUpdateInput = z.input<typeof evidenceUpdateInput>;

/** What the web's form holds: every field present. */
export const evidenceFormSchema = z.object(fields);
export type EvidenceForm = z.input<typeof evidenceFormSchema>;

export const evidenceListInput = z.object({
  q: z.string().trim().max(200).optional(),
  kind: evidenceKind.optional(),
  health: linkHealth.optional(),
  archived: z.boolean().default(false),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type EvidenceListInput = z.input<typeof evidenceListInput>;

/** One page of `evidence.list`, as the REST API documents it. */
export const evidenceListOutput = z.object({
  items: z.array(
    z.object({
      id: entityId,
      title: z.string(),
      url: z.string(),
      kind: evidenceKind,
      capturedOn: isoDate,
      result: evidenceResult.nullable(),
      note: z.string(),
      addedByName: z.string(),
      health: linkHealth,
      httpStatus: z.number().int().nullable(),
      finalUrl: z.string().nullable(),
      checkError: z.string().nullable(),
      checkedAt: z.string().nullable(),
      brokenSince: z.string().nullable(),
      archivedAt: z.string().nullable(),
      version: z.number().int(),
      createdAt: z.string(),
      attachedTo: z.array(z.object({ targetType: evidenceTargetType, targetId: z.string(), label: z.string(), phaseKey: z.string().nullable() })),
    }),
  ),
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
  total: z.number().int(),
  brokenTotal: z.number().int(),
});

export const evidenceIdInput = z.object({ id: entityId });
export const evidenceLinkInput = evidenceTarget.extend({ evidenceId: entityId });
export const evidenceForTargetInput = evidenceTarget;
export const evidenceCheckInput = z.object({ ids: z.array(entityId).min(1).max(500).optional() });
