import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDir } from '../../lib/paths.js';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { seedIfEmpty } from '../seed/seed.service.js';
import { formatPlanDocument, parsePlanDocument, documentAsExport } from './plan-document.rules.js';

const source = readFileSync(path.join(seedDir, 'launch-plan.source.zh.md'), 'utf8');

describe('plans from and to Markdown documents', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-11-26');
  const pm = callerFor(services, await createTestUser(db, 'pm'));
  const sales = callerFor(services, await createTestUser(db, 'sales'));
  const viewer = callerFor(services, await createTestUser(db, 'viewer'));

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
  });

  const counts = async () => ({
    plans: await db.prisma.plan.count(),
    phases: await db.prisma.phase.count(),
    deliverables: await db.prisma.deliverable.count(),
    gates: await db.prisma.gate.count(),
    audit: await db.prisma.auditEvent.count(),
  });

  it('previews a document and writes nothing', async () => {
    const before = await counts();
    const preview = await pm.plans.previewDocument({ markdown: source });
    expect(preview.canCreate).toBe(true);
    expect(preview.phases.map((p) => [p.key, p.startDay, p.endDay, p.deliverables.length, p.gates.length])).toEqual([
      ['A', 0, 30, 4, 3],
      ['B', 31, 90, 4, 3],
      ['C', 91, 180, 4, 2],
    ]);
    expect(preview.unplaced.length).toBeGreaterThan(10);
    expect(await counts()).toEqual(before);
  });

  it('creates the plan from the seed document: day ranges from the headings, items due when their phase ends, audited', async () => {
    const { id } = await pm.plans.createFromDocument({ markdown: source, name: 'From the document', startDate: '2027-01-04' });
    const plan = await pm.plans.byId({ id });
    expect(plan).toMatchObject({ name: 'From the document', startDate: '2027-01-04', lengthDays: 180, isCurrent: true });
    expect(plan.phases.map((p) => [p.key, p.name, p.startDate, p.endDate])).toEqual([
      ['A', 'Launch Foundation', '2027-01-04', '2027-02-03'],
      ['B', 'Hosted Revenue Motion', '2027-02-04', '2027-04-04'],
      ['C', 'Platform Wedge', '2027-04-05', '2027-07-03'],
    ]);
    const a = plan.phases[0]!;
    expect(a.goal).toBe('统一叙事与边界，官网可发布，OSS 转化路径清晰。');
    expect(a.deliverables.map((d) => [d.title, d.status, d.dueDate, d.position])).toEqual([
      ['对外边界页面上线（Open vs Hosted vs Platform）', 'NOT_STARTED', '2027-02-03', 0],
      ['官网 CTA 与追踪事件可用', 'NOT_STARTED', '2027-02-03', 1],
      ['首版 pricing 包装和 FAQ 完成', 'NOT_STARTED', '2027-02-03', 2],
      ['每次发布使用统一 evidence 模板', 'NOT_STARTED', '2027-02-03', 3],
    ]);
    expect(plan.phases[2]!.gates.map((g) => [g.title, g.status, g.dueDate])).toEqual([
      ['至少 2 个平台化里程碑有客户侧证据', 'PENDING', '2027-07-03'],
      ['Layer 3 不影响 Layer 1/2 主线稳定性', 'PENDING', '2027-07-03'],
    ]);
    // The seeded plan is no longer current; only one plan is.
    expect(await db.prisma.plan.count({ where: { isCurrent: true } })).toBe(1);
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: id } });
    expect(event).toMatchObject({ action: 'plan.create', entityType: 'plan', actorName: 'Test pm' });
    expect(event.changes).toMatchObject({ name: 'From the document', fromDocument: true, phases: 3, deliverables: 12, gates: 8 });
  });

  it('moves due dates the document gives with the chosen start date', async () => {
    const markdown = 'Start: 2027-01-04\n\n## Phase A (0-20 days)\n\nDeliverables:\n\n1. Dated {due: 2027-01-10}\n';
    const { id } = await pm.plans.createFromDocument({ markdown, name: 'Shifted', startDate: '2027-01-11', makeCurrent: false });
    const plan = await pm.plans.byId({ id });
    expect(plan.lengthDays).toBe(20);
    expect(plan.isCurrent).toBe(false);
    expect(plan.phases[0]!.deliverables[0]).toMatchObject({ title: 'Dated', dueDate: '2027-01-17' });
  });

  it('refuses a document with no phase or a phase with no day range, naming the line, and writes nothing', async () => {
    const before = await counts();
    const noPhase = pm.plans.createFromDocument({ markdown: '# Ideas\n\n- one\n', name: 'X', startDate: '2027-01-04' });
    await expect(noPhase).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/no phase/) });
    const noDays = pm.plans.createFromDocument({ markdown: '## Phase A (0-30 days)\n\n## Phase B: Later\n', name: 'X', startDate: '2027-01-04' });
    await expect(noDays).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/Line 3: Phase B has no day range/) });
    expect(await counts()).toEqual(before);
  });

  it('lets only planners preview or create, and every role export', async () => {
    const before = await counts();
    for (const caller of [sales, viewer]) {
      await expect(caller.plans.previewDocument({ markdown: source })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(caller.plans.createFromDocument({ markdown: source, name: 'X', startDate: '2027-01-04' })).rejects.toBeInstanceOf(TRPCError);
    }
    expect(await counts()).toEqual(before);
    const seeded = await db.prisma.plan.findFirstOrThrow({ where: { copiedFromId: null }, orderBy: { createdAt: 'asc' } });
    const exported = await viewer.plans.exportMarkdown({ id: seeded.id });
    expect(exported.fileName).toBe('Aionis-launch-first-180-days.md');
    expect(exported.markdown).toMatch(/^# Aionis launch — first 180 days\n\nStart: 2026-02-23\n\n## Phase A \(0-30 days\): Launch Foundation\n/);
  });

  it('round-trips a plan through the database: export → create → export is identical', async () => {
    const seeded = await db.prisma.plan.findFirstOrThrow({ where: { name: 'Aionis launch — first 180 days' } });
    for (const language of ['en', 'zh-CN'] as const) {
      const first = await pm.plans.exportMarkdown({ id: seeded.id, language });
      const { id } = await pm.plans.createFromDocument({ markdown: first.markdown, name: seeded.name, startDate: '2026-02-23', makeCurrent: false });
      const second = await pm.plans.exportMarkdown({ id, language });
      expect(second.markdown).toBe(first.markdown);
    }
  });

  it('exports statuses, owners and due dates as the compact suffix, and reads them back', async () => {
    const plan = (await pm.plans.current())!;
    const d = plan.phases[0]!.deliverables[0]!;
    await pm.deliverables.update({ id: d.id, version: d.version, status: 'IN_PROGRESS', ownerName: 'GTM' });
    const { markdown } = await pm.plans.exportMarkdown({ id: plan.id, language: 'zh-CN' });
    expect(markdown).toContain(`1. ${d.title} {状态：进行中；负责人：GTM；截止：2027-02-03}`);
    expect(formatPlanDocument(documentAsExport(parsePlanDocument(markdown)), 'zh-CN')).toBe(markdown);
  });

  it('says a plan that does not exist is not found', async () => {
    await expect(pm.plans.exportMarkdown({ id: '019a0000-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
