// The pipeline's vocabularies (from the shared schema) in display order, and money formatting.
import {
  activityKinds,
  partnerPackages as packages,
  partnerSegments as segments,
  partnerStages as stages,
  partnerTracks as tracks,
  pocStatuses,
} from '@server/modules/partners/partners.enums';
import type { PartnerStage as Stage } from '@server/modules/partners/partners.schema';

export { activityKinds, packages, pocStatuses, segments, stages, tracks, type Stage };

const order: Record<Stage, number> = { LEAD: 0, QUALIFIED: 1, POC: 2, PAID_TRIAL: 3, PAID: 4, LOST: 5 };

/** Moving to lost, or back to an earlier stage, needs a reason (the server checks the same). */
export function moveNeedsReason(from: Stage, to: Stage): 'lost' | 'back' | null {
  if (to === from) return null;
  if (to === 'LOST') return 'lost';
  if (from !== 'LOST' && order[to] < order[from]) return 'back';
  return null;
}

export const stageColors: Record<Stage, string> = {
  LEAD: 'gray',
  QUALIFIED: 'blue',
  POC: 'violet',
  PAID_TRIAL: 'orange',
  PAID: 'teal',
  LOST: 'red',
};

export function formatMoney(value: number | null | undefined, currency: string, language: string): string {
  if (value === null || value === undefined) return '';
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency, maximumFractionDigits: 0, notation: value >= 100_000 ? 'compact' : 'standard' }).format(value);
  } catch {
    return `${currency} ${value}`;
  }
}

/** Sums by currency: "US$120K · €10K". */
export function formatTotals(cards: { expectedValue: number | null; currency: string }[], language: string): string {
  const totals = new Map<string, number>();
  for (const c of cards) if (c.expectedValue) totals.set(c.currency, (totals.get(c.currency) ?? 0) + c.expectedValue);
  return [...totals.entries()].map(([cur, v]) => formatMoney(v, cur, language)).join(' · ');
}
