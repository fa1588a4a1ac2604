// The monthly evidence report: the month's release evidence, artifacts, reports, gate runs, KPI values
// against their targets, claims published and retracted, and gate decisions. No people's names, notes or
// partners: it is written to be published.
import type { Actor } from '../../context.js';
import type { Db } from '../../db/database.js';
import { fromIsoDate, toIsoDate } from '../../lib/dates.js';
import { DomainError } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { gateRunStats, kpiMonth, monthRange, reportMarkdown, type GateRun, type MonthlyReport, type ReportEvidence } from './reports.rules.js';

export async function monthlyEvidenceReport(db: Db, month: string): Promise<MonthlyReport> {
  const { from, to } = monthRange(month);
  const inMonth = { gte: fromIsoDate(from), lt: fromIsoDate(to) };
  const [evidence, metrics, published, retracted, decisions] = await Promise.all([
    db.evidence.findMany({
      where: { archivedAt: null, capturedOn: inMonth, kind: { in: ['RELEASE_EVIDENCE', 'ARTIFACT', 'REPORT', 'GATE_RUN'] } },
      orderBy: [{ capturedOn: 'asc' }, { id: 'asc' }],
      select: { id: true, title: true, kind: true, capturedOn: true, url: true, health: true, result: true, links: { where: { targetType: 'gate' }, select: { targetId: true }, take: 1 } },
    }),
    db.metric.findMany({
      where: { archivedAt: null },
      orderBy: { position: 'asc' },
      select: { key: true, name: true, unit: true, direction: true, target: true, values: { where: { weekStart: inMonth }, select: { weekStart: true, value: true } } },
    }),
    db.claim.findMany({ where: { publishedAt: inMonth, archivedAt: null, status: { in: ['PUBLISHED', 'RETRACTED'] } }, orderBy: { publishedAt: 'asc' }, select: { statement: true, boundary: true, channel: true, layer: true, publishedAt: true } }),
    db.claim.findMany({ where: { retractedAt: inMonth, archivedAt: null }, orderBy: { retractedAt: 'asc' }, select: { statement: true, retractedReason: true, retractedAt: true } }),
    db.gateStatusChange.findMany({ where: { at: inMonth, decision: { not: null } }, orderBy: { at: 'asc' }, select: { decision: true, at: true, gate: { select: { title: true, phase: { select: { key: true } } } } } }),
  ]);
  const gateIds = [...new Set(evidence.flatMap((e) => e.links.map((l) => l.targetId)))];
  const gates = new Map((await db.gate.findMany({ where: { id: { in: gateIds } }, select: { id: true, title: true } })).map((g) => [g.id, g.title]));
  const item = (e: (typeof evidence)[number]): ReportEvidence => ({ title: e.title, kind: e.kind, capturedOn: toIsoDate(e.capturedOn), url: e.url, health: e.health });
  const gateRuns: GateRun[] = evidence
    .filter((e) => e.kind === 'GATE_RUN')
    .map((e) => ({ ...item(e), gateTitle: e.links[0] ? (gates.get(e.links[0].targetId) ?? null) : null, result: e.result }));
  return {
    month,
    releases: evidence.filter((e) => e.kind === 'RELEASE_EVIDENCE').map(item),
    artifacts: evidence.filter((e) => e.kind === 'ARTIFACT').map(item),
    reports: evidence.filter((e) => e.kind === 'REPORT').map(item),
    gateRuns,
    gateRunStats: gateRunStats(gateRuns),
    kpis: metrics.map((m) => kpiMonth({ key: m.key, name: m.name, unit: m.unit, direction: m.direction, target: m.target }, m.values.map((v) => ({ week: toIsoDate(v.weekStart), value: v.value })))),
    claimsPublished: published.map((c) => ({ statement: c.statement, boundary: c.boundary, channel: c.channel, layer: c.layer, at: c.publishedAt!.toISOString() })),
    claimsRetracted: retracted.map((c) => ({ statement: c.statement, reason: c.retractedReason ?? '', at: c.retractedAt!.toISOString() })),
    decisions: decisions.map((d) => ({ gateTitle: d.gate.title, phase: d.gate.phase.key, decision: d.decision!, at: d.at.toISOString() })),
  };
}

/** The report with its Markdown, and whether (and when) it was published. */
export async function monthlyReportView(db: Db, month: string, today: string) {
  if (month > today.slice(0, 7)) throw new DomainError('INVALID', 'That month has not started yet', [{ path: 'month', message: 'A month that has not started' }]);
  const [report, published] = await Promise.all([
    monthlyEvidenceReport(db, month),
    db.publishedReport.findUnique({ where: { month }, select: { publishedAt: true, publishedByName: true } }),
  ]);
  return { report, markdown: reportMarkdown(report), published: published ? { at: published.publishedAt.toISOString(), by: published.publishedByName } : null };
}

/** Freezes the month's report as it reads now, for the public evidence page; again: a correction. */
export async function publishMonthlyReport(db: Db, actor: Actor, month: string, today: string) {
  if (month >= today.slice(0, 7)) throw new DomainError('PRECONDITION_FAILED', 'Publish a month once it is over', [{ path: 'month', message: 'The month is not over yet' }]);
  const report = await monthlyEvidenceReport(db, month);
  const markdown = reportMarkdown(report);
  return db.$transaction(async (tx) => {
    const before = await tx.publishedReport.findUnique({ where: { month }, select: { publishedAt: true } });
    const row = { markdown, content: report as object, publishedAt: new Date(), publishedByName: actor.name };
    await tx.publishedReport.upsert({ where: { month }, create: { month, ...row }, update: row });
    await recordAudit(tx, actor, { action: before ? 'report.republish' : 'report.publish', entityType: 'setting', entityId: `monthly-report:${month}`, changes: { month } });
    return { month, publishedAt: row.publishedAt.toISOString() };
  });
}

/** Months published, newest first. */
export async function publishedReports(db: Db) {
  const rows = await db.publishedReport.findMany({ orderBy: { month: 'desc' }, select: { month: true, publishedAt: true } });
  return rows.map((r) => ({ month: r.month, publishedAt: r.publishedAt.toISOString() }));
}

export async function publishedReportMarkdown(db: Db, month: string): Promise<string | null> {
  return (await db.publishedReport.findUnique({ where: { month }, select: { markdown: true } }))?.markdown ?? null;
}
