// Evidence fingerprints against a real HTTP server: what a link served at capture and at each check,
// content that changed since (not broken), live pages never compared, large bodies hashed up to the cap,
// and decisions that rested on the earlier content.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { systemActor } from '../audit/audit.service.js';
import { seedIfEmpty } from '../seed/seed.service.js';
import { FINGERPRINT_MAX_BYTES } from './link-check.rules.js';
import { checkEvidence } from './link-check.service.js';

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
let docBody = '<h1>Recall p95: 38 ms</h1>';
const big = Buffer.alloc(FINGERPRINT_MAX_BYTES + 500_000, 'x');
const server = http.createServer((req, res) => {
  if (req.url === '/doc') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(req.method === 'HEAD' ? undefined : docBody);
  if (req.url === '/live') return res.writeHead(200, { 'content-type': 'text/plain' }).end(req.method === 'HEAD' ? undefined : `now ${Date.now()} ${Math.random()}`);
  if (req.url === '/big') return res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(big.length) }).end(req.method === 'HEAD' ? undefined : big);
  if (req.url === '/protected') return res.writeHead(403).end('login');
  res.writeHead(404).end();
});

describe('evidence fingerprints', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-04-01');
  const lead = callerFor(services, await createTestUser(db, 'leadership', 'Lena'));
  let base = '';
  const check = (ids: string[]) => checkEvidence(db.prisma, { ids, actor: systemActor('fp-test'), today: '2026-04-01', options: { allowPrivate: true, timeoutMs: 3_000 } });
  const add = (url: string, extra: object = {}) =>
    db.prisma.evidence.create({ data: { title: `Evidence at ${url}`, url: `${base}${url}`, kind: 'REPORT', capturedOn: new Date('2026-03-30'), addedByName: 'Pat', ...extra }, select: { id: true } });

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('records what the link served at capture, with its type and length', async () => {
    const { id } = await add('/doc');
    await check([id]);
    const row = await lead.evidence.byId({ id });
    expect(row).toMatchObject({ health: 'HEALTHY', fingerprint: sha(docBody), capturedFingerprint: sha(docBody), fingerprintType: 'text/html', fingerprintBytes: Buffer.byteLength(docBody), fingerprintTruncated: false, contentChanged: false });
  });

  it('marks content that changed since capture as changed, not broken, and a decision that rested on the earlier content', async () => {
    docBody = '<h1>Recall p95: 38 ms</h1>';
    const { id } = await add('/doc');
    await check([id]);
    const gate = (await lead.phases.byKey({ key: 'A' })).phase.gates[1]!;
    await db.prisma.evidenceLink.create({ data: { evidenceId: id, targetType: 'gate', targetId: gate.id, byName: 'Pat' } });
    const decided = await lead.gates.setStatus({ id: gate.id, version: gate.version, status: 'FAILED', decision: 'NO_GO', reason: 'Not yet' });

    docBody = '<h1>Recall p95: 52 ms</h1>';
    await check([id]);
    const row = await lead.evidence.byId({ id });
    expect(row).toMatchObject({ health: 'HEALTHY', contentChanged: true, capturedFingerprint: sha('<h1>Recall p95: 38 ms</h1>'), fingerprint: sha(docBody), decisionsOnEarlierContent: 1 });
    expect(row.contentChangedAt).toBeTruthy();
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'evidence.content', entityId: id } });
    expect(event.changes).toMatchObject({ contentChanged: { from: false, to: true } });
    const pack = await lead.gates.decisionPack({ id: decided.decisionPackId! });
    expect(pack.drift).toEqual([{ kind: 'evidence-content-changed', id, title: `Evidence at /doc` }]);

    // The original content back: no longer changed.
    docBody = '<h1>Recall p95: 38 ms</h1>';
    await check([id]);
    expect((await lead.evidence.byId({ id })).contentChanged).toBe(false);
  });

  it('never compares a live page', async () => {
    const { id } = await add('/live', { livePage: true });
    await check([id]);
    const first = await lead.evidence.byId({ id });
    await check([id]);
    const second = await lead.evidence.byId({ id });
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect(second.contentChanged).toBe(false);
  });

  it('hashes a large body up to the cap, and says so', async () => {
    const { id } = await add('/big');
    await check([id]);
    expect(await lead.evidence.byId({ id })).toMatchObject({ fingerprint: sha(big.subarray(0, FINGERPRINT_MAX_BYTES)), fingerprintTruncated: true, fingerprintBytes: big.length });
  });

  it('does not fingerprint a protected page (its login wall is not the evidence)', async () => {
    const { id } = await add('/protected');
    await check([id]);
    expect(await lead.evidence.byId({ id })).toMatchObject({ health: 'HEALTHY', httpStatus: 403, fingerprint: null });
  });

  it('forgets the fingerprint when the address is edited: the new link is captured afresh', async () => {
    const { id } = await add('/doc');
    await check([id]);
    const before = await lead.evidence.byId({ id });
    await lead.evidence.update({ id, version: before.version, url: `${base}/big` });
    expect(await lead.evidence.byId({ id })).toMatchObject({ fingerprint: null, capturedFingerprint: null, contentChanged: false });
  });
});
