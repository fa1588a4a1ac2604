// Checking a CSV import row by row, without I/O: the service supplies who may own partners and which
// company names exist, and writes only when every row passes.
import { z } from 'zod';
import { isoDate } from '../plans/plans.schema.js';
import {
  companyName,
  currencyCode,
  expectedValue,
  partnerPackage,
  partnerSegment,
  partnerTag,
  partnerTrack,
  pipelineStages,
  requiredImportColumns,
  website,
  type ImportColumn,
  type PartnerPackage,
  type PartnerSegment,
  type PartnerTrack,
  type PipelineStage,
} from './partners.schema.js';

/** A row ready to write. */
export interface ImportedPartner {
  company: string;
  companyKey: string;
  website: string | null;
  segment: PartnerSegment;
  package: PartnerPackage;
  track: PartnerTrack;
  ownerId: string;
  ownerEmail: string;
  stage: PipelineStage;
  expectedValue: number;
  currency: string;
  nextStep: string;
  nextStepDue: string | null;
  tags: string[];
  contact: { name: string; role: string; email: string | null } | null;
}

export interface ImportIssue {
  /** 1-based data row: the first row after the header is row 1. 0: the file as a whole. */
  row: number;
  field: ImportColumn | 'csv';
  message: string;
}

export interface CheckedRow {
  row: number;
  partner: ImportedPartner | null;
  errors: ImportIssue[];
}

export interface ImportLookups {
  /** Lower-cased emails of users who may own partners (active sales, leadership, admin). */
  ownersByEmail: ReadonlyMap<string, string>;
  /** Lower-cased emails of every user, to tell "not allowed to own" from "unknown". */
  allEmails: ReadonlySet<string>;
  /** Company keys (lower-cased, trimmed) of existing partners, archived included. */
  existingCompanies: ReadonlySet<string>;
}

/**
 * What makes two company names the same partner: case, surrounding and repeated inner whitespace do
 * not count ("Acme  Corp" is "acme corp"). Stored as `Partner.companyKey`, which is unique; migration
 * 20261204020000_company_key_inner_spaces computes the same for rows written before.
 */
export const companyKey = (company: string) => company.replace(/\s+/g, ' ').trim().toLowerCase();

const emailSchema = z.email();
const stageSchema = z.enum(pipelineStages);

/** Column problems of a header row: the required columns it lacks. */
export function headerIssues(fields: readonly string[]): ImportIssue[] {
  const present = new Set(fields.map((f) => f.trim().toLowerCase()));
  return requiredImportColumns
    .filter((c) => !present.has(c))
    .map((c) => ({ row: 0, field: 'csv' as const, message: `Missing column "${c}"` }));
}

/** The companies named by the rows, to look up against existing partners. */
export const companyKeysOf = (records: readonly Record<string, string | undefined>[]) =>
  [...new Set(records.map((r) => companyKey(r.company ?? '')).filter(Boolean))];

/**
 * Checks every row: enum values (case-insensitive), owner, emails, numbers, dates, duplicates within
 * the file (the later row is the duplicate) and against existing partners. Blank stage is LEAD, blank
 * currency USD, blank expected value 0. Rows are numbered from 1 after the header.
 */
export function checkImportRows(records: readonly Record<string, string | undefined>[], lookups: ImportLookups): CheckedRow[] {
  const seen = new Map<string, number>();
  return records.map((record, index) => {
    const row = index + 1;
    const errors: ImportIssue[] = [];
    const cell = (c: ImportColumn) => (record[c] ?? '').trim();
    const fail = (field: ImportColumn, message: string) => errors.push({ row, field, message });
    const upper = (c: ImportColumn) => cell(c).toUpperCase().replace(/[\s-]+/g, '_');

    const company = companyName.safeParse(cell('company'));
    const key = companyKey(cell('company'));
    if (!company.success) fail('company', cell('company') ? 'Company name is too long' : 'Company is missing');
    else if (seen.has(key)) fail('company', `Duplicate of row ${seen.get(key)}`);
    else if (lookups.existingCompanies.has(key)) fail('company', 'A partner with this company already exists');
    if (key && !seen.has(key)) seen.set(key, row);

    const site = cell('website') ? website.safeParse(cell('website')) : null;
    if (site && !site.success) fail('website', 'Not a valid http(s) URL');
    const segment = partnerSegment.safeParse(upper('segment'));
    if (!segment.success) fail('segment', `Unknown segment "${cell('segment')}"`);
    const pkg = partnerPackage.safeParse(upper('package'));
    if (!pkg.success) fail('package', `Unknown package "${cell('package')}"`);
    const track = partnerTrack.safeParse(upper('track'));
    if (!track.success) fail('track', `Unknown track "${cell('track')}"`);
    const stage = stageSchema.safeParse(cell('stage') ? upper('stage') : 'LEAD');
    if (!stage.success) fail('stage', upper('stage') === 'LOST' ? 'A partner cannot be imported as LOST' : `Unknown stage "${cell('stage')}"`);

    const ownerEmail = cell('owner_email').toLowerCase();
    const ownerId = lookups.ownersByEmail.get(ownerEmail);
    if (!ownerEmail) fail('owner_email', 'Owner email is missing');
    else if (!emailSchema.safeParse(ownerEmail).success) fail('owner_email', 'Not a valid email');
    else if (!ownerId) fail('owner_email', lookups.allEmails.has(ownerEmail) ? 'This user may not own partners' : 'No user with this email');

    const valueText = cell('expected_value').replace(/[,_\s]/g, '');
    const value = valueText === '' ? 0 : /^\d+$/.test(valueText) ? Number(valueText) : NaN;
    if (!expectedValue.safeParse(value).success) fail('expected_value', 'Not a whole, non-negative number');
    const currency = currencyCode.safeParse(cell('currency') || 'USD');
    if (!currency.success) fail('currency', 'Not a 3-letter currency code');
    const due = cell('next_step_due') ? isoDate.safeParse(cell('next_step_due')) : null;
    if (due && !due.success) fail('next_step_due', 'Not a date (YYYY-MM-DD)');
    if (cell('next_step').length > 500) fail('next_step', 'Next step is too long');

    const tags = [...new Set(cell('tags').split(';').map((t) => t.trim()).filter(Boolean))];
    if (tags.length > 20 || tags.some((t) => !partnerTag.safeParse(t).success)) fail('tags', 'At most 20 tags of up to 40 characters');

    const contactName = cell('contact_name');
    const contactEmail = cell('contact_email').toLowerCase();
    if (contactEmail && !emailSchema.safeParse(contactEmail).success) fail('contact_email', 'Not a valid email');
    if (!contactName && (contactEmail || cell('contact_role'))) fail('contact_name', 'A contact needs a name');
    if (contactName.length > 120) fail('contact_name', 'Contact name is too long');

    if (errors.length > 0 || !company.success || !segment.success || !pkg.success || !track.success || !stage.success || !currency.success || !ownerId) {
      return { row, partner: null, errors };
    }
    return {
      row,
      errors,
      partner: {
        company: company.data,
        companyKey: key,
        website: site?.success ? site.data : null,
        segment: segment.data,
        package: pkg.data,
        track: track.data,
        ownerId,
        ownerEmail,
        stage: stage.data,
        expectedValue: value,
        currency: currency.data,
        nextStep: cell('next_step'),
        nextStepDue: due?.success ? due.data : null,
        tags,
        contact: contactName ? { name: contactName, role: cell('contact_role').slice(0, 120), email: contactEmail || null } : null,
      },
    };
  });
}
