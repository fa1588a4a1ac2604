import { trpc, type RouterOutputs } from '../../lib/trpc';

export type PhaseScorecard = RouterOutputs['phases']['scorecard'];
export type HealthReason = PhaseScorecard['health']['reasons'][number];

/** The scorecard of a phase; the page's loader starts it so it usually arrives with the page. */
export const phaseScorecardQuery = (key: string, planId: string | undefined) =>
  trpc.phases.scorecard.queryOptions({ key: key.toUpperCase(), ...(planId && { planId }) });
