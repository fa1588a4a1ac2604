// Shared with the web and the API document: imports only zod. What a CI pipeline reports about a gate.
import { z } from 'zod';
import { evidenceKinds, evidenceUrl } from '../evidence/evidence.schema.js';
import { isoDate } from '../plans/plans.schema.js';

/** `B.production-gates` names a gate; `B.production-gates.gate-run-streak` one of its criteria. */
export const recordKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,20}\.[a-z0-9-]{1,60}(?:\.[a-z0-9-]{1,70})?$/, 'A key like B.production-gates or B.production-gates.gate-run-streak');

const commit = z.string().trim().regex(/^[0-9a-fA-F]{7,64}$/, 'A commit hash: 7 to 64 hexadecimal characters');
const branch = z.string().trim().min(1).max(200);

export const gateRunInput = z
  .object({
    /** The gate (or one of its criteria: the run counts for its gate). */
    key: recordKey,
    result: z.enum(['passed', 'failed']),
    /** The run's page in CI. */
    url: evidenceUrl,
    commit: commit.optional(),
    branch: branch.optional(),
    ranAt: z.iso.datetime({ offset: true }),
    /** The CI's own id for the run: reporting it again changes nothing. */
    runId: z.string().trim().min(1).max(200),
    summary: z.string().trim().max(2000).default(''),
  })
  .strict();
export type GateRunInput = z.input<typeof gateRunInput>;

export const gateRunOutput = z.object({
  evidenceId: z.uuid(),
  /** False when this runId had been reported before: nothing was written. */
  created: z.boolean(),
  gate: z.object({ id: z.uuid(), key: z.string(), title: z.string() }),
  /** The gate's criteria after the run, with whether each is met now. */
  criteria: z.array(z.object({ id: z.uuid(), key: z.string(), title: z.string(), met: z.boolean(), detail: z.string() })),
});

/** Release evidence, artifacts (SDK or Docker versions) and reports, attached to a gate or criterion by key. */
export const evidenceReportInput = z
  .object({
    key: recordKey,
    kind: z.enum(evidenceKinds.filter((k) => k !== 'GATE_RUN') as [Exclude<(typeof evidenceKinds)[number], 'GATE_RUN'>, ...Exclude<(typeof evidenceKinds)[number], 'GATE_RUN'>[]]),
    title: z.string().trim().min(1).max(200),
    url: evidenceUrl,
    /** The day it was captured; today when absent. */
    capturedOn: isoDate.optional(),
    note: z.string().trim().max(2000).default(''),
    commit: commit.optional(),
    branch: branch.optional(),
  })
  .strict();
export type EvidenceReportInput = z.input<typeof evidenceReportInput>;

export const evidenceReportOutput = z.object({
  evidenceId: z.uuid(),
  attachedTo: z.object({ targetType: z.enum(['gate', 'criterion']), targetId: z.uuid(), key: z.string(), title: z.string() }),
});

export const gateByKeyInput = z.object({ key: recordKey });

const gateStatus = z.enum(['PENDING', 'ON_TRACK', 'AT_RISK', 'PASSED', 'FAILED', 'BLOCKED']);

/** A gate as a tool reads it: its status and suggested health, and each criterion with why it is met or not. */
export const gateSummaryOutput = z.object({
  id: z.uuid(),
  key: z.string(),
  title: z.string(),
  phase: z.object({ key: z.string(), name: z.string() }),
  status: gateStatus,
  dueDate: isoDate.nullable(),
  overdue: z.boolean(),
  health: z.object({ suggested: gateStatus, flagged: z.boolean(), criteriaMet: z.number().int(), criteriaTotal: z.number().int(), brokenEvidence: z.number().int() }),
  criteria: z.array(
    z.object({
      id: z.uuid(),
      key: z.string(),
      title: z.string(),
      kind: z.string(),
      met: z.boolean(),
      currentValue: z.number().nullable(),
      targetValue: z.number().nullable(),
      /** Why it is met or not, e.g. "4 of the last 5 runs passed". */
      detail: z.string(),
      evaluatedAt: z.string().nullable(),
    }),
  ),
  evidence: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      url: z.string(),
      kind: z.enum(evidenceKinds),
      capturedOn: isoDate,
      result: z.enum(['PASSED', 'FAILED']).nullable(),
      health: z.enum(['UNCHECKED', 'HEALTHY', 'BROKEN']),
    }),
  ),
});
