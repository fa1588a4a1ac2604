import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { Cron } from 'croner';
import type { Db } from '../../db/database.js';
import type { IsoDate } from '../../lib/dates.js';
import { reevaluateAll } from '../criteria/criteria.service.js';
import { systemActor } from '../audit/audit.service.js';
import { checkEvidence, linkCheckOptionsFrom, type LinkCheckConfig, type LinkCheckSummary } from './link-check.service.js';

export const LINK_CHECK_JOB = 'evidence.link-check';

/** Who holds a lease: this process, recognisably in the JobLease table. */
export const processHolder = () => `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * Takes the named job's lease for one scheduled slot, atomically: the row is inserted, or taken over
 * only when the last lease has run out AND the slot has not been run yet. On PostgreSQL a second
 * INSERT … ON CONFLICT for the same name waits for the first to commit and then sees its lease, so of
 * two processes firing at once exactly one gets `true`; and a process whose clock is a little late
 * finds the slot already run (`lastRunAt`) rather than running it again. Lease times are the
 * database's clock, not the processes'.
 */
export async function takeJobLease(db: Db, lease: { name: string; holder: string; slot: Date; leaseMs: number }): Promise<boolean> {
  const taken = await db.$executeRaw`
    INSERT INTO "JobLease" ("name", "holder", "leasedUntil", "lastRunAt")
    VALUES (
      ${lease.name},
      ${lease.holder},
      (now() AT TIME ZONE 'UTC') + ${lease.leaseMs}::int * interval '1 millisecond',
      ${lease.slot.toISOString()}::timestamptz AT TIME ZONE 'UTC'
    )
    ON CONFLICT ("name") DO UPDATE
      SET "holder" = EXCLUDED."holder", "leasedUntil" = EXCLUDED."leasedUntil", "lastRunAt" = EXCLUDED."lastRunAt"
      WHERE "JobLease"."leasedUntil" <= (now() AT TIME ZONE 'UTC')
        AND ("JobLease"."lastRunAt" IS NULL OR "JobLease"."lastRunAt" < EXCLUDED."lastRunAt")`;
  return taken === 1;
}

/** Ends this holder's lease early (the run finished); the slot stays marked as run. */
export async function releaseJobLease(db: Db, name: string, holder: string): Promise<void> {
  await db.$executeRaw`UPDATE "JobLease" SET "leasedUntil" = (now() AT TIME ZONE 'UTC') WHERE "name" = ${name} AND "holder" = ${holder}`;
}

export interface JobLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface LinkCheckRun {
  holder: string;
  /** The scheduled time this run is for. */
  slot: Date;
  config: LinkCheckConfig | undefined;
  today: () => IsoDate;
  /** How long the lease lasts if the process dies mid-run (default one hour). */
  leaseMs?: number;
  signal?: AbortSignal;
}

/** One scheduled run: under the lease, as the system actor; null when another process has the slot. */
export async function runLeasedLinkCheck(db: Db, run: LinkCheckRun): Promise<LinkCheckSummary | null> {
  const name = LINK_CHECK_JOB;
  if (!(await takeJobLease(db, { name, holder: run.holder, slot: run.slot, leaseMs: run.leaseMs ?? 3_600_000 }))) return null;
  try {
    const actor = systemActor(`job-link-check-${randomUUID().slice(0, 8)}`);
    const summary = await checkEvidence(db, {
      actor,
      today: run.today(),
      options: linkCheckOptionsFrom(run.config),
      ...(run.config && { concurrency: run.config.concurrency }),
      ...(run.signal && { signal: run.signal }),
    });
    // Criteria also move with the calendar (a metric's last-N-weeks window), not only with writes.
    if (!run.signal?.aborted) await reevaluateAll(db, actor, run.today());
    return summary;
  } finally {
    await releaseJobLease(db, name, run.holder);
  }
}

export interface LinkCheckSchedule {
  /** The next scheduled run, for the start-up log. */
  nextRun(): Date | null;
  /** Stops the schedule and aborts a run in progress, waiting for it to let go of the database. */
  stop(): Promise<void>;
}

/**
 * Runs the link check on a cron pattern (read in UTC, so every process agrees on the slots). A run
 * still going when the next slot comes is not overlapped (croner's `protect`); across processes the
 * lease decides.
 */
export function startLinkCheckSchedule(
  db: Db,
  schedule: { cron: string; config: LinkCheckConfig | undefined; today: () => IsoDate; logger: JobLogger; holder?: string },
): LinkCheckSchedule {
  const holder = schedule.holder ?? processHolder();
  const stopping = new AbortController();
  let running: Promise<void> | null = null;

  const run = async (slot: Date) => {
    const startedAt = Date.now();
    try {
      const summary = await runLeasedLinkCheck(db, { holder, slot, config: schedule.config, today: schedule.today, signal: stopping.signal });
      if (summary) schedule.logger.info({ job: LINK_CHECK_JOB, slot, ms: Date.now() - startedAt, ...summary }, 'link check finished');
      else schedule.logger.info({ job: LINK_CHECK_JOB, slot }, 'link check skipped: another process has this run');
    } catch (err) {
      schedule.logger.error({ job: LINK_CHECK_JOB, slot, err }, 'link check failed');
    }
  };

  const cron = new Cron(schedule.cron, { timezone: 'UTC', protect: true }, (self) => {
    // The slot is the scheduled time (not the moment the timer fired, a little after it), so processes
    // agree on it: the latest match up to now (croner never fires early).
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
      stopping.abort();
      await running;
    },
  };
}
