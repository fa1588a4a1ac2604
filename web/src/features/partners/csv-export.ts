import { toCsv } from '@server/lib/csv';
import type { PartnerCard } from './use-partner-mutations';

/** The rows shown, as CSV in the import format's column names (formulas escaped). */
export function partnersCsv(cards: PartnerCard[]): string {
  return toCsv(
    cards.map((c) => ({
      company: c.company,
      stage: c.stage,
      track: c.track,
      segment: c.segment,
      package: c.package,
      owner: c.ownerName,
      expected_value: c.expectedValue ?? '',
      currency: c.currency,
      next_step: c.nextStep ?? '',
      next_step_due: c.nextStepDue ?? '',
      tags: c.tags.join(';'),
    })),
  );
}

/** The rows shown as CSV, downloaded by the browser. */
export function downloadPartnersCsv(cards: PartnerCard[], fileName = 'partners.csv') {
  const csv = partnersCsv(cards);
  const url = URL.createObjectURL(new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  URL.revokeObjectURL(url);
}
