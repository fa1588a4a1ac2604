import type { Role } from '@server/modules/users/users.schema';
import type { RouterOutputs } from '../../lib/trpc';

export type ReviewView = NonNullable<RouterOutputs['reviews']['byWeek']>;
export type AgendaSectionView = ReviewView['agenda'][number];
export type AgendaItem = AgendaSectionView['items'][number];
export type ActionItem = ReviewView['carriedOver'][number];
export type Person = RouterOutputs['reviews']['people'][number];

// Mirrors reviews.rules (reviewWriters, reviewClosers): the server decides, this keeps the UI honest.
export const mayWriteReview = (role: Role | undefined) => role === 'sales' || role === 'pm' || role === 'leadership' || role === 'admin';
export const mayCloseReview = (role: Role | undefined) => role === 'leadership' || role === 'admin';

export const statusColor = { DRAFT: 'blue', CLOSED: 'gray' } as const;
export const actionColor = { OPEN: 'blue', DONE: 'green', DROPPED: 'gray' } as const;
