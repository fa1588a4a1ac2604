import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../context.js';
import type { Database } from '../../db/database.js';
import { createTestDb, testServices, TODAY } from '../../test/test-db.js';
import { systemActor } from '../audit/audit.service.js';
import { reevaluateCriteria } from '../criteria/criteria.service.js';
import { LINK_CHECK_JOB, releaseJobLease, runLeasedLinkCheck, startLinkCheckSchedule, takeJobLease, type JobLogger } from './jobs.service.js';
import { checkEvidence, linkCheckOptionsFrom, type CheckEvidenceInput } from './link-check.service.js';

// The real re-evaluation runs; the spy only counts the calls (one per change of health, none otherwise).
vi.mock('../criteria/criteria.service.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../criteria/criteria.service.js')>();
  return { ...original, reevaluateCriteria: vi.fn(original.reevaluateCriteria) };
});
const reevaluations = vi.mocked(reevaluateCriteria);

let db: Database;
let services: AppServices;
let base = '';
let flakyStatus = 404;
let inFlight = 0;
let maxInFlight = 0;
let hangs = 0;
/** Runs when /edit-me is requested, before it answers: the record changes while being checked. */
let onEditMe: () => Promise<void> = async () => {};

const server = http.createServer((req, res) => {
  switch (req.url) {
    case '/ok':
      return res.writeHead(200).end();
    case '/missing':
      return res.writeHead(404).end();
    case '/moved':
      return res.writeHead(301, { location: '/ok' }).end();
    case '/flaky':
      return res.writeHead(flakyStatus).end();
    case '/edit-me':
      return void onEditMe().then(() => res.writeHead(404).end());
    case '/hang':
      hangs++;
      return; // never answers
    case '/slow-ok':
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return void setTimeout(() => {
        inFlight--;
        res.writeHead(200).end();
      }, 40);
    default:
      return res.writeHead(404).end();
  }
});

const t1 = new Date('2026-03-10T06:00:00.000Z');
const t2 = new Date('2026-03-10T12:00:00.000Z');
const t3 = new Date('2026-03-10T18:00:00.000Z');

beforeAll(async () => {
  db = await createTestDb();
  services = await testServices(db);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  await db.prisma.evidence.deleteMany();
  await db.prisma.jobLease.deleteMany();
  flakyStatus = 404;
  onEditMe = async () => {};
  reevaluations.mockClear();
});

async function evidence(path: string, fields: { archivedAt?: Date } = {}) {
  const row = await db.prisma.evidence.create({
    data: { title: `Evidence ${path}`, url: `${base}${path}`, kind: 'WEB_PAGE', capturedOn: new Date('2026-03-01'), addedByName: 'Test', ...fields },
    select: { id: true },
  });
  return row.id;
}

const row = (id: string) =>
  db.prisma.evidence.findUniqueOrThrow({
    where: { id },
    select: { health: true, httpStatus: true, finalUrl: true, checkError: true, checkedAt: true, brokenSince: true, version: true, url: true },
  });

const healthEvents = (id: string) => db.prisma.auditEvent.findMany({ where: { action: 'evidence.health', entityId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });

function run(now: Date, extra: Partial<CheckEvidenceInput> = {}) {
  return checkEvidence(db.prisma, {
    actor: systemActor('test-link-check'),
    today: TODAY,
    now: () => now,
    options: linkCheckOptionsFrom(services.linkCheck),
    ...extra,
  });
}

describe('checkEvidence', () => {
  it('checks the live evidence, writes each result and audits each change of health', async () => {
    const ok = await evidence('/ok');
    const missing = await evidence('/missing');
    const moved = await evidence('/moved');
    const archived = await evidence('/missing', { archivedAt: t1 });

    expect(await run(t1)).toEqual({ checked: 3, healthy: 2, broken: 1, changed: 3 });

    expect(await row(ok)).toMatchObject({ health: 'HEALTHY', httpStatus: 200, finalUrl: `${base}/ok`, checkError: null, checkedAt: t1, brokenSince: null });
    expect(await row(missing)).toMatchObject({ health: 'BROKEN', httpStatus: 404, finalUrl: `${base}/missing`, checkedAt: t1, brokenSince: t1 });
    expect(await row(moved)).toMatchObject({ health: 'HEALTHY', httpStatus: 200, finalUrl: `${base}/ok` });
    // Archived evidence is not checked; and a check is no edit: the version stays.
    expect(await row(archived)).toMatchObject({ health: 'UNCHECKED', checkedAt: null });
    expect((await row(ok)).version).toBe(1);

    const [event, ...more] = await healthEvents(missing);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      actorId: 'system',
      actorName: 'Aionis (scheduled)',
      entityType: 'evidence',
      requestId: 'test-link-check',
      changes: { health: { from: 'UNCHECKED', to: 'BROKEN' }, httpStatus: 404, checkError: null },
    });
    expect(await healthEvents(ok)).toHaveLength(1);
    expect(await healthEvents(archived)).toHaveLength(0);
    expect(reevaluations).toHaveBeenCalledTimes(3);
    expect(reevaluations).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ userId: 'system' }), TODAY);
  });

  it('keeps brokenSince while a link stays broken, clears it when healthy, auditing only changes', async () => {
    const flaky = await evidence('/flaky');

    await run(t1);
    expect(await row(flaky)).toMatchObject({ health: 'BROKEN', brokenSince: t1, checkedAt: t1 });

    expect(await run(t2)).toEqual({ checked: 1, healthy: 0, broken: 1, changed: 0 });
    expect(await row(flaky)).toMatchObject({ health: 'BROKEN', brokenSince: t1, checkedAt: t2 });
    expect(await healthEvents(flaky)).toHaveLength(1);
    expect(reevaluations).toHaveBeenCalledTimes(1); // the first run's change only

    flakyStatus = 200;
    expect(await run(t3)).toEqual({ checked: 1, healthy: 1, broken: 0, changed: 1 });
    expect(await row(flaky)).toMatchObject({ health: 'HEALTHY', httpStatus: 200, brokenSince: null, checkedAt: t3 });
    expect((await healthEvents(flaky)).map((e) => e.changes)).toEqual([
      { health: { from: 'UNCHECKED', to: 'BROKEN' }, httpStatus: 404, checkError: null },
      { health: { from: 'BROKEN', to: 'HEALTHY' }, httpStatus: 200, checkError: null },
    ]);
  });

  it('checks only the given ids', async () => {
    const ok = await evidence('/ok');
    const other = await evidence('/missing');
    expect(await run(t1, { ids: [ok] })).toEqual({ checked: 1, healthy: 1, broken: 0, changed: 1 });
    expect(await row(other)).toMatchObject({ health: 'UNCHECKED' });
  });

  it('drops a result when the URL was edited during the check', async () => {
    const id = await evidence('/edit-me');
    onEditMe = async () => {
      await db.prisma.evidence.update({ where: { id }, data: { url: `${base}/ok`, version: { increment: 1 } } });
    };
    expect(await run(t1)).toEqual({ checked: 0, healthy: 0, broken: 0, changed: 0 });
    expect(await row(id)).toMatchObject({ url: `${base}/ok`, health: 'UNCHECKED', checkedAt: null });
    expect(await healthEvents(id)).toHaveLength(0);
  });

  it('records a refused private address as broken when private addresses are not allowed', async () => {
    const id = await evidence('/ok');
    expect(await run(t1, { options: { allowPrivate: false } })).toMatchObject({ broken: 1 });
    expect(await row(id)).toMatchObject({ health: 'BROKEN', httpStatus: null, checkError: expect.stringMatching(/^refused: 127\.0\.0\.1, a loopback address/) });
  });

  it('checks no more links at once than its concurrency', async () => {
    for (let i = 0; i < 6; i++) await evidence('/slow-ok');
    maxInFlight = 0;
    expect(await run(t1, { concurrency: 2 })).toMatchObject({ checked: 6, healthy: 6 });
    expect(maxInFlight).toBe(2);
  });

  it('writes nothing once aborted', async () => {
    const id = await evidence('/ok');
    const controller = new AbortController();
    controller.abort();
    expect(await run(t1, { signal: controller.signal })).toEqual({ checked: 0, healthy: 0, broken: 0, changed: 0 });
    expect(await row(id)).toMatchObject({ health: 'UNCHECKED' });
  });
});

describe('the job lease', () => {
  const slot = (iso: string) => new Date(iso);
  const lease = (name: string, holder: string, at: string, leaseMs = 60_000) => takeJobLease(db.prisma, { name, holder, slot: slot(at), leaseMs });

  it('gives a slot to exactly one of several processes asking at once', async () => {
    const holders = ['a', 'b', 'c', 'd', 'e'];
    const taken = await Promise.all(holders.map((h) => lease('race', h, '2026-03-10T06:00:00Z')));
    expect(taken.filter(Boolean)).toHaveLength(1);
    const winner = holders[taken.indexOf(true)];
    expect(await db.prisma.jobLease.findUnique({ where: { name: 'race' } })).toMatchObject({ holder: winner, lastRunAt: slot('2026-03-10T06:00:00Z') });
  });

  it('does not run a slot twice, even after the first run released the lease', async () => {
    expect(await lease('once', 'a', '2026-03-10T06:00:00Z')).toBe(true);
    expect(await lease('once', 'b', '2026-03-10T06:00:00Z')).toBe(false); // held
    await releaseJobLease(db.prisma, 'once', 'a');
    expect(await lease('once', 'b', '2026-03-10T06:00:00Z')).toBe(false); // a late clock: already run
    expect(await lease('once', 'b', '2026-03-10T12:00:00Z')).toBe(true); // the next slot
  });

  it('waits for a lease that has not run out, and takes over one that has (its holder died)', async () => {
    expect(await lease('crash', 'a', '2026-03-10T06:00:00Z')).toBe(true);
    expect(await lease('crash', 'b', '2026-03-10T12:00:00Z')).toBe(false);
    await db.prisma.jobLease.update({ where: { name: 'crash' }, data: { leasedUntil: new Date(Date.now() - 60_000) } });
    expect(await lease('crash', 'b', '2026-03-10T12:00:00Z')).toBe(true);
    // Releasing someone else's lease does nothing.
    await releaseJobLease(db.prisma, 'crash', 'a');
    expect(await lease('crash', 'c', '2026-03-10T18:00:00Z')).toBe(false);
  });

  it('runs the scheduled check only for the holder of the lease', async () => {
    const id = await evidence('/ok');
    const runFor = (holder: string, at: string) => runLeasedLinkCheck(db.prisma, { holder, slot: slot(at), config: services.linkCheck, today: services.today });

    await takeJobLease(db.prisma, { name: LINK_CHECK_JOB, holder: 'other-process', slot: slot('2026-03-10T06:00:00Z'), leaseMs: 60_000 });
    expect(await runFor('this-process', '2026-03-10T06:00:00Z')).toBeNull();
    expect(await row(id)).toMatchObject({ health: 'UNCHECKED' });

    await releaseJobLease(db.prisma, LINK_CHECK_JOB, 'other-process');
    expect(await runFor('this-process', '2026-03-10T12:00:00Z')).toEqual({ checked: 1, healthy: 1, broken: 0, changed: 1 });
    expect(await row(id)).toMatchObject({ health: 'HEALTHY' });
    const [event] = await healthEvents(id);
    expect(event).toMatchObject({ actorId: 'system', requestId: expect.stringMatching(/^job-link-check-/) });
    // The run let go of its lease, and the slot is marked as run.
    const after = await db.prisma.jobLease.findUniqueOrThrow({ where: { name: LINK_CHECK_JOB } });
    expect(after).toMatchObject({ holder: 'this-process', lastRunAt: slot('2026-03-10T12:00:00Z') });
    expect(await takeJobLease(db.prisma, { name: LINK_CHECK_JOB, holder: 'other-process', slot: slot('2026-03-10T18:00:00Z'), leaseMs: 60_000 })).toBe(true);
  });
});

describe('the schedule', () => {
  const logs: string[] = [];
  const logger: JobLogger = { info: (_details, message) => logs.push(message), error: (_details, message) => logs.push(message) };
  const every = (second: string) => startLinkCheckSchedule(db.prisma, { cron: second, config: services.linkCheck, today: services.today, logger, holder: 'schedule-test' });

  it('runs on its cron pattern under the lease, the slot being the scheduled second', async () => {
    const id = await evidence('/ok');
    const schedule = every('* * * * * *');
    try {
      await vi.waitFor(async () => expect(await row(id)).toMatchObject({ health: 'HEALTHY' }), { timeout: 5_000, interval: 100 });
    } finally {
      await schedule.stop();
    }
    expect(logs).toContain('link check finished');
    const lease = await db.prisma.jobLease.findUniqueOrThrow({ where: { name: LINK_CHECK_JOB } });
    expect(lease.holder).toBe('schedule-test');
    expect(lease.lastRunAt?.getUTCMilliseconds()).toBe(0);
  });

  it('stops promptly, abandoning a run in progress without marking anything broken', async () => {
    const id = await evidence('/hang');
    hangs = 0;
    const schedule = every('* * * * * *');
    await vi.waitFor(() => expect(hangs).toBeGreaterThan(0), { timeout: 5_000, interval: 20 });
    const started = Date.now();
    await schedule.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await row(id)).toMatchObject({ health: 'UNCHECKED', checkedAt: null });
    // The stopped run let go of its lease.
    expect(await takeJobLease(db.prisma, { name: LINK_CHECK_JOB, holder: 'next', slot: new Date(Date.now() + 60_000), leaseMs: 1_000 })).toBe(true);
  });
});
