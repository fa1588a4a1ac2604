// Shared with the web: imports only zod. Messages stay zod's defaults; the web translates issues by code.
import { z } from 'zod';
import { entityId, version } from '../plans/plans.schema.js';
import { claimChannels, claimLayers, claimStatuses } from './claims.enums.js';

export { claimChannels, claimLayers, claimStatuses };

export type ClaimChannel = (typeof claimChannels)[number];
export type ClaimLayer = (typeof claimLayers)[number];
export type ClaimStatus = (typeof claimStatuses)[number];

export const claimChannel = z.enum(claimChannels);
export const claimLayer = z.enum(claimLayers);
export const claimStatus = z.enum(claimStatuses);

export const MAX_STATEMENT = 1000;
export const MAX_BOUNDARY = 2000;

const fields = {
  statement: z.string().trim().min(1).max(MAX_STATEMENT),
  channel: claimChannel,
  layer: claimLayer,
  /** What the claim does not say: where it stops being true. May be empty while drafting. */
  boundary: z.string().trim().max(MAX_BOUNDARY),
};
/** Why a claim is retracted, or why leadership publishes while a gate is blocked. */
export const claimReason = z.string().trim().min(1).max(1000);

export const claimCreateInput = z.object({ ...fields, boundary: fields.boundary.default('') });
export type ClaimCreateInput = z.input<typeof claimCreateInput>;

export const claimUpdateInput = z.object({
  id: entityId,
  version,
  statement: fields.statement.optional(),
  channel: fields.channel.optional(),
  layer: fields.layer.optional(),
  boundary: fields.boundary.optional(),
});
export type ClaimUpdateInput = z.input<typeof claimUpdateInput>;

/** What the web's form holds: every field present. */
export const claimFormSchema = z.object(fields);
export type ClaimForm = z.input<typeof claimFormSchema>;

export const claimIdInput = z.object({ id: entityId });
/** Approve and publish act on the version the caller saw: approval is for that text. */
export const claimVersionInput = z.object({ id: entityId, version });

export const claimPublishInput = claimVersionInput.extend({
  /** Leadership only: publish although a gate of the current plan is blocked, saying why. */
  overrideReason: claimReason.optional(),
});
export type ClaimPublishInput = z.input<typeof claimPublishInput>;

export const claimRetractInput = claimVersionInput.extend({ reason: claimReason });
export type ClaimRetractInput = z.input<typeof claimRetractInput>;

export const claimListInput = z
  .object({
    status: claimStatus.optional(),
    channel: claimChannel.optional(),
    layer: claimLayer.optional(),
    /** Statement or boundary, case-insensitive substring. */
    q: z.string().trim().max(200).optional(),
  })
  .default({});
export type ClaimListInput = z.input<typeof claimListInput>;
