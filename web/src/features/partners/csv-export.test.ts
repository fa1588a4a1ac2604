import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { partnersCsv } from './csv-export';
import type { PartnerCard } from './use-partner-mutations';

const card = (over: Partial<PartnerCard> = {}): PartnerCard => ({
  id: 'p1',
  company: 'Acme',
  stage: 'LEAD',
  track: 'CLOUD',
  segment: 'ENTERPRISE',
  package: 'PILOT',
  ownerId: 'u1',
  ownerName: 'Mei Chen',
  expectedValue: 12000,
  currency: 'USD',
  nextStep: 'Send the pilot plan',
  nextStepDue: '2026-03-30',
  nextStepOverdue: false,
  tags: ['fintech', 'apac'],
  version: 3,
  updatedAt: '2026-03-25T10:00:00.000Z',
  archivedAt: null,
  ...over,
} as PartnerCard);

const rows = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });

describe('partnersCsv', () => {
  it('writes one row per card under the export header', () => {
    const parsed = rows(partnersCsv([card(), card({ id: 'p2', company: 'Globex' })]));
    expect(parsed.meta.fields).toEqual(['company', 'stage', 'track', 'segment', 'package', 'owner', 'expected_value', 'currency', 'next_step', 'next_step_due', 'tags']);
    expect(parsed.data.map((r) => r.company)).toEqual(['Acme', 'Globex']);
    expect(parsed.data[0]).toMatchObject({ owner: 'Mei Chen', expected_value: '12000', next_step_due: '2026-03-30', tags: 'fintech;apac' });
  });

  it('leaves unset values empty, not "null"', () => {
    const [row] = rows(partnersCsv([card({ nextStep: '', nextStepDue: null, tags: [] })])).data;
    expect(row).toMatchObject({ next_step: '', next_step_due: '', tags: '' });
  });

  it('keeps commas, quotes and line breaks inside their cell', () => {
    const company = 'Initech, "The" Company';
    const nextStep = 'Call back\nafter the board meeting';
    const [row] = rows(partnersCsv([card({ company, nextStep })])).data;
    expect(row?.company).toBe(company);
    expect(row?.next_step).toBe(nextStep);
  });
});
