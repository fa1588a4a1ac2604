import type { RouterOutputs } from '../../lib/trpc';

export type ReviewView = NonNullable<RouterOutputs['reviews']['byWeek']>;
export type AgendaSectionView = ReviewView['agenda'][number];
export type AgendaItem = AgendaSectionView['items'][number];
export type ActionItem = ReviewView['carriedOver'][number];
export type Person = RouterOutputs['reviews']['people'][number];

export const statusColor = { DRAFT: 'blue', CLOSED: 'gray' } as const;
export const actionColor = { OPEN: 'blue', DONE: 'green', DROPPED: 'gray' } as const;
