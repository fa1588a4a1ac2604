import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { seedIfEmpty } from '../seed/seed.service.js';

// The seeded plan's gates carry criteria (prisma/seed/launch-plan.json); these tests drive them with
// real data through the procedures people use.
describe('criteria and gate decisions', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-04-01');
  const leadership = callerFor(services, await createTestUser(db, 'leadership', 'Lena'));
  const pm = callerFor(services, await createTestUser(db, 'pm', 'Pia'));
  const salesUser = await createTestUser(db, 'sales', 'Sam');
  const sales = callerFor(services, salesUser);
  const gateTitled = async (key: string, title: string) => {
    const gate = (await leadership.phases.byKey({ key })).phase.gates.find((g) => g.title === title)!;
    return leadership.gates.byId({ id: gate.id });
  };

  beforeAll(async () => {
    await seedIfEmpty(db.prisma, undefined, '2026-04-01');
  });

  it('seeds every gate with criteria, evaluated at once', async () => {
    for (const key of ['A', 'B', 'C']) {
      const { phase } = await leadership.phases.byKey({ key });
      for (const g of phase.gates) {
        const gate = await leadership.gates.byId({ id: g.id });
        expect(gate.criteria.length, gate.title).toBeGreaterThan(0);
        for (const c of gate.criteria) {
          expect(c.spec, c.title).not.toBeNull();
          expect(c.evaluatedAt, c.title).not.toBeNull();
          expect(c.met).toBe(false);
        }
      }
    }
    const target = (await leadership.phases.byKey({ key: 'B' })).phase.deliverables.find((d) => d.title.startsWith('3 Design Partners'))!;
    expect(target.target).toEqual({ current: 0, target: 3, met: false });
  });

  it('turns a pipeline criterion met when a partner reaches paid trial, and back when it is archived', async () => {
    const { id } = await sales.partners.create({ company: 'Acme Agents', segment: 'AI_INFRA', package: 'CLOUD_TEAM', track: 'HOSTED', stage: 'POC' });
    let gate = await gateTitled('B', 'At least 1 paid trial');
    expect(gate.criteria[0]).toMatchObject({ met: false, currentValue: 0, targetValue: 1 });
    const partner = await sales.partners.byId({ id });
    await sales.partners.moveStage({ id, version: partner.version, to: 'PAID_TRIAL' });
    gate = await gateTitled('B', 'At least 1 paid trial');
    expect(gate.criteria[0]).toMatchObject({ met: true, currentValue: 1 });
    expect(gate.health.criteriaMet).toBe(1);
    const flip = await db.prisma.auditEvent.findFirst({ where: { action: 'criterion.flip', entityId: gate.criteria[0]!.id } });
    expect(flip).toMatchObject({ actorName: 'Sam', changes: { met: { from: false, to: true } } });
    // The deliverable's pipeline target reads 1/3 (the partner reached PoC on the way).
    const target = (await leadership.phases.byKey({ key: 'B' })).phase.deliverables.find((d) => d.title.startsWith('3 Design Partners'))!;
    expect(target.target).toEqual({ current: 1, target: 3, met: false });

    await sales.partners.archive({ id });
    expect((await gateTitled('B', 'At least 1 paid trial')).criteria[0]!.met).toBe(false);
    await sales.partners.restore({ id });
    expect((await gateTitled('B', 'At least 1 paid trial')).criteria[0]!.met).toBe(true);
  });

  it('ticks a manual criterion only with evidence, and unticks when that evidence breaks', async () => {
    const gate = await gateTitled('A', 'Key website pages reachable (usable on mobile)');
    const manual = gate.criteria.find((c) => c.kind === 'MANUAL')!;
    await expect(pm.criteria.tick({ id: manual.id, version: manual.version, checked: true })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const { id: evidenceId } = await pm.evidence.create({ title: 'Phone screenshots', url: 'https://example.com/shots', kind: 'WEB_PAGE', capturedOn: '2026-03-20' });
    await pm.criteria.tick({ id: manual.id, version: manual.version, checked: true, evidenceIds: [evidenceId] });
    let after = (await gateTitled('A', 'Key website pages reachable (usable on mobile)')).criteria.find((c) => c.id === manual.id)!;
    expect(after).toMatchObject({ checked: true, met: true, checkedByName: 'Pia' });
    await db.prisma.evidence.update({ where: { id: evidenceId }, data: { health: 'BROKEN' } });
    await pm.evidence.update({ id: evidenceId, version: 1, note: 'The link died' });
    after = (await gateTitled('A', 'Key website pages reachable (usable on mobile)')).criteria.find((c) => c.id === manual.id)!;
    expect(after).toMatchObject({ checked: true, met: false });
    await expect(pm.criteria.tick({ id: manual.id, version: after.version, checked: true })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('reads link health and gate-run streaks from evidence attached to the gate', async () => {
    let gate = await gateTitled('A', 'Docs links all green');
    const docs = await pm.evidence.create({
      title: 'Docs home',
      url: 'https://docs.example.com',
      kind: 'DOC',
      capturedOn: '2026-03-20',
      attachTo: { targetType: 'gate', targetId: gate.id },
    });
    gate = await gateTitled('A', 'Docs links all green');
    expect(gate.criteria[0]).toMatchObject({ met: false, currentValue: 0, targetValue: 1 }); // not checked yet
    await db.prisma.evidence.update({ where: { id: docs.id }, data: { health: 'HEALTHY' } });
    await pm.evidence.update({ id: docs.id, version: docs.version, note: 'checked' });
    expect((await gateTitled('A', 'Docs links all green')).criteria[0]).toMatchObject({ met: true, currentValue: 1, targetValue: 1 });

    const prod = await gateTitled('B', 'Production gates pass consistently');
    for (const [i, result] of (['FAILED', 'PASSED', 'PASSED', 'PASSED', 'PASSED', 'PASSED'] as const).entries()) {
      await pm.evidence.create({
        title: `Gate run ${i}`,
        url: `https://ci.example.com/run/${i}`,
        kind: 'GATE_RUN',
        result,
        capturedOn: `2026-03-2${i}`,
        attachTo: { targetType: 'gate', targetId: prod.id },
      });
    }
    expect((await gateTitled('B', 'Production gates pass consistently')).criteria[0]).toMatchObject({ met: true, currentValue: 5, targetValue: 5 });
  });

  it('counts customer evidence on phase-C deliverables', async () => {
    const c = (await leadership.phases.byKey({ key: 'C' })).phase;
    for (const d of c.deliverables.slice(0, 2)) {
      await sales.evidence.create({ title: `Customer note for ${d.title}`, url: `https://customer.example.com/${d.id}`, kind: 'CUSTOMER_EVIDENCE', capturedOn: '2026-03-25', attachTo: { targetType: 'deliverable', targetId: d.id } });
    }
    const gate = await gateTitled('C', 'At least 2 platform milestones with customer-side evidence');
    expect(gate.criteria[0]).toMatchObject({ met: true, currentValue: 2, targetValue: 2 });
  });

  it('decides a gate: Go only when every criterion is met and evidence is healthy, with the history kept', async () => {
    const gate = await gateTitled('A', 'Docs links all green');
    expect(gate.criteria.every((c) => c.met)).toBe(true);
    await expect(pm.gates.setStatus({ id: gate.id, version: gate.version, status: 'PASSED', decision: 'GO', reason: 'Green' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(leadership.gates.setStatus({ id: gate.id, version: gate.version, status: 'PASSED', decision: 'GO' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await leadership.gates.setStatus({ id: gate.id, version: gate.version, status: 'PASSED', decision: 'GO', reason: 'Every docs link answers' });
    const after = await gateTitled('A', 'Docs links all green');
    expect(after.status).toBe('PASSED');
    expect(after.history[0]).toMatchObject({ fromStatus: 'PENDING', toStatus: 'PASSED', decision: 'GO', reason: 'Every docs link answers', byName: 'Lena', suggested: 'ON_TRACK', overrode: false });
  });

  it('refuses a Go with unmet criteria but takes a Conditional Go that lists them', async () => {
    const gate = await gateTitled('A', 'Key CTA events have real data');
    const evidence = await pm.evidence.create({ title: 'Analytics board', url: 'https://analytics.example.com', kind: 'REPORT', capturedOn: '2026-03-25', attachTo: { targetType: 'gate', targetId: gate.id } });
    await db.prisma.evidence.update({ where: { id: evidence.id }, data: { health: 'HEALTHY' } });
    await expect(leadership.gates.setStatus({ id: gate.id, version: gate.version, status: 'PASSED', decision: 'GO', reason: 'Looks fine' })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringContaining('cta_start_oss_click'),
    });
    await leadership.gates.setStatus({
      id: gate.id,
      version: gate.version,
      status: 'PASSED',
      decision: 'CONDITIONAL_GO',
      reason: 'Events fire; data lands next week',
      outstanding: ['Six CTA events with a week of data'],
      evidenceIds: [evidence.id],
    });
    const after = await gateTitled('A', 'Key CTA events have real data');
    expect(after.history[0]).toMatchObject({ decision: 'CONDITIONAL_GO', outstanding: ['Six CTA events with a week of data'], evidenceIds: [evidence.id] });
  });

  it('asks for a reason to override the suggested health, and records the override', async () => {
    const gate = await gateTitled('C', 'Layer 3 does not affect Layer 1/2 mainline stability');
    expect(gate.health.health).toBe('ON_TRACK');
    await expect(pm.gates.setStatus({ id: gate.id, version: gate.version, status: 'AT_RISK' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await pm.gates.setStatus({ id: gate.id, version: gate.version, status: 'AT_RISK', reason: 'Provenance work touches the write path' });
    const after = await gateTitled('C', 'Layer 3 does not affect Layer 1/2 mainline stability');
    expect(after.health.flagged).toBe(true);
    expect(after.history[0]).toMatchObject({ toStatus: 'AT_RISK', overrode: true, suggested: 'ON_TRACK' });
    // The history is append-only.
    await expect(db.prisma.gateStatusChange.deleteMany({ where: { gateId: gate.id } })).rejects.toThrow(/append-only/);
  });

  it('lets nobody but planners define criteria, and validates their config', async () => {
    const gate = await gateTitled('B', 'Hosted funnel trackable (lead → PoC → paid)');
    await expect(sales.criteria.create({ gateId: gate.id, title: 'x', spec: { kind: 'MANUAL' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(pm.criteria.create({ gateId: gate.id, title: 'x', spec: { kind: 'METRIC_THRESHOLD', config: { metricKey: 'nope', value: 1 } } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const { id } = await pm.criteria.create({ gateId: gate.id, title: 'Two Hosted partners paying', spec: { kind: 'PIPELINE_COUNT', config: { stageReached: 'PAID', track: 'HOSTED', min: 2 } } });
    const created = (await gateTitled('B', 'Hosted funnel trackable (lead → PoC → paid)')).criteria.find((c) => c.id === id)!;
    expect(created).toMatchObject({ met: false, currentValue: 0, targetValue: 2, position: gate.criteria.length });
    await pm.criteria.delete({ id });
    expect((await gateTitled('B', 'Hosted funnel trackable (lead → PoC → paid)')).criteria.map((c) => c.id)).not.toContain(id);
    await pm.criteria.restore({ id });
    expect((await gateTitled('B', 'Hosted funnel trackable (lead → PoC → paid)')).criteria.map((c) => c.id)).toContain(id);
  });
});
