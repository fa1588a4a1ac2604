// Verifying the audit hash chain (docs/decisions/041-audit-hash-chain.md). Events are linked by the
// database at commit; this walks them in chain order a page at a time (constant memory at any length),
// recomputes each link and reports the first that does not hold.
import { Cron } from 'croner';
import type { Db, Tx } from '../../db/database.js';
import { processHolder, releaseJobLease, takeJobLease, type JobLogger } from '../evidence/jobs.service.js';
import { chainStart, checkLink, type ChainAnchor, type ChainBreak, type ChainRow } from './audit-chain.rules.js';

const PAGE = 5_000;

export interface ChainVerification {
  ok: boolean;
  /** Events checked by this run. */
  checked: number;
  /** The last event found linked correctly (the head when ok). */
  verified: ChainAnchor;
  broken: ChainBreak | null;
  ms: number;
}

type Reader = Db | Tx;

async function page(db: Reader, afterSeq: number, limit: number): Promise<ChainRow[]> {
  const rows = await db.$queryRaw<{ seq: string; id: string; prevHash: string | null; hash: string | null; canonical: string }[]>`
    SELECT e."seq"::text AS seq, e."id"::text AS id, e."prevHash", e."hash", "audit_event_canonical"(e) AS canonical
    FROM "AuditEvent" e
    WHERE e."seq" > ${afterSeq}::bigint
    ORDER BY e."seq"
    LIMIT ${limit}`;
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/** An event committed without a place in the chain: written with the chain trigger off, or around it. */
async function unlinkedEvent(db: Reader): Promise<string | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT "id"::text AS id FROM "AuditEvent" WHERE "seq" IS NULL OR "hash" IS NULL LIMIT 1`;
  return rows[0]?.id ?? null;
}

/**
 * Walks the chain from `from` (default: its start) to its head. With a `from` taken from an earlier
 * verification, that event must still be there with the same hash, or the chain was cut or rewritten
 * behind the point already verified.
 */
export async function verifyAuditChain(db: Reader, options: { from?: ChainAnchor; pageSize?: number } = {}): Promise<ChainVerification> {
  const started = performance.now();
  const done = (result: Omit<ChainVerification, 'ms'>): ChainVerification => ({ ...result, ms: Math.round(performance.now() - started) });
  let after = options.from ?? chainStart;
  let checked = 0;

  if (after.seq > 0) {
    const [anchor] = await db.$queryRaw<{ id: string; hash: string | null }[]>`SELECT "id"::text AS id, "hash" FROM "AuditEvent" WHERE "seq" = ${after.seq}::bigint`;
    if (!anchor || anchor.hash !== after.hash) {
      return done({
        ok: false,
        checked,
        verified: chainStart,
        broken: {
          eventId: anchor?.id ?? null,
          seq: after.seq,
          problem: 'truncated',
          message: anchor ? `event #${after.seq} has changed since it was last verified` : `event #${after.seq}, verified before, is gone (the chain was cut)`,
        },
      });
    }
  }

  for (;;) {
    const rows = await page(db, after.seq, options.pageSize ?? PAGE);
    for (const row of rows) {
      const broken = checkLink(after, row);
      if (broken) return done({ ok: false, checked, verified: after, broken });
      after = { seq: row.seq, hash: row.hash! };
      checked++;
    }
    if (rows.length < (options.pageSize ?? PAGE)) break;
  }

  const unlinked = await unlinkedEvent(db);
  if (unlinked) {
    return done({ ok: false, checked, verified: after, broken: { eventId: unlinked, seq: after.seq + 1, problem: 'unlinked', message: `event ${unlinked} is not in the chain (written around the console?)` } });
  }
  return done({ ok: true, checked, verified: after, broken: null });
}

/** For `pnpm restore`: the restored trail must verify before the restore commits. */
export async function restoredChainProblem(tx: Tx): Promise<string | null> {
  const result = await verifyAuditChain(tx);
  return result.ok ? null : `The backup's audit trail does not verify: ${result.broken!.message} (event ${result.broken!.eventId ?? '?'}).`;
}

/** Keeps the result as the chain's last verification (shown on the audit page; the next run starts there). */
export async function recordChainVerification(db: Db, result: ChainVerification, at = new Date()) {
  const data = {
    checkedAt: at,
    verifiedSeq: BigInt(result.verified.seq),
    verifiedHash: result.verified.hash,
    checked: result.checked,
    ok: result.ok,
    brokenEventId: result.broken?.eventId ?? null,
    problem: result.broken?.message ?? null,
  };
  await db.auditChainCheck.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
}

/**
 * Verifies what is new since the last verification that found the chain intact (all of it when there is
 * none, or the last one found a break), and records the result.
 */
export async function verifyAuditChainIncrementally(db: Db): Promise<ChainVerification> {
  const last = await db.auditChainCheck.findUnique({ where: { id: 1 } });
  const from = last?.ok ? { seq: Number(last.verifiedSeq), hash: last.verifiedHash } : undefined;
  const result = await verifyAuditChain(db, { ...(from && { from }) });
  await recordChainVerification(db, result);
  return result;
}

/** What the audit page shows: the chain's head now and its last verification. */
export async function auditChainStatus(db: Db) {
  const [head, last] = await Promise.all([
    db.auditEvent.findFirst({ where: { seq: { not: null } }, orderBy: { seq: 'desc' }, select: { seq: true, hash: true, at: true } }),
    db.auditChainCheck.findUnique({ where: { id: 1 } }),
  ]);
  return {
    head: head ? { seq: Number(head.seq), hash: head.hash, at: head.at.toISOString() } : null,
    lastCheck: last
      ? {
          at: last.checkedAt.toISOString(),
          ok: last.ok,
          verifiedSeq: Number(last.verifiedSeq),
          verifiedHash: last.verifiedHash,
          checked: last.checked,
          brokenEventId: last.brokenEventId,
          problem: last.problem,
        }
      : null,
  };
}

export const AUDIT_VERIFY_JOB = 'audit.verify-chain';

/**
 * The nightly verification: on a cron pattern (UTC), under the job lease so one process runs each slot,
 * incrementally from the last intact verification. A broken chain is logged as an error and shown on the
 * audit page.
 */
export function startAuditVerifySchedule(db: Db, schedule: { cron: string; logger: JobLogger; holder?: string }) {
  const holder = schedule.holder ?? processHolder();
  let running: Promise<void> | null = null;
  const run = async (slot: Date) => {
    if (!(await takeJobLease(db, { name: AUDIT_VERIFY_JOB, holder, slot, leaseMs: 3_600_000 }))) return;
    try {
      const result = await verifyAuditChainIncrementally(db);
      if (result.ok) schedule.logger.info({ job: AUDIT_VERIFY_JOB, checked: result.checked, head: result.verified.seq, ms: result.ms }, 'audit chain verified');
      else schedule.logger.error({ job: AUDIT_VERIFY_JOB, broken: result.broken }, 'audit chain is BROKEN');
    } catch (err) {
      schedule.logger.error({ job: AUDIT_VERIFY_JOB, err }, 'audit chain verification failed');
    } finally {
      await releaseJobLease(db, AUDIT_VERIFY_JOB, holder);
    }
  };
  const cron = new Cron(schedule.cron, { timezone: 'UTC', protect: true }, (self) => {
    const slot = self.previousRuns(1, new Date(Date.now() + 1))[0] ?? new Date();
    running = run(slot).finally(() => {
      running = null;
    });
    return running;
  });
  return {
    nextRun: () => cron.nextRun(),
    async stop() {
      cron.stop();
      await running;
    },
  };
}
