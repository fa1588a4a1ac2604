// Shared with the web: imports only zod.
import { z } from 'zod';
import { planItemSchemas } from '../plans/plan-item.schema.js';
import { entityId, version } from '../plans/plans.schema.js';
import { gateStatuses } from './gates.enums.js';

export { gateStatuses };
export type GateStatus = (typeof gateStatuses)[number];
/** The statuses a pm works with; passed and failed come only from a leadership decision. */
export const workingGateStatuses = ['PENDING', 'ON_TRACK', 'AT_RISK', 'BLOCKED'] as const;
export const gateDecisions = ['GO', 'CONDITIONAL_GO', 'NO_GO'] as const;
export type GateDecisionValue = (typeof gateDecisions)[number];

const schemas = planItemSchemas(gateStatuses, 'PENDING');
export const gateStatus = schemas.status;
/** A new gate starts in a working status; deciding it is a status change with its reason. */
export const gateCreateInput = schemas.create.extend({ status: z.enum(workingGateStatuses).default('PENDING') });
/** Edits everything but the status, which changes only through `setStatus` (history, reasons, rules). */
export const gateUpdateInput = schemas.update.omit({ status: true }).strict();
export const gateFormSchema = schemas.form;

export const gateByIdInput = z.object({ id: entityId });
export const gateSetStatusInput = z.object({
  id: entityId,
  version,
  status: gateStatus,
  decision: z.enum(gateDecisions).nullable().default(null),
  reason: z.string().trim().max(4000).default(''),
  /** Conditional Go: what is still outstanding, one item per line. */
  outstanding: z.array(z.string().trim().min(1).max(300)).max(30).default([]),
  /** Evidence the decision rests on (already attached to the gate or any other evidence). */
  evidenceIds: z.array(entityId).max(20).default([]),
});

export type GateCreateInput = z.input<typeof gateCreateInput>;
export type GateUpdateInput = z.input<typeof gateUpdateInput>;
export type GateSetStatusInput = z.input<typeof gateSetStatusInput>;
export type GateForm = z.input<typeof gateFormSchema>;

/** How bad a status is: pending and on track are fine, at risk is worse, blocked (and failed) worst. */
export function severity(status: GateStatus): number {
  return status === 'BLOCKED' || status === 'FAILED' ? 2 : status === 'AT_RISK' ? 1 : 0;
}

/**
 * The set status and the suggested health disagree when they are of different severity; a decided gate
 * (passed or failed) never does. Shared so the web asks for an override reason exactly when the server will.
 */
export function disagrees(set: GateStatus, suggested: GateStatus): boolean {
  if (set === 'PASSED' || set === 'FAILED') return false;
  return severity(set) !== severity(suggested);
}
