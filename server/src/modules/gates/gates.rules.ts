import { daysBetween, type IsoDate } from '../../lib/dates.js';
import { can } from '../users/rights.js';
import type { Role } from '../users/users.schema.js';
import { disagrees, severity, type GateStatus } from './gates.schema.js';

export { disagrees, severity };

/** Passed and failed are the Go / No-go decision, leadership's alone; pm sets the working states. */
export const decisionStatuses: ReadonlySet<GateStatus> = new Set<GateStatus>(['PASSED', 'FAILED']);

export function maySetGateStatus(role: Role, status: GateStatus): boolean {
  return can(role, decisionStatuses.has(status) ? 'decideGates' : 'editPlan');
}

// ---- suggested health ----------------------------------------------------------------------------

export const STALE_AFTER_DAYS = 14;
const DUE_SOON_DAYS = 14;

export type SuggestionReason =
  | { code: 'decided'; status: GateStatus }
  | { code: 'noCriteria' }
  | { code: 'allMet' }
  | { code: 'unmet'; met: number; total: number }
  | { code: 'overdue'; dueDate: IsoDate }
  | { code: 'dueSoon'; days: number; met: number; total: number }
  | { code: 'stale'; days: number }
  | { code: 'brokenEvidence'; count: number }
  | { code: 'gateRunFailed'; capturedOn: IsoDate };

export interface GateHealthFacts {
  status: GateStatus;
  dueDate: IsoDate | null;
  criteria: readonly { met: boolean }[];
  /** The last time anyone touched the gate: an edit, a status change, evidence attached. */
  lastActivity: IsoDate;
  brokenEvidence: number;
  /** The newest gate-run evidence result attached to the gate, if any. */
  latestGateRun: { result: 'PASSED' | 'FAILED'; capturedOn: IsoDate } | null;
}

export interface Suggestion {
  health: GateStatus;
  reasons: SuggestionReason[];
}

/**
 * The health the data suggests, with its reasons: blocked when the newest gate run failed; at risk
 * when overdue, stale, backed by broken evidence, or due soon with most criteria unmet; otherwise on
 * track (pending while the gate has no criteria). A decided gate (passed or failed) suggests itself.
 */
export function suggestGateHealth(facts: GateHealthFacts, today: IsoDate): Suggestion {
  if (decisionStatuses.has(facts.status)) return { health: facts.status, reasons: [{ code: 'decided', status: facts.status }] };
  const total = facts.criteria.length;
  const met = facts.criteria.filter((c) => c.met).length;
  const allMet = total > 0 && met === total;
  const reasons: SuggestionReason[] = [];
  let health: GateStatus = total === 0 ? 'PENDING' : 'ON_TRACK';
  const worsen = (to: GateStatus) => {
    if (severity(to) > severity(health)) health = to;
  };

  if (facts.latestGateRun?.result === 'FAILED') {
    reasons.push({ code: 'gateRunFailed', capturedOn: facts.latestGateRun.capturedOn });
    worsen('BLOCKED');
  }
  if (!allMet && facts.dueDate !== null && facts.dueDate < today) {
    reasons.push({ code: 'overdue', dueDate: facts.dueDate });
    worsen('AT_RISK');
  } else if (!allMet && facts.dueDate !== null && total > 0) {
    const days = daysBetween(today, facts.dueDate);
    if (days <= DUE_SOON_DAYS && met * 2 < total) {
      reasons.push({ code: 'dueSoon', days, met, total });
      worsen('AT_RISK');
    }
  }
  if (facts.brokenEvidence > 0) {
    reasons.push({ code: 'brokenEvidence', count: facts.brokenEvidence });
    worsen('AT_RISK');
  }
  const idle = daysBetween(facts.lastActivity, today);
  if (!allMet && idle >= STALE_AFTER_DAYS) {
    reasons.push({ code: 'stale', days: idle });
    worsen('AT_RISK');
  }
  if (total === 0) reasons.push({ code: 'noCriteria' });
  else if (allMet) reasons.push({ code: 'allMet' });
  else reasons.push({ code: 'unmet', met, total });
  return { health, reasons };
}

// ---- status changes and decisions ----------------------------------------------------------------

export type GateDecision = 'GO' | 'CONDITIONAL_GO' | 'NO_GO';

export interface StatusChangeRequest {
  from: GateStatus;
  to: GateStatus;
  decision: GateDecision | null;
  reason: string;
  outstanding: readonly string[];
}

export interface StatusChangeFacts {
  role: Role;
  suggested: GateStatus;
  criteria: readonly { met: boolean; title: string }[];
  healthyEvidence: number;
  brokenEvidence: number;
}

export type StatusProblem =
  | { code: 'forbidden'; message: string }
  | { code: 'invalid'; path: string; message: string }
  | { code: 'precondition'; message: string };

/** Why a status change may not happen, or null when it may. The first problem found is reported. */
export function statusChangeProblem(req: StatusChangeRequest, facts: StatusChangeFacts): StatusProblem | null {
  if (req.from === req.to) return { code: 'invalid', path: 'status', message: `The gate is already ${req.to}` };
  if (!maySetGateStatus(facts.role, req.to)) return { code: 'forbidden', message: 'Marking a gate passed or failed is a leadership decision' };
  if (decisionStatuses.has(req.from) && !maySetGateStatus(facts.role, req.from)) {
    return { code: 'forbidden', message: 'Reopening a decided gate is a leadership decision' };
  }
  const reason = req.reason.trim();
  if (req.to === 'PASSED' || req.to === 'FAILED') {
    const expected: GateDecision[] = req.to === 'PASSED' ? ['GO', 'CONDITIONAL_GO'] : ['NO_GO'];
    if (req.decision === null || !expected.includes(req.decision)) {
      return { code: 'invalid', path: 'decision', message: req.to === 'PASSED' ? 'Passing a gate is a Go or a Conditional Go' : 'Failing a gate is a No-go' };
    }
    if (!reason) return { code: 'invalid', path: 'reason', message: 'A decision needs a written reason' };
    if (req.decision === 'NO_GO') return null;
    if (facts.brokenEvidence > 0) return { code: 'precondition', message: `${facts.brokenEvidence} evidence link(s) of this gate are broken; fix or detach them first` };
    if (facts.healthyEvidence === 0) return { code: 'precondition', message: 'A Go needs at least one healthy evidence link on the gate' };
    const unmet = facts.criteria.filter((c) => !c.met);
    if (req.decision === 'GO') {
      if (facts.criteria.length === 0) return { code: 'precondition', message: 'A Go needs criteria to check; add at least one' };
      if (unmet.length > 0) {
        return { code: 'precondition', message: `${unmet.length} criteria are not met (${unmet.map((c) => c.title).join('; ')}); a Conditional Go can list them as outstanding` };
      }
    }
    if (req.decision === 'CONDITIONAL_GO' && req.outstanding.filter((o) => o.trim()).length === 0) {
      return { code: 'invalid', path: 'outstanding', message: 'A Conditional Go lists what is still outstanding' };
    }
    return null;
  }
  if (req.decision !== null) return { code: 'invalid', path: 'decision', message: 'Only passing or failing a gate is a decision' };
  if (req.to === 'BLOCKED' && !reason) return { code: 'invalid', path: 'reason', message: 'Say what blocks the gate' };
  if (decisionStatuses.has(req.from) && !reason) return { code: 'invalid', path: 'reason', message: 'Reopening a decided gate needs a reason' };
  if (disagrees(req.to, facts.suggested) && !reason) {
    return { code: 'invalid', path: 'reason', message: `The data suggests ${facts.suggested}; give a reason to override it` };
  }
  return null;
}
