// Concurrent edits: every editable record carries a version, and an update based on a stale version is
// refused with CONFLICT. Parallel updates from one version: exactly one wins, its write is what is
// stored, and the audit trail holds exactly one update. A read-modify-write loop that retries on
// CONFLICT loses no increment. The refusal names who changed the record meanwhile, when, and carries
// its current value (read from the audit trail and the row), so the web can show them.
import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestDb, createTestUser, testServices } from './test/test-db.js';
import { seedIfEmpty } from './modules/seed/seed.service.js';
import type { ConflictDetail } from './lib/errors.js';

const PARALLEL = 20;
const CLIENTS = 10;

describe('concurrent edits', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const api = callerFor(services, await createTestUser(db, 'admin', 'Ada'));
  // The other person editing the same records.
  const dana = callerFor(services, await createTestUser(db, 'admin', 'Dana Lee'));

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
  });

  const phaseId = async () => (await db.prisma.phase.findFirstOrThrow({ where: { key: 'A', plan: { isCurrent: true } }, select: { id: true } })).id;

  /** One record type: how to make one, update one field of it, and read that field back. */
  interface Subject {
    entityType: string;
    /** The field `update` writes, as the conflict's current value names it. */
    field: string;
    create(tag: string): Promise<{ id: string; version: number }>;
    update(id: string, version: number, value: string, as?: typeof api): Promise<unknown>;
    read(id: string): Promise<{ value: string; version: number }>;
  }

  const subjects: Record<string, Subject> = {
    'deliverables.update': {
      entityType: 'deliverable',
      field: 'title',
      create: async (tag) => api.deliverables.create({ phaseId: await phaseId(), title: `Race ${tag}`, ownerName: 'Lee' }),
      update: (id, version, value, as = api) => as.deliverables.update({ id, version, title: value }),
      read: async (id) => {
        const row = await db.prisma.deliverable.findUniqueOrThrow({ where: { id } });
        return { value: row.title, version: row.version };
      },
    },
    'gates.update': {
      entityType: 'gate',
      field: 'title',
      create: async (tag) => api.gates.create({ phaseId: await phaseId(), title: `Race ${tag}`, ownerName: 'Lee' }),
      update: (id, version, value, as = api) => as.gates.update({ id, version, title: value }),
      read: async (id) => {
        const row = await db.prisma.gate.findUniqueOrThrow({ where: { id } });
        return { value: row.title, version: row.version };
      },
    },
    'partners.update': {
      entityType: 'partner',
      field: 'nextStep',
      create: (tag) => api.partners.create({ company: `Race ${tag}`, segment: 'AI_INFRA', package: 'CLOUD_TEAM', track: 'HOSTED' }),
      update: (id, version, value, as = api) => as.partners.update({ id, version, nextStep: value }),
      read: async (id) => {
        const row = await db.prisma.partner.findUniqueOrThrow({ where: { id } });
        return { value: row.nextStep, version: row.version };
      },
    },
    'evidence.update': {
      entityType: 'evidence',
      field: 'note',
      // Written directly: creating through the API would start a link check against the URL.
      create: (tag) =>
        db.prisma.evidence.create({
          data: { title: `Race ${tag}`, url: 'https://example.test/race', kind: 'REPORT', capturedOn: new Date('2026-03-01'), addedByName: 'Test' },
          select: { id: true, version: true },
        }),
      update: (id, version, value, as = api) => as.evidence.update({ id, version, note: value }),
      read: async (id) => {
        const row = await db.prisma.evidence.findUniqueOrThrow({ where: { id } });
        return { value: row.note, version: row.version };
      },
    },
    'claims.update': {
      entityType: 'claim',
      field: 'boundary',
      create: (tag) => api.claims.create({ statement: `Race ${tag}`, channel: 'DOCS', layer: 'OSS' }),
      update: (id, version, value, as = api) => as.claims.update({ id, version, boundary: value }),
      read: async (id) => {
        const row = await db.prisma.claim.findUniqueOrThrow({ where: { id } });
        return { value: row.boundary, version: row.version };
      },
    },
  };

  const updateEvents = (entityType: string, entityId: string) =>
    db.prisma.auditEvent.count({ where: { entityType, entityId, action: { endsWith: '.update' } } });

  describe.each(Object.entries(subjects))('%s', (name, subject) => {
    it(`${PARALLEL} parallel updates from one version: one wins, the rest get CONFLICT, nothing is overwritten`, async () => {
      const { id, version } = await subject.create(`${name} parallel`);
      const values = Array.from({ length: PARALLEL }, (_, i) => `writer ${i}`);
      const results = await Promise.allSettled(values.map((value) => subject.update(id, version, value)));

      const winners = values.filter((_, i) => results[i]!.status === 'fulfilled');
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(winners).toHaveLength(1);
      expect(refused).toHaveLength(PARALLEL - 1);
      for (const r of refused) expect(r.reason).toMatchObject({ code: 'CONFLICT' });
      expect(await subject.read(id)).toEqual({ value: winners[0], version: version + 1 });
      expect(await updateEvents(subject.entityType, id)).toBe(1);
    });
  });

  describe.each(Object.entries(subjects))('%s after another person saved', (name, subject) => {
    it('is refused with who changed it, when, and the current value; the other write stays', async () => {
      const { id, version } = await subject.create(`${name} named`);
      const before = Date.now();
      await subject.update(id, version, 'saved by Dana', dana);
      const refused = await subject.update(id, version, 'saved by Ada').then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/ was changed by Dana Lee at \d{4}-\d\d-\d\d \d\d:\d\d UTC meanwhile/) });
      const conflict = (refused as { cause: { conflict: ConflictDetail } }).cause.conflict;
      expect(conflict).toMatchObject({ changedBy: 'Dana Lee', currentVersion: version + 1, current: { [subject.field]: 'saved by Dana', version: version + 1 } });
      // The audit event's time: its transaction's start, within this test.
      expect(Date.parse(conflict.changedAt!)).toBeGreaterThanOrEqual(before - 1_000);
      expect(Date.parse(conflict.changedAt!)).toBeLessThanOrEqual(Date.now() + 1_000);
      expect(await subject.read(id)).toEqual({ value: 'saved by Dana', version: version + 1 });
    });
  });

  it('a stale review note names who wrote the note now stored, and its text', async () => {
    const review = await api.reviews.openThisWeek();
    const first = await dana.reviews.saveNote({ reviewId: review.id, section: 'pipeline', markdown: 'Dana was here', version: null });
    const refused = await api.reviews.saveNote({ reviewId: review.id, section: 'pipeline', markdown: 'Ada was here', version: null }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'CONFLICT', cause: { conflict: { changedBy: 'Dana Lee', current: { markdown: 'Dana was here', version: first.version } } } });
  });

  it(`${CLIENTS} clients appending to one description with read, write, retry on CONFLICT lose nothing`, async () => {
    const { id } = await api.deliverables.create({ phaseId: await phaseId(), title: 'Counter', ownerName: 'Lee' });
    let conflicts = 0;
    // Every client reads before any writes on its first attempt, so the first round surely collides.
    let arrive!: () => void;
    const allRead = new Promise<void>((resolve) => (arrive = resolve));
    let read = 0;
    const client = async (n: number) => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const row = await db.prisma.deliverable.findUniqueOrThrow({ where: { id }, select: { description: true, version: true } });
        if (attempt === 0) {
          if (++read === CLIENTS) arrive();
          await allRead;
        }
        try {
          await api.deliverables.update({ id, version: row.version, description: `${row.description}[${n}]` });
          return;
        } catch (error) {
          if ((error as { code?: string }).code !== 'CONFLICT') throw error;
          conflicts++;
        }
      }
      throw new Error(`client ${n} gave up after 100 conflicts`);
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));

    const row = await db.prisma.deliverable.findUniqueOrThrow({ where: { id } });
    const marks = row.description.match(/\[\d+\]/g) ?? [];
    expect([...marks].sort()).toEqual(Array.from({ length: CLIENTS }, (_, n) => `[${n}]`).sort());
    expect(row.version).toBe(1 + CLIENTS);
    expect(await updateEvents('deliverable', id)).toBe(CLIENTS);
    // The first round: one write from the shared version won, the other nine were refused and retried.
    expect(conflicts).toBeGreaterThanOrEqual(CLIENTS - 1);
  });

  it(`${CLIENTS} parallel users.create with one email: one is created, the rest get CONFLICT on email`, async () => {
    const email = 'twin@example.test';
    const results = await Promise.allSettled(
      Array.from({ length: CLIENTS }, (_, i) => api.users.create({ name: `Twin ${i}`, email, role: 'viewer', credential: 'one-time-password' })),
    );
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'CONFLICT', cause: { fieldIssues: [{ path: 'email' }] } });
    expect(await db.prisma.user.count({ where: { email } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: 'user.create', changes: { path: ['email'], equals: email } } })).toBe(1);
  });
});
