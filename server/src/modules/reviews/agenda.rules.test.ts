import { describe, expect, it } from 'vitest';
import { AGENDA_ITEMS_PER_KIND, buildAgenda, capSection, reviewWindow, type AgendaHistory, type AgendaItem } from './agenda.rules.js';
import { agendaSections } from './reviews.schema.js';

const TODAY = '2026-03-12'; // a Thursday
const NOW = new Date('2026-03-12T10:00:00Z');
const LAST_CLOSE = new Date('2026-03-05T16:00:00Z');
const at = (iso: string) => new Date(iso);
const addDaysIso = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);
const phase = { key: 'B', name: 'Validate', startDay: 31 };

const empty = (): AgendaHistory => ({
  gates: [],
  deliverables: [],
  gateChanges: [],
  criterionFlips: [],
  stageTransitions: [],
  pocChanges: [],
  partners: [],
  evidenceCreated: [],
  evidenceBroke: [],
  metrics: [],
  openActionItems: [],
});

const window = reviewWindow(LAST_CLOSE, NOW, TODAY);
const section = (h: AgendaHistory, key: string, w = window) => buildAgenda(h, w).find((s) => s.key === key)!.items;

describe('reviewWindow', () => {
  it('starts at the last closed review, or 7 days back for the first review', () => {
    expect(window).toEqual({ from: LAST_CLOSE, to: NOW, fromDate: '2026-03-05', today: TODAY });
    expect(reviewWindow(null, NOW, TODAY).from).toEqual(at('2026-03-05T10:00:00Z'));
  });
});

describe('buildAgenda', () => {
  it('lists every section in order, each empty when nothing happened', () => {
    const agenda = buildAgenda(empty(), window);
    expect(agenda.map((s) => s.key)).toEqual([...agendaSections]);
    expect(agenda.every((s) => s.items.length === 0)).toBe(true);
  });

  it('puts blocked gates first, in plan order, with the stability hold', () => {
    const h = empty();
    h.gates = [
      { id: 'g2', title: 'Second', status: 'BLOCKED', updatedAt: NOW, deletedAt: null, position: 2, phase },
      { id: 'g1', title: 'First', status: 'BLOCKED', updatedAt: NOW, deletedAt: null, position: 1, phase },
      { id: 'g3', title: 'Deleted', status: 'BLOCKED', updatedAt: NOW, deletedAt: NOW, position: 0, phase },
      { id: 'g4', title: 'Fine', status: 'ON_TRACK', updatedAt: NOW, deletedAt: null, position: 0, phase },
    ];
    const items = section(h, 'stability');
    expect(items.map((i) => [i.kind, i.title])).toEqual([
      ['gateBlocked', 'First'],
      ['gateBlocked', 'Second'],
      ['stabilityHold', ''],
    ]);
    expect(items[0]!.link).toEqual({ type: 'gate', id: 'g1' });
    expect(items[2]!.days).toBe(2);
  });

  it('lists gate status changes, decisions and flipped criteria in the window only, the boundary included', () => {
    const h = empty();
    h.gates = [{ id: 'g1', title: 'Docs ready', status: 'AT_RISK', updatedAt: NOW, deletedAt: null, position: 0, phase }];
    h.gateChanges = [
      { id: 'c0', gateId: 'g1', fromStatus: 'PENDING', toStatus: 'ON_TRACK', decision: null, reason: '', at: at('2026-03-05T15:59:59Z'), byName: 'Pat' },
      { id: 'c1', gateId: 'g1', fromStatus: 'ON_TRACK', toStatus: 'AT_RISK', decision: null, reason: 'Slow', at: LAST_CLOSE, byName: 'Pat' },
      { id: 'c2', gateId: 'g1', fromStatus: 'AT_RISK', toStatus: 'PASSED', decision: 'GO', reason: 'All green', at: at('2026-03-10T09:00:00Z'), byName: 'Lee' },
    ];
    h.criterionFlips = [
      { criterionId: 'k1', title: '6 events have data', gateId: 'g1', deliverableId: null, phaseKey: 'B', met: true, at: at('2026-03-09T00:00:00Z'), byName: 'Ada' },
      { criterionId: 'k2', title: 'Too late', gateId: 'g1', deliverableId: null, phaseKey: 'B', met: true, at: NOW, byName: 'Ada' },
    ];
    const items = section(h, 'gates');
    expect(items.map((i) => [i.kind, i.from ?? null, i.to, i.date])).toEqual([
      ['gateStatus', 'ON_TRACK', 'AT_RISK', '2026-03-05'],
      ['gateDecision', 'AT_RISK', 'GO', '2026-03-10'],
      ['criterionFlip', null, 'MET', '2026-03-09'],
    ]);
    expect(items[2]).toMatchObject({ link: { type: 'gate', id: 'g1' }, detail: 'Docs ready' });
  });

  it('lists deliverables completed in the window and those slipped past their due date', () => {
    const h = empty();
    const base = { ownerName: 'Pat', phaseKey: 'B', updatedAt: NOW };
    h.deliverables = [
      { ...base, id: 'd1', title: 'Done now', status: 'DONE', dueDate: '2026-03-20', completedAt: at('2026-03-06T10:00:00Z') },
      { ...base, id: 'd2', title: 'Done before', status: 'DONE', dueDate: '2026-03-01', completedAt: at('2026-03-01T10:00:00Z') },
      { ...base, id: 'd3', title: 'Late', status: 'IN_PROGRESS', dueDate: '2026-03-09', completedAt: null },
      { ...base, id: 'd4', title: 'Due today', status: 'NOT_STARTED', dueDate: TODAY, completedAt: null },
      { ...base, id: 'd5', title: 'Dropped', status: 'DROPPED', dueDate: '2026-03-01', completedAt: null },
    ];
    const items = section(h, 'deliverables');
    expect(items.map((i) => [i.kind, i.title])).toEqual([
      ['deliverableDone', 'Done now'],
      ['deliverableSlipped', 'Late'],
    ]);
    expect(items[1]).toMatchObject({ days: 3, link: { type: 'deliverable', id: 'd3', phaseKey: 'B' } });
  });

  it('lists stage moves, losses, new PoCs and overdue next steps, not creations', () => {
    const h = empty();
    const t = { company: 'Acme', byName: 'Sam', reason: null, at: at('2026-03-06T10:00:00Z') };
    h.stageTransitions = [
      { ...t, partnerId: 'p1', fromStage: null, toStage: 'LEAD' },
      { ...t, partnerId: 'p1', fromStage: 'LEAD', toStage: 'POC' },
      { ...t, partnerId: 'p2', company: 'Beta', fromStage: 'QUALIFIED', toStage: 'LOST', reason: 'Budget' },
    ];
    h.pocChanges = [
      { partnerId: 'p1', company: 'Acme', fromStatus: null, toStatus: 'PLANNED', at: at('2026-03-06T11:00:00Z'), byName: 'Sam' },
      { partnerId: 'p1', company: 'Acme', fromStatus: 'PLANNED', toStatus: 'RUNNING', at: at('2026-03-07T11:00:00Z'), byName: 'Sam' },
    ];
    h.partners = [
      { id: 'p3', company: 'Gamma', stage: 'QUALIFIED', nextStep: 'Send deck', nextStepDue: '2026-03-11', ownerName: 'Sam' },
      { id: 'p4', company: 'Delta', stage: 'LOST', nextStep: 'Nothing', nextStepDue: '2026-03-01', ownerName: 'Sam' },
      { id: 'p5', company: 'Eps', stage: 'LEAD', nextStep: 'Call', nextStepDue: TODAY, ownerName: 'Sam' },
    ];
    expect(section(h, 'pipeline').map((i) => [i.kind, i.title, i.to])).toEqual([
      ['partnerStage', 'Acme', 'POC'],
      ['partnerLost', 'Beta', 'LOST'],
      ['pocNew', 'Acme', 'PLANNED'],
      ['pocStatus', 'Acme', 'RUNNING'],
      ['nextStepOverdue', 'Gamma', undefined],
    ]);
  });

  it('lists broken and new evidence in the window, linking to the library search', () => {
    const h = empty();
    h.evidenceCreated = [
      { id: 'e1', title: 'Release notes', kind: 'DOC', createdAt: at('2026-03-06T10:00:00Z'), addedByName: 'Pat' },
      { id: 'e0', title: 'Old', kind: 'DOC', createdAt: at('2026-03-01T10:00:00Z'), addedByName: 'Pat' },
    ];
    h.evidenceBroke = [{ id: 'e2', title: 'Status page', at: at('2026-03-07T10:00:00Z'), httpStatus: 404, checkError: null }];
    expect(section(h, 'evidence')).toMatchObject([
      { kind: 'evidenceBroken', title: 'Status page', detail: 'HTTP 404', link: { type: 'evidence', id: 'e2', q: 'Status page' } },
      { kind: 'evidenceNew', title: 'Release notes', by: 'Pat' },
    ]);
  });

  it('compares the newest KPI value of the window weeks with its target and direction', () => {
    const h = empty();
    h.metrics = [
      { id: 'm1', name: 'Signups', unit: '', target: 100, direction: 'UP', values: [{ weekStart: '2026-02-23', value: 80 }, { weekStart: '2026-03-09', value: 120 }] },
      { id: 'm2', name: 'P95 latency', unit: 'ms', target: 200, direction: 'DOWN', values: [{ weekStart: '2026-03-02', value: 250 }] },
      { id: 'm3', name: 'No data', unit: '', target: 1, direction: 'UP', values: [{ weekStart: '2026-02-16', value: 5 }] },
      { id: 'm4', name: 'No target', unit: '', target: null, direction: 'UP', values: [{ weekStart: '2026-03-09', value: 5 }] },
    ];
    expect(section(h, 'kpis').map((i) => [i.title, i.value, i.target, i.meets, i.from])).toEqual([
      ['Signups', 120, 100, true, '80'],
      ['P95 latency', 250, 200, false, null],
      ['No target', 5, null, null, null],
    ]);
  });

  it('carries over open action items from earlier reviews, overdue first', () => {
    const h = empty();
    h.openActionItems = [
      { id: 'a1', title: 'Undated', ownerName: 'Pat', dueDate: null, reviewWeek: '2026-03-02' },
      { id: 'a2', title: 'Later', ownerName: 'Pat', dueDate: '2026-03-20', reviewWeek: '2026-03-02' },
      { id: 'a3', title: 'Overdue', ownerName: 'Lee', dueDate: '2026-03-04', reviewWeek: '2026-02-23' },
    ];
    const items = section(h, 'actions');
    expect(items.map((i) => [i.title, i.overdue])).toEqual([
      ['Overdue', true],
      ['Later', false],
      ['Undated', false],
    ]);
    expect(items[0]!.link).toEqual({ type: 'actionItem', id: 'a3', reviewWeek: '2026-02-23' });
  });

  it('lists gates and deliverables not done and untouched for 14 days', () => {
    const h = empty();
    h.gates = [
      { id: 'g1', title: 'Old gate', status: 'ON_TRACK', updatedAt: at('2026-02-26T10:00:00Z'), deletedAt: null, position: 0, phase },
      { id: 'g2', title: 'Passed', status: 'PASSED', updatedAt: at('2026-01-01T10:00:00Z'), deletedAt: null, position: 1, phase },
      { id: 'g3', title: '13 days', status: 'ON_TRACK', updatedAt: at('2026-02-27T10:00:00Z'), deletedAt: null, position: 2, phase },
    ];
    h.deliverables = [
      { id: 'd1', title: 'Old deliverable', status: 'IN_PROGRESS', dueDate: null, completedAt: null, updatedAt: at('2026-02-01T10:00:00Z'), ownerName: '', phaseKey: 'B' },
      { id: 'd2', title: 'Done long ago', status: 'DONE', dueDate: null, completedAt: at('2026-02-01T10:00:00Z'), updatedAt: at('2026-02-01T10:00:00Z'), ownerName: '', phaseKey: 'B' },
    ];
    expect(section(h, 'stale').map((i) => [i.kind, i.title, i.days])).toEqual([
      ['staleGate', 'Old gate', 14],
      ['staleDeliverable', 'Old deliverable', 39],
    ]);
  });

  it('shows at most the cap of each kind per section, in order, and counts the rest', () => {
    const h = empty();
    h.partners = Array.from({ length: AGENDA_ITEMS_PER_KIND + 12 }, (_, i) => ({
      id: `p${i}`,
      company: `Partner ${String(i).padStart(2, '0')}`,
      stage: 'POC',
      nextStep: 'Call',
      nextStepDue: addDaysIso('2026-02-01', i),
      ownerName: 'Sam',
    }));
    h.stageTransitions = [{ partnerId: 'p0', company: 'Partner 00', fromStage: 'QUALIFIED', toStage: 'POC', reason: null, at: at('2026-03-06T10:00:00Z'), byName: 'Sam' }];
    const pipeline = buildAgenda(h, window).find((s) => s.key === 'pipeline')!;
    expect(pipeline.items.filter((i) => i.kind === 'nextStepOverdue')).toHaveLength(AGENDA_ITEMS_PER_KIND);
    // The most overdue are the ones kept; a kind under the cap is shown whole.
    expect(pipeline.items[1]!.title).toBe('Partner 00');
    expect(pipeline.items.filter((i) => i.kind === 'partnerStage')).toHaveLength(1);
    expect(pipeline.more).toEqual([{ kind: 'nextStepOverdue', count: 12 }]);
    expect(buildAgenda(empty(), window).every((s) => s.more.length === 0)).toBe(true);
  });
});

describe('capSection', () => {
  const item = (kind: AgendaItem['kind'], title: string): AgendaItem => ({ kind, title, link: null });
  it('caps each kind separately and keeps the order', () => {
    const items = [item('evidenceBroken', 'b1'), item('evidenceBroken', 'b2'), item('evidenceBroken', 'b3'), item('evidenceNew', 'n1'), item('evidenceNew', 'n2')];
    expect(capSection(items, 2)).toEqual({
      items: [items[0], items[1], items[3], items[4]],
      more: [{ kind: 'evidenceBroken', count: 1 }],
    });
    expect(capSection(items, 5)).toEqual({ items, more: [] });
    expect(capSection([], 2)).toEqual({ items: [], more: [] });
  });
});
