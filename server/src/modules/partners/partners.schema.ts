// Shared with the web: imports only zod. Messages stay zod's defaults; the web translates issues by code.
import { z } from 'zod';
import { entityId, isoDate, version } from '../plans/plans.schema.js';
import { activityKinds, partnerPackages, partnerSegments, partnerStages, partnerTracks, pipelineStages, pocStatuses } from './partners.enums.js';

export { activityKinds, partnerPackages, partnerSegments, partnerStages, partnerTracks, pipelineStages, pocStatuses };

export type PartnerSegment = (typeof partnerSegments)[number];
export type PartnerPackage = (typeof partnerPackages)[number];
export type PartnerTrack = (typeof partnerTracks)[number];
export type PipelineStage = (typeof pipelineStages)[number];
export type PartnerStage = (typeof partnerStages)[number];
export type PocStatus = (typeof pocStatuses)[number];
export type ActivityKind = (typeof activityKinds)[number];

export const partnerSegment = z.enum(partnerSegments);
export const partnerPackage = z.enum(partnerPackages);
export const partnerTrack = z.enum(partnerTracks);
export const partnerStage = z.enum(partnerStages);
/** A partner is created in a pipeline stage, never as LOST (losing needs a reason: moveStage). */
export const initialStage = z.enum(pipelineStages);
export const pocStatus = z.enum(pocStatuses);
export const activityKind = z.enum(activityKinds);

export const MAX_ACTIVITY_TEXT = 10_000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const userId = z.string().trim().min(1).max(64);
export const companyName = z.string().trim().min(1).max(200);
export const website = z.url({ protocol: /^https?$/ }).max(500);
export const currencyCode = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/);
export const expectedValue = z.number().int().min(0).max(2_000_000_000);
export const partnerTag = z.string().trim().min(1).max(40);
export const stageReason = z.string().trim().min(1).max(1000);

export const partnerContact = z.object({
  name: z.string().trim().min(1).max(120),
  role: z.string().trim().max(120).default(''),
  email: z.email().max(254).transform((v) => v.trim().toLowerCase()).nullable().default(null),
});
export type PartnerContactInput = z.input<typeof partnerContact>;

const fields = {
  company: companyName,
  website: website.nullable(),
  segment: partnerSegment,
  package: partnerPackage,
  track: partnerTrack,
  ownerId: userId,
  expectedValue,
  currency: currencyCode,
  nextStep: z.string().trim().max(500),
  nextStepDue: isoDate.nullable(),
  tags: z.array(partnerTag).max(20),
  contacts: z.array(partnerContact).max(50),
};

export const partnerCreateInput = z.object({
  company: fields.company,
  website: fields.website.default(null),
  segment: fields.segment,
  package: fields.package,
  track: fields.track,
  /** Defaults to the acting user. */
  ownerId: fields.ownerId.optional(),
  stage: initialStage.default('LEAD'),
  expectedValue: fields.expectedValue.default(0),
  currency: fields.currency.default('USD'),
  nextStep: fields.nextStep.default(''),
  nextStepDue: fields.nextStepDue.default(null),
  tags: fields.tags.default([]),
  contacts: fields.contacts.default([]),
});
export type PartnerCreateInput = z.input<typeof partnerCreateInput>;

/** Every field but the stage (moveStage); `contacts` replaces all contacts; `ownerId` hands over. */
export const partnerUpdateInput = z.object({
  id: entityId,
  version,
  company: fields.company.optional(),
  website: fields.website.optional(),
  segment: fields.segment.optional(),
  package: fields.package.optional(),
  track: fields.track.optional(),
  ownerId: fields.ownerId.optional(),
  expectedValue: fields.expectedValue.optional(),
  currency: fields.currency.optional(),
  nextStep: fields.nextStep.optional(),
  nextStepDue: fields.nextStepDue.optional(),
  tags: fields.tags.optional(),
  contacts: fields.contacts.optional(),
});
export type PartnerUpdateInput = z.input<typeof partnerUpdateInput>;

/** What the web's edit form holds: every field present. */
export const partnerFormSchema = z.object(fields);
export type PartnerForm = z.input<typeof partnerFormSchema>;

export const partnerIdInput = z.object({ id: entityId });

export const partnerMoveStageInput = z.object({
  id: entityId,
  version,
  to: partnerStage,
  /** Required when moving backwards, to LOST, or out of LOST (checked by the service: `reason`). */
  reason: stageReason.optional(),
});
export type PartnerMoveStageInput = z.input<typeof partnerMoveStageInput>;

/** The filters the board, the table and the CSV export share (they live in the web's URL). */
export const partnerFilters = z.object({
  ownerId: userId.optional(),
  track: partnerTrack.optional(),
  segment: partnerSegment.optional(),
  package: partnerPackage.optional(),
  tag: partnerTag.optional(),
  /** Company or contact name/email, case-insensitive substring. */
  q: z.string().trim().max(200).optional(),
  includeArchived: z.boolean().default(false),
});
export type PartnerFilters = z.input<typeof partnerFilters>;

/** Cards a board column shows at first and per "Show more". */
export const BOARD_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
const pageSize = z.number().int().min(1).max(MAX_PAGE_SIZE);

/** The board: each stage's first cards (most recently changed first) and its total. */
export const partnerBoardInput = partnerFilters.extend({ perStage: pageSize.default(BOARD_PAGE_SIZE) }).default({ includeArchived: false, perStage: BOARD_PAGE_SIZE });
export type PartnerBoardInput = z.input<typeof partnerBoardInput>;

/** One board column's next cards after `cursor` (a column's `nextCursor`). */
export const partnerColumnInput = partnerFilters.extend({
  stage: partnerStage,
  cursor: z.string().max(100).nullish(),
  limit: pageSize.default(BOARD_PAGE_SIZE),
});
export type PartnerColumnInput = z.input<typeof partnerColumnInput>;

/** How the table (and its CSV export) can be sorted. */
export const partnerSortKeys = ['company', 'stage', 'owner', 'value', 'nextStepDue', 'updated'] as const;
export type PartnerSortKey = (typeof partnerSortKeys)[number];
const sorting = { sort: z.enum(partnerSortKeys).default('company'), dir: z.enum(['asc', 'desc']).default('asc') };

/** The table: one page of partners in the chosen order, with the total. */
export const partnerListInput = partnerFilters
  .extend({ ...sorting, offset: z.number().int().min(0).default(0), limit: pageSize.default(BOARD_PAGE_SIZE) })
  .default({ includeArchived: false, sort: 'company', dir: 'asc', offset: 0, limit: BOARD_PAGE_SIZE });
export type PartnerListInput = z.input<typeof partnerListInput>;

/** Every partner matching the filters, in the table's order: the CSV download. */
export const partnerExportInput = partnerFilters.extend(sorting).default({ includeArchived: false, sort: 'company', dir: 'asc' });
export type PartnerExportInput = z.input<typeof partnerExportInput>;

export const activityLogInput = z.object({
  partnerId: entityId,
  kind: activityKind,
  occurredOn: isoDate,
  text: z.string().trim().min(1).max(MAX_ACTIVITY_TEXT),
});
export type ActivityLogInput = z.input<typeof activityLogInput>;

export const pocCriterionInput = z.object({
  /** An existing criterion's id keeps it; without one a new criterion is added. */
  id: entityId.optional(),
  text: z.string().trim().min(1).max(500),
  met: z.boolean().default(false),
});

export const pocUpsertInput = z.object({
  partnerId: entityId,
  startDate: isoDate.nullable(),
  targetEndDate: isoDate.nullable(),
  status: pocStatus,
  outcome: z.string().trim().max(5000).default(''),
  criteria: z.array(pocCriterionInput).max(50).default([]),
}).refine((v) => v.startDate === null || v.targetEndDate === null || v.startDate <= v.targetEndDate, {
  message: 'The end date cannot come before the start date',
  path: ['targetEndDate'],
  params: { i18n: 'validation.endBeforeStart' },
});
export type PocUpsertInput = z.input<typeof pocUpsertInput>;

export const funnelInput = z.object({ asOf: isoDate.optional() }).default({});
export type FunnelInput = z.input<typeof funnelInput>;

export const importInput = z.object({ csv: z.string().min(1).max(MAX_IMPORT_BYTES) });
export type ImportInput = z.input<typeof importInput>;

/** The CSV header, in this order in the template; `company`…`owner_email` are required columns. */
export const importColumns = [
  'company',
  'website',
  'segment',
  'package',
  'track',
  'owner_email',
  'stage',
  'expected_value',
  'currency',
  'next_step',
  'next_step_due',
  'tags',
  'contact_name',
  'contact_role',
  'contact_email',
] as const;
export type ImportColumn = (typeof importColumns)[number];
export const requiredImportColumns = ['company', 'segment', 'package', 'track', 'owner_email'] as const satisfies readonly ImportColumn[];
