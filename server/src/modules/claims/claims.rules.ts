// Who may do what to a claim, and what each step needs (launch plan §8: every external claim carries
// evidence, nothing is released without a boundary statement, and narrative waits while a gate is
// blocked). Pure: the service loads the claim, its live evidence and the blocked gates, and asks here.
import { DomainError, type DomainErrorCode } from '../../lib/errors.js';
import { can, rights, type Right } from '../users/rights.js';
import type { Role } from '../users/users.schema.js';
import type { ClaimChannel, ClaimLayer, ClaimStatus } from './claims.schema.js';

export const claimActions = ['edit', 'approve', 'publish', 'retract', 'archive', 'restore'] as const;
export type ClaimAction = (typeof claimActions)[number];

/** The right each action needs (users/rights.ts); `edit` covers creating, editing, archiving and restoring drafts. */
export const claimRights = {
  edit: 'editClaims',
  approve: 'approveClaims',
  publish: 'publishClaims',
  retract: 'retractClaims',
  archive: 'editClaims',
  restore: 'editClaims',
} as const satisfies Record<ClaimAction, Right>;

/** The statuses an action starts from. */
const fromStatuses: Record<ClaimAction, readonly ClaimStatus[]> = {
  edit: ['DRAFT', 'APPROVED'],
  approve: ['DRAFT'],
  publish: ['APPROVED'],
  retract: ['PUBLISHED'],
  archive: ['DRAFT'],
  restore: ['DRAFT'],
};

export type EvidenceHealth = 'UNCHECKED' | 'HEALTHY' | 'BROKEN';

export interface ClaimForRules {
  status: ClaimStatus;
  boundary: string;
  archived: boolean;
}

/** Evidence attached to the claim and not archived. */
export interface LiveEvidence {
  title: string;
  health: EvidenceHealth;
}

export interface ClaimCheck {
  role: Role;
  claim: ClaimForRules;
  evidence: readonly LiveEvidence[];
  /** Titles of the blocked gates of the current plan. */
  blockedGates: readonly string[];
  /** Publish only: the reason leadership gives for publishing although gates are blocked. */
  overrideReason?: string | undefined;
}

/**
 * Why an action cannot be done now. `role`, `archived` and `status` mean the action is not one the
 * caller has on this claim at all; the others are what is missing before it can be done.
 */
export type ClaimProblem =
  | { code: 'role'; roles: readonly Role[] }
  | { code: 'archived' }
  | { code: 'notArchived' }
  | { code: 'status'; status: ClaimStatus }
  | { code: 'noBoundary' }
  | { code: 'noEvidence' }
  | { code: 'evidenceBroken'; title: string }
  | { code: 'noHealthyEvidence' }
  | { code: 'held'; gates: readonly string[] }
  | { code: 'overrideNotAllowed' };

/** Problems that make an action unavailable rather than merely not yet possible. */
export const unavailable = (p: ClaimProblem) => p.code === 'role' || p.code === 'archived' || p.code === 'notArchived' || p.code === 'status';

/** Everything that stands in the way of `action`, most fundamental first; empty when it may go ahead. */
export function claimProblems(action: ClaimAction, check: ClaimCheck): ClaimProblem[] {
  const { role, claim, evidence } = check;
  if (!can(role, claimRights[action])) return [{ code: 'role', roles: rights[claimRights[action]] }];
  if (action === 'restore' ? !claim.archived : claim.archived) return [{ code: action === 'restore' ? 'notArchived' : 'archived' }];
  if (!fromStatuses[action].includes(claim.status)) return [{ code: 'status', status: claim.status }];

  const problems: ClaimProblem[] = [];
  if (action === 'approve' || action === 'publish') {
    if (!claim.boundary.trim()) problems.push({ code: 'noBoundary' });
    if (evidence.length === 0) problems.push({ code: 'noEvidence' });
  }
  if (action === 'publish') {
    for (const e of evidence) if (e.health === 'BROKEN') problems.push({ code: 'evidenceBroken', title: e.title });
    if (evidence.length > 0 && !evidence.some((e) => e.health === 'HEALTHY')) problems.push({ code: 'noHealthyEvidence' });
    const override = check.overrideReason?.trim();
    if (override && !can(role, 'overrideClaimHold')) problems.push({ code: 'overrideNotAllowed' });
    else if (check.blockedGates.length > 0 && !override) problems.push({ code: 'held', gates: check.blockedGates });
  }
  return problems;
}

/** Whether a publish goes ahead only because leadership overrode the hold (so the reason is kept). */
export function publishOverridesHold(check: ClaimCheck): boolean {
  return check.blockedGates.length > 0 && Boolean(check.overrideReason?.trim()) && can(check.role, 'overrideClaimHold');
}

export interface ClaimText {
  statement: string;
  boundary: string;
  channel: ClaimChannel;
  layer: ClaimLayer;
}

/**
 * Approval was for the text as it stood: changing the statement, boundary, channel or layer of an
 * approved claim sends it back to draft.
 */
export function editRevokesApproval(status: ClaimStatus, before: ClaimText, change: Partial<ClaimText>): boolean {
  if (status !== 'APPROVED') return false;
  return (['statement', 'boundary', 'channel', 'layer'] as const).some((field) => change[field] !== undefined && change[field] !== before[field]);
}

// ---- refusals ------------------------------------------------------------------------------------

const doing: Record<ClaimAction, string> = {
  edit: 'Editing',
  approve: 'Approving',
  publish: 'Publishing',
  retract: 'Retracting',
  archive: 'Deleting',
  restore: 'Restoring',
};
/** The step as the subject of "… needs": "Approval needs a boundary statement". */
const step: Record<ClaimAction, string> = { ...doing, approve: 'Approval' };

const statusNames: Record<ClaimStatus, string> = { DRAFT: 'a draft', APPROVED: 'approved', PUBLISHED: 'published', RETRACTED: 'retracted' };
const quoteList = (titles: readonly string[]) => titles.map((t) => `"${t}"`).join(', ');

function statusMessage(action: ClaimAction, status: ClaimStatus): string {
  switch (action) {
    case 'edit':
      return `This claim is ${statusNames[status]} and can no longer be edited${status === 'PUBLISHED' ? '; retract it and write a new one' : ''}`;
    case 'approve':
      return `Only a draft can be approved; this claim is ${statusNames[status]}`;
    case 'publish':
      return status === 'DRAFT' ? 'Publishing needs leadership approval first' : `Only an approved claim can be published; this claim is ${statusNames[status]}`;
    case 'retract':
      return `Only a published claim can be retracted; this claim is ${statusNames[status]}`;
    case 'archive':
    case 'restore':
      return `Only a draft can be deleted; this claim is ${statusNames[status]}`;
  }
}

/** The English sentence a refusal carries over the API: exactly what is missing. */
export function problemMessage(action: ClaimAction, problem: ClaimProblem): string {
  switch (problem.code) {
    case 'role':
      return `${doing[action]} a claim needs one of the roles: ${problem.roles.join(', ')}`;
    case 'archived':
      return 'This claim was deleted; restore it first';
    case 'notArchived':
      return 'This claim is not deleted';
    case 'status':
      return statusMessage(action, problem.status);
    case 'noBoundary':
      return `${step[action]} needs a boundary statement`;
    case 'noEvidence':
      return `${step[action]} needs at least one piece of evidence attached`;
    case 'evidenceBroken':
      return `Evidence "${problem.title}" is broken`;
    case 'noHealthyEvidence':
      return 'Publishing needs healthy evidence: no attached evidence has been checked healthy yet';
    case 'held':
      return `Publishing is held: ${problem.gates.length === 1 ? 'gate' : 'gates'} ${quoteList(problem.gates)} ${problem.gates.length === 1 ? 'is' : 'are'} blocked`;
    case 'overrideNotAllowed':
      return 'Only leadership may publish over a blocked gate';
  }
}

const problemCodes: Record<ClaimProblem['code'], DomainErrorCode> = {
  role: 'FORBIDDEN',
  overrideNotAllowed: 'FORBIDDEN',
  archived: 'NOT_FOUND',
  notArchived: 'NOT_FOUND',
  status: 'PRECONDITION_FAILED',
  noBoundary: 'PRECONDITION_FAILED',
  noEvidence: 'PRECONDITION_FAILED',
  evidenceBroken: 'PRECONDITION_FAILED',
  noHealthyEvidence: 'PRECONDITION_FAILED',
  held: 'PRECONDITION_FAILED',
};

const problemPaths: Partial<Record<ClaimProblem['code'], string>> = {
  noBoundary: 'boundary',
  noEvidence: 'evidence',
  evidenceBroken: 'evidence',
  noHealthyEvidence: 'evidence',
  held: 'overrideReason',
  overrideNotAllowed: 'overrideReason',
};

/**
 * One DomainError for a refused action. A refusal of the caller's rights (FORBIDDEN) wins over a
 * missing precondition; otherwise every missing thing is named at once, so one attempt tells all.
 */
export function claimRefusal(action: ClaimAction, problems: readonly ClaimProblem[]): DomainError {
  const forbidden = problems.filter((p) => problemCodes[p.code] === 'FORBIDDEN');
  const shown = forbidden.length > 0 ? forbidden : problems;
  const code = problemCodes[shown[0]!.code];
  const messages = shown.map((p) => problemMessage(action, p));
  const issues = shown.flatMap((p, i) => (problemPaths[p.code] ? [{ path: problemPaths[p.code]!, message: messages[i]! }] : []));
  return new DomainError(code, messages.join('; '), issues);
}
