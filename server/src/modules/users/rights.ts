// Who may do what, declared once (decision 026). The server's `roleProcedure(...rights.x)` and rules read
// these lists, the web's `can(role, 'x')` hides what a role may not do, and the role matrix test
// snapshots the procedure → roles table that results. Zod-free and import-free at run time (the
// `Role` type is erased), so the web's first page may load it.
import type { Role } from './users.schema.js';

type Roles = readonly [Role, ...Role[]];

export const rights = {
  /** Plans, phases, deliverables, gates (working statuses) and their criteria. */
  editPlan: ['pm', 'leadership', 'admin'],
  /** A gate's Go / No-go: marking it passed or failed, or changing it back from there. */
  decideGates: ['leadership', 'admin'],
  /** Weekly metric definitions and values. */
  editMetrics: ['pm', 'leadership', 'admin'],
  /** Add, edit, check, link and archive evidence: everyone who works the plan or the pipeline. */
  recordEvidence: ['sales', 'pm', 'leadership', 'admin'],
  /**
   * Partner writes (create, edit, stage, PoC, activity, archive) and the CSV import. Sales only on the
   * partners they own (partners.rules: mayEditPartner); pm works the plan, not the pipeline.
   */
  editPartners: ['sales', 'leadership', 'admin'],
  /** Edit any partner, whoever owns it. */
  editAnyPartner: ['leadership', 'admin'],
  /** May own a partner (and so appears in the owner picker). */
  ownPartners: ['sales', 'leadership', 'admin'],
  /** Draft, edit, archive and restore claims. */
  editClaims: ['sales', 'pm', 'leadership', 'admin'],
  approveClaims: ['leadership', 'admin'],
  publishClaims: ['pm', 'leadership', 'admin'],
  retractClaims: ['pm', 'leadership', 'admin'],
  /** Publish a claim while a gate is blocked, giving a reason. */
  overrideClaimHold: ['leadership', 'admin'],
  /** Open a week's review, write its notes, decisions, attendees and action items. */
  writeReviews: ['sales', 'pm', 'leadership', 'admin'],
  closeReviews: ['leadership', 'admin'],
  /** The audit page, and the history of users. */
  readAudit: ['leadership', 'admin'],
  manageUsers: ['admin'],
  manageTokens: ['admin'],
  /** Personal access tokens: each person makes and revokes their own. */
  ownTokens: ['viewer', 'sales', 'pm', 'leadership', 'admin'],
  /** Turn the public evidence page on or off. */
  managePublicEvidence: ['admin'],
  /** Each person's own inbox, notification preferences and follows (only their own). */
  ownInbox: ['viewer', 'sales', 'pm', 'leadership', 'admin'],
  /** The notification deliveries of every channel, and retrying a dead one. */
  manageDeliveries: ['admin'],
  /** Publish a month's evidence report to the public evidence page. */
  publishReports: ['leadership', 'admin'],
} as const satisfies Record<string, Roles>;

export type Right = keyof typeof rights;

/** Whether a role has a right; no role (signed out, still loading) has none. */
export function can(role: Role | null | undefined, right: Right): boolean {
  return role != null && (rights[right] as readonly Role[]).includes(role);
}
