// The public evidence page against a database full of private data (the demo's partners, people,
// reviews, drafts, notes): only published claims and the evidence attached to them ever leave, in HTML,
// JSON and Atom; off until an admin turns it on; cached, rate-limited and with its own strict CSP.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { callersByRole, createTestDb, createTestUser, TEST_PUBLIC_URL, testServices } from '../../test/test-db.js';
import { seedDemo } from '../../demo/demo-data.js';

const schema = JSON.parse(readFileSync(new URL('./public-evidence.v1.schema.json', import.meta.url), 'utf8')) as object;

describe('the public evidence page', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-05-20');
  const app = await buildApp(services, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
  const api = await callersByRole(services);
  afterAll(() => app.close());

  const author = await createTestUser(db, 'sales', 'Priya Secretname');
  const published = { statement: 'Recall p95 stays under 40 ms at one million memories', boundary: 'Single tenant, OSS build; not a Cloud SLO.' };
  const privateText = {
    draft: 'DRAFT claim nobody has approved yet',
    approved: 'APPROVED but not yet published claim',
    retracted: 'RETRACTED claim we no longer make',
    archived: 'ARCHIVED published claim',
    note: 'internal note: numbers from a customer under NDA',
    evidenceOnDraft: 'Evidence only a draft cites',
    archivedEvidence: 'Archived evidence on the published claim',
  };

  beforeAll(async () => {
    await seedDemo(db.prisma, services.auth, '2026-05-20');
    const mk = (statement: string, status: 'DRAFT' | 'APPROVED' | 'PUBLISHED' | 'RETRACTED', extra: object = {}) =>
      db.prisma.claim.create({ data: { statement, channel: 'WEBSITE', layer: 'OSS', boundary: `boundary of ${statement}`, status, createdById: author.id, createdByName: author.name, ...extra } });
    const claim = await mk(published.statement, 'PUBLISHED', { boundary: published.boundary, publishedAt: new Date('2026-04-02T10:00:00Z'), approvedByName: 'Leader Approvername' });
    const draft = await mk(privateText.draft, 'DRAFT');
    await mk(privateText.approved, 'APPROVED');
    await mk(privateText.retracted, 'RETRACTED', { publishedAt: new Date('2026-03-01T00:00:00Z'), retractedAt: new Date('2026-03-05T00:00:00Z') });
    await mk(privateText.archived, 'PUBLISHED', { publishedAt: new Date('2026-03-01T00:00:00Z'), archivedAt: new Date('2026-03-10T00:00:00Z') });
    const ev = (title: string, extra: object = {}) =>
      db.prisma.evidence.create({ data: { title, url: 'https://bench.aionis.example/recall', kind: 'REPORT', capturedOn: new Date('2026-04-01'), addedById: author.id, addedByName: author.name, note: privateText.note, health: 'HEALTHY', ...extra } });
    const good = await ev('Recall benchmark, April');
    const onDraft = await ev(privateText.evidenceOnDraft);
    const gone = await ev(privateText.archivedEvidence, { archivedAt: new Date('2026-04-10T00:00:00Z') });
    await db.prisma.evidenceLink.createMany({
      data: [
        { evidenceId: good.id, targetType: 'claim', targetId: claim.id, byName: author.name },
        { evidenceId: onDraft.id, targetType: 'claim', targetId: draft.id, byName: author.name },
        { evidenceId: gone.id, targetType: 'claim', targetId: claim.id, byName: author.name },
      ],
    });
  });

  const urls = ['/public/evidence', '/public/evidence?lang=zh-CN', '/public/evidence.json', '/public/evidence.atom'];

  it('is off until an admin turns it on, and only an admin may', async () => {
    for (const url of urls) expect((await app.inject({ method: 'GET', url })).statusCode).toBe(404);
    expect(await api.viewer.publicEvidence.settings()).toEqual({ enabled: false, path: '/public/evidence' });
    await expect(api.leadership.publicEvidence.setEnabled({ enabled: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await api.admin.publicEvidence.setEnabled({ enabled: true })).toEqual({ enabled: true });
    const event = await db.prisma.auditEvent.findFirst({ where: { action: 'setting.update', entityId: 'public_evidence_page' } });
    expect(event?.changes).toEqual({ publicEvidencePage: { from: false, to: true } });
    for (const url of urls) expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
  });

  it('shows the published claim with its boundary and live evidence, and nothing private, in any format', async () => {
    const bodies = await Promise.all(urls.map(async (url) => (await app.inject({ method: 'GET', url })).body));
    const [partners, users, notes, decisions, activities, actionItems, evidence, claims] = await Promise.all([
      db.prisma.partner.findMany({ select: { company: true, nextStep: true } }),
      db.prisma.user.findMany({ select: { name: true, email: true } }),
      db.prisma.reviewNote.findMany({ select: { markdown: true } }),
      db.prisma.reviewDecision.findMany({ select: { text: true } }),
      db.prisma.partnerActivity.findMany({ select: { text: true } }),
      db.prisma.actionItem.findMany({ select: { title: true } }),
      db.prisma.evidence.findMany({ select: { note: true } }),
      db.prisma.claim.findMany({ where: { NOT: { status: 'PUBLISHED', archivedAt: null } }, select: { statement: true } }),
    ]);
    const secrets = [
      ...Object.values(privateText),
      'Leader Approvername',
      ...partners.flatMap((p) => [p.company, p.nextStep]),
      ...users.flatMap((u) => [u.name, u.email]),
      ...notes.map((n) => n.markdown),
      ...decisions.map((d) => d.text),
      ...activities.map((a) => a.text),
      ...actionItems.map((a) => a.title),
      ...evidence.map((e) => e.note),
      ...claims.map((c) => c.statement),
    ].filter((s): s is string => typeof s === 'string' && s.trim().length >= 4);
    expect(secrets.length).toBeGreaterThan(30);
    for (const [i, body] of bodies.entries()) {
      expect(body, urls[i]).toContain(urls[i]!.endsWith('.json') ? published.statement : published.statement.replace(/</g, '&lt;'));
      expect(body).toContain('Recall benchmark, April');
      for (const secret of secrets) expect(body.includes(secret), `${urls[i]} leaks "${secret}"`).toBe(false);
    }
    expect(bodies[0]).toContain(published.boundary);
    expect(bodies[1]).toContain('边界');
    expect(bodies[1]).toContain('2026 年 4 月');
  });

  it('serves JSON that validates against the schema in the repository', async () => {
    const res = await app.inject({ method: 'GET', url: '/public/evidence.json' });
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const doc = res.json();
    const ajv = new Ajv({ strict: true, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    // The schema is not a formality: a field the page must never carry fails it.
    const leaky = structuredClone(doc);
    leaky.months[0].claims[0].createdByName = 'Priya';
    expect(validate(leaky)).toBe(false);
    const publishedCount = await db.prisma.claim.count({ where: { status: 'PUBLISHED', archivedAt: null } });
    expect(doc.months.flatMap((m: { claims: unknown[] }) => m.claims)).toHaveLength(publishedCount);
    const april = doc.months.find((m: { month: string }) => m.month === '2026-04');
    expect(april.claims).toContainEqual(
      expect.objectContaining({ statement: published.statement, evidence: [expect.objectContaining({ title: 'Recall benchmark, April', health: 'HEALTHY' })] }),
    );
  });

  it('serves an Atom feed a feed reader parses', async () => {
    const res = await app.inject({ method: 'GET', url: '/public/evidence.atom' });
    expect(res.headers['content-type']).toMatch(/application\/atom\+xml/);
    const feed = await new Parser().parseString(res.body);
    expect(feed.title).toMatch(/published claims/);
    expect(feed.items).toHaveLength(await db.prisma.claim.count({ where: { status: 'PUBLISHED', archivedAt: null } }));
    const ours = feed.items.find((item) => item.title === published.statement);
    const id = (await db.prisma.claim.findFirstOrThrow({ where: { statement: published.statement } })).id;
    expect(ours).toMatchObject({ link: `${TEST_PUBLIC_URL}/public/evidence#claim-${id}` });
    expect(ours!.content).toContain(published.boundary);
  });

  it('answers 304 to a client that holds the current version, with a strict CSP and no script', async () => {
    const first = await app.inject({ method: 'GET', url: '/public/evidence' });
    expect(first.headers.etag).toBeTruthy();
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const csp = String(first.headers['content-security-policy']);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toMatch(/script-src/);
    expect(csp).toMatch(/style-src 'sha256-/);
    expect(first.body).not.toMatch(/<script/i);
    const again = await app.inject({ method: 'GET', url: '/public/evidence', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // A change to what is published is a new version.
    await db.prisma.claim.updateMany({ where: { statement: published.statement }, data: { boundary: `${published.boundary} Updated.` } });
    const changed = await app.inject({ method: 'GET', url: '/public/evidence', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(changed.statusCode).toBe(200);
  });

  it('escapes what it shows: a statement with markup is text, and a javascript: link is no link', async () => {
    const claim = await db.prisma.claim.create({
      data: { statement: '<img src=x onerror=alert(1)> fast', channel: 'DOCS', layer: 'CLOUD', boundary: 'b', status: 'PUBLISHED', publishedAt: new Date('2026-05-01T00:00:00Z'), createdByName: 'x' },
    });
    const evidence = await db.prisma.evidence.create({ data: { title: 'sneaky', url: 'javascript:alert(1)', kind: 'DOC', capturedOn: new Date('2026-05-01'), addedByName: 'x' } });
    await db.prisma.evidenceLink.create({ data: { evidenceId: evidence.id, targetType: 'claim', targetId: claim.id, byName: 'x' } });
    const body = (await app.inject({ method: 'GET', url: '/public/evidence' })).body;
    expect(body).toContain('&lt;img src=x onerror=alert(1)&gt; fast');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('href="javascript:');
  });

  it('limits how often one address may ask', async () => {
    let limited = 0;
    for (let i = 0; i < 130 && !limited; i++) {
      const res = await app.inject({ method: 'GET', url: '/public/evidence.json', remoteAddress: '203.0.113.9' });
      if (res.statusCode === 429) limited = i;
    }
    expect(limited).toBeGreaterThanOrEqual(110);
    expect((await app.inject({ method: 'GET', url: '/public/evidence.json', remoteAddress: '203.0.113.10' })).statusCode).toBe(200);
  });
});
