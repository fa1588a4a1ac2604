// Shared with the web: imports only zod (and the value lists).
import { z } from 'zod';
import { followableTypes, notificationKinds, personalChannels } from './notifications.enums.js';

export { followableTypes, notificationKinds, personalChannels, type FollowableType, type NotificationKind, type PersonalChannel } from './notifications.enums.js';

export const inboxListInput = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  /** The last notification of the previous page. */
  cursor: z.uuid().nullish(),
  unreadOnly: z.boolean().optional(),
});

export const markReadInput = z.object({ ids: z.array(z.uuid()).min(1).max(200) });

export const preferenceInput = z.object({ kind: z.enum(notificationKinds), channel: z.enum(personalChannels), enabled: z.boolean() });

export const followTarget = z.object({ entityType: z.enum(followableTypes), entityId: z.uuid() });
export const followInput = followTarget.extend({ follow: z.boolean() });

export const deliveryStatuses = ['PENDING', 'RETRYING', 'SENT', 'DEAD'] as const;
export const deliveriesListInput = z.object({
  channel: z.string().trim().min(1).max(40).optional(),
  status: z.enum(deliveryStatuses).optional(),
  limit: z.number().int().min(1).max(200).default(100),
});
export const deliveryRetryInput = z.object({ id: z.uuid() });

export const mailLanguageInput = z.object({ language: z.enum(['en', 'zh-CN']) });
