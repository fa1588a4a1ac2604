import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../users/users.schema.js';
import { claimProblems, claimRefusal, editRevokesApproval, publishOverridesHold, type ClaimCheck, type ClaimForRules, type LiveEvidence } from './claims.rules.js';
import type { ClaimStatus } from './claims.schema.js';

const healthy: LiveEvidence = { title: 'Release notes 1.0', health: 'HEALTHY' };
const unchecked: LiveEvidence = { title: 'Benchmark report', health: 'UNCHECKED' };
const broken: LiveEvidence = { title: 'Old docs page', health: 'BROKEN' };

const claim = (status: ClaimStatus, over: Partial<ClaimForRules> = {}): ClaimForRules => ({ status, boundary: 'Single region only', archived: false, ...over });
const check = (role: Role, c: ClaimForRules, over: Partial<ClaimCheck> = {}): ClaimCheck => ({ role, claim: c, evidence: [healthy], blockedGates: [], ...over });
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('claim rights', () => {
  const allowed = (action: Parameters<typeof claimProblems>[0], status: ClaimStatus) =>
    roles.filter((role) => !claimProblems(action, check(role, claim(status))).some((p) => p.code === 'role'));

  it('lets sales, pm, leadership and admin write drafts; viewers only read', () => {
    expect(allowed('edit', 'DRAFT')).toEqual(['sales', 'pm', 'leadership', 'admin']);
    expect(allowed('archive', 'DRAFT')).toEqual(['sales', 'pm', 'leadership', 'admin']);
  });

  it('keeps approval to leadership and admin, publishing and retracting to pm and up', () => {
    expect(allowed('approve', 'DRAFT')).toEqual(['leadership', 'admin']);
    expect(allowed('publish', 'APPROVED')).toEqual(['pm', 'leadership', 'admin']);
    expect(allowed('retract', 'PUBLISHED')).toEqual(['pm', 'leadership', 'admin']);
  });

  it('a refused right is FORBIDDEN and names the roles', () => {
    const error = claimRefusal('approve', claimProblems('approve', check('pm', claim('DRAFT'))));
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'Approving a claim needs one of the roles: leadership, admin' });
  });
});

describe('the claim life cycle', () => {
  it('moves draft → approved → published → retracted and nothing else', () => {
    const ok = (action: Parameters<typeof claimProblems>[0], status: ClaimStatus) => claimProblems(action, check('admin', claim(status))).length === 0;
    expect((['DRAFT', 'APPROVED', 'PUBLISHED', 'RETRACTED'] as const).map((s) => [ok('approve', s), ok('publish', s), ok('retract', s), ok('edit', s), ok('archive', s)])).toEqual([
      [true, false, false, true, true], // DRAFT
      [false, true, false, true, false], // APPROVED
      [false, false, true, false, false], // PUBLISHED
      [false, false, false, false, false], // RETRACTED
    ]);
  });

  it('says why a step does not fit the status', () => {
    expect(claimRefusal('publish', claimProblems('publish', check('pm', claim('DRAFT'))))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Publishing needs leadership approval first',
    });
    expect(claimRefusal('edit', claimProblems('edit', check('pm', claim('PUBLISHED')))).message).toBe(
      'This claim is published and can no longer be edited; retract it and write a new one',
    );
    expect(claimRefusal('retract', claimProblems('retract', check('pm', claim('APPROVED')))).message).toBe('Only a published claim can be retracted; this claim is approved');
  });

  it('treats a deleted claim as gone for every step but restore', () => {
    const deleted = claim('DRAFT', { archived: true });
    expect(codes(claimProblems('edit', check('sales', deleted)))).toEqual(['archived']);
    expect(claimRefusal('edit', claimProblems('edit', check('sales', deleted))).code).toBe('NOT_FOUND');
    expect(claimProblems('restore', check('sales', deleted))).toEqual([]);
    expect(codes(claimProblems('restore', check('sales', claim('DRAFT'))))).toEqual(['notArchived']);
  });
});

describe('approval', () => {
  it('needs a boundary statement and live evidence, naming both when both are missing', () => {
    const problems = claimProblems('approve', check('leadership', claim('DRAFT', { boundary: '   ' }), { evidence: [] }));
    expect(codes(problems)).toEqual(['noBoundary', 'noEvidence']);
    expect(claimRefusal('approve', problems)).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Approval needs a boundary statement; Approval needs at least one piece of evidence attached',
      fieldIssues: [
        { path: 'boundary', message: 'Approval needs a boundary statement' },
        { path: 'evidence', message: 'Approval needs at least one piece of evidence attached' },
      ],
    });
  });

  it('does not yet ask for healthy evidence, nor care about blocked gates', () => {
    expect(claimProblems('approve', check('leadership', claim('DRAFT'), { evidence: [unchecked], blockedGates: ['Docs links all green'] }))).toEqual([]);
  });
});

describe('publishing', () => {
  it('goes ahead with a boundary, healthy evidence, approval and no blocked gate', () => {
    expect(claimProblems('publish', check('pm', claim('APPROVED'), { evidence: [healthy, unchecked] }))).toEqual([]);
  });

  it('needs a boundary statement', () => {
    const problems = claimProblems('publish', check('pm', claim('APPROVED', { boundary: '' })));
    expect(claimRefusal('publish', problems).message).toBe('Publishing needs a boundary statement');
  });

  it('refuses broken evidence by name, even beside healthy evidence', () => {
    const problems = claimProblems('publish', check('pm', claim('APPROVED'), { evidence: [healthy, broken] }));
    expect(problems).toEqual([{ code: 'evidenceBroken', title: 'Old docs page' }]);
    expect(claimRefusal('publish', problems).message).toBe('Evidence "Old docs page" is broken');
  });

  it('needs at least one piece of evidence checked healthy', () => {
    expect(codes(claimProblems('publish', check('pm', claim('APPROVED'), { evidence: [unchecked] })))).toEqual(['noHealthyEvidence']);
    expect(codes(claimProblems('publish', check('pm', claim('APPROVED'), { evidence: [broken] })))).toEqual(['evidenceBroken', 'noHealthyEvidence']);
    expect(codes(claimProblems('publish', check('pm', claim('APPROVED'), { evidence: [] })))).toEqual(['noEvidence']);
  });

  it('is held while a gate is blocked, naming the gates', () => {
    const one = claimProblems('publish', check('pm', claim('APPROVED'), { blockedGates: ['Docs links all green'] }));
    expect(claimRefusal('publish', one)).toMatchObject({ code: 'PRECONDITION_FAILED', message: 'Publishing is held: gate "Docs links all green" is blocked' });
    const two = claimProblems('publish', check('leadership', claim('APPROVED'), { blockedGates: ['A', 'B'] }));
    expect(claimRefusal('publish', two).message).toBe('Publishing is held: gates "A", "B" are blocked');
  });

  it('lets leadership and admin override the hold with a reason, and only them', () => {
    const held = { blockedGates: ['Docs links all green'], overrideReason: 'Security fix note must go out today' };
    for (const role of ['leadership', 'admin'] as const) {
      expect(claimProblems('publish', check(role, claim('APPROVED'), held))).toEqual([]);
      expect(publishOverridesHold(check(role, claim('APPROVED'), held))).toBe(true);
    }
    const pm = claimProblems('publish', check('pm', claim('APPROVED'), held));
    expect(claimRefusal('publish', pm)).toMatchObject({ code: 'FORBIDDEN', message: 'Only leadership may publish over a blocked gate' });
    expect(publishOverridesHold(check('pm', claim('APPROVED'), held))).toBe(false);
    // A blank reason is no override.
    expect(codes(claimProblems('publish', check('leadership', claim('APPROVED'), { ...held, overrideReason: '  ' })))).toEqual(['held']);
  });

  it('an override does not excuse missing evidence or boundary', () => {
    const problems = claimProblems('publish', check('leadership', claim('APPROVED', { boundary: '' }), { evidence: [broken], blockedGates: ['G'], overrideReason: 'Now' }));
    expect(codes(problems)).toEqual(['noBoundary', 'evidenceBroken', 'noHealthyEvidence']);
  });

  it('records no override when nothing was held', () => {
    expect(publishOverridesHold(check('leadership', claim('APPROVED'), { overrideReason: 'Just in case' }))).toBe(false);
  });
});

describe('editRevokesApproval', () => {
  const text = { statement: 'Sub-100 ms recall', boundary: 'On the Cloud tier', channel: 'WEBSITE', layer: 'CLOUD' } as const;

  it('sends an approved claim back to draft when its text, channel or layer changes', () => {
    expect(editRevokesApproval('APPROVED', text, { statement: 'Sub-50 ms recall' })).toBe(true);
    expect(editRevokesApproval('APPROVED', text, { boundary: '' })).toBe(true);
    expect(editRevokesApproval('APPROVED', text, { channel: 'DOCS' })).toBe(true);
    expect(editRevokesApproval('APPROVED', text, { layer: 'OSS' })).toBe(true);
  });

  it('keeps the approval when nothing actually changes, and has nothing to revoke on a draft', () => {
    expect(editRevokesApproval('APPROVED', text, { statement: text.statement, layer: 'CLOUD' })).toBe(false);
    expect(editRevokesApproval('APPROVED', text, {})).toBe(false);
    expect(editRevokesApproval('DRAFT', text, { statement: 'Other' })).toBe(false);
  });
});
