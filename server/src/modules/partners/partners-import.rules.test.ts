import { describe, expect, it } from 'vitest';
import { checkImportRows, headerIssues } from './partners-import.rules.js';

const lookups = {
  ownersByEmail: new Map([['sam@example.test', 'u-sam']]),
  allEmails: new Set(['sam@example.test', 'pat@example.test']),
  existingCompanies: new Set(['acme']),
};
const row = (extra: Record<string, string>) => ({ company: 'Beta', segment: 'ai_infra', package: 'cloud team', track: 'Hosted', owner_email: 'SAM@example.test', ...extra });

describe('checkImportRows', () => {
  it('accepts enum values in any case, with defaults for blank stage, currency and value', () => {
    const [checked] = checkImportRows([row({ tags: 'a; b;;a' })], lookups);
    expect(checked).toEqual({
      row: 1,
      errors: [],
      partner: expect.objectContaining({ company: 'Beta', companyKey: 'beta', segment: 'AI_INFRA', package: 'CLOUD_TEAM', track: 'HOSTED', ownerId: 'u-sam', stage: 'LEAD', currency: 'USD', expectedValue: 0, tags: ['a', 'b'], contact: null }),
    });
  });

  it('numbers rows from 1 after the header and names the later row of a duplicate', () => {
    const checked = checkImportRows([row({}), row({ company: ' BETA ' }), row({ company: 'Acme' })], lookups);
    expect(checked.map((c) => c.errors.map((e) => [e.row, e.field, e.message]))).toEqual([
      [],
      [[2, 'company', 'Duplicate of row 1']],
      [[3, 'company', 'A partner with this company already exists']],
    ]);
  });

  it('tells an unknown owner from one who may not own partners', () => {
    const checked = checkImportRows([row({ owner_email: 'pat@example.test' }), row({ company: 'C', owner_email: 'zed@example.test' })], lookups);
    expect(checked.map((c) => c.errors[0]!.message)).toEqual(['This user may not own partners', 'No user with this email']);
  });
});

describe('headerIssues', () => {
  it('names each missing required column', () => {
    expect(headerIssues(['Company', 'segment', 'package', 'track', 'owner_email'])).toEqual([]);
    expect(headerIssues(['company']).map((i) => i.message)).toEqual(['Missing column "segment"', 'Missing column "package"', 'Missing column "track"', 'Missing column "owner_email"']);
  });
});
