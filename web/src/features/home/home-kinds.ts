import i18n from '../../lib/i18n';
import type { RouterOutputs } from '../../lib/trpc';

export type HomeOverview = RouterOutputs['home']['overview'];
export type HomePlan = NonNullable<HomeOverview['plan']>;
export type HomeGate = HomePlan['phases'][number]['gates'][number];
export type HomeDeliverable = HomePlan['overdue'][number];
export type HomeKpi = HomeOverview['kpis']['metrics'][number];

/** A number in the reader's language, as short as it reads well on a tile. */
export const formatNumber = (value: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1, notation: Math.abs(value) >= 10_000 ? 'compact' : 'standard' }).format(value);

// Small coloured text on the tiles: dark enough for WCAG AA in both colour schemes.
export const goodColor = 'light-dark(var(--mantine-color-teal-9), var(--mantine-color-teal-3))';
export const badColor = 'light-dark(var(--mantine-color-red-9), var(--mantine-color-red-3))';
export const warnColor = 'light-dark(var(--mantine-color-orange-9), var(--mantine-color-orange-3))';
