// The notification vocabularies, without zod: the web's header bell (first page) imports these.

/** What a person can be told; each can be switched per channel on the Notifications page. */
export const notificationKinds = ['actionItem.assigned', 'partner.assigned', 'partner.changed', 'gate.changed', 'evidence.broken', 'claim.changed'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** Channels a person receives on (team chat and webhooks go to destinations, not people). */
export const personalChannels = ['inapp', 'email'] as const;
export type PersonalChannel = (typeof personalChannels)[number];

/** Records a person can follow to hear of their changes. */
export const followableTypes = ['gate', 'partner', 'claim'] as const;
export type FollowableType = (typeof followableTypes)[number];
