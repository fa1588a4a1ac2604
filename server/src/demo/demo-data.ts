// Demo mode's sample data (DEMO=true): fixtures written through the same services as real use, into a
// throw-away database. Not a domain module: nothing but main.ts (and its tests) calls it.
import type { Auth } from '../auth/auth.js';
import type { Db } from '../db/database.js';
import { addDays, daysBetween, fromIsoDate, weekStartOf, type IsoDate } from '../lib/dates.js';
import { systemActor } from '../modules/audit/audit.service.js';
import { reevaluateCriteria } from '../modules/criteria/criteria.service.js';
import { addActionItem, addDecision, closeReview, saveNote, setActionItemStatus } from '../modules/reviews/reviews.service.js';
import type { Role } from '../modules/users/users.schema.js';
import { readLaunchPlan, seedIfEmpty } from '../modules/seed/seed.service.js';
import { demoAccounts } from './demo-accounts.js';
import { companyKey } from '../modules/partners/partners-import.rules.js';

/**
 * Demo data: the launch plan shifted so that today falls inside phase B (about day 45), with phase A
 * done and its gates passed, phase B under way, and one user per role.
 */
export async function seedDemo(db: Db, auth: Auth, today: IsoDate) {
  const plan = await readLaunchPlan();
  const phaseB = plan.phases.find((p) => p.key === 'B')!;
  // Demo plans start on a Monday, like the real one.
  const startDate = weekStartOf(addDays(today, -(phaseB.startDay + 14)));
  const { seeded } = await seedIfEmpty(db, { ...plan, startDate });
  if (!seeded) return { seeded: false };

  for (const account of demoAccounts) {
    await auth.api.createUser({ body: { name: account.name, email: account.email, password: account.password, role: account.role as 'admin' } });
  }

  const day = daysBetween(startDate, today);
  const phases = await db.phase.findMany({ select: { id: true, key: true } });
  const idOf = (key: string) => phases.find((p) => p.key === key)!.id;
  await db.$transaction(async (tx) => {
    // Phase A: finished, one website item slipped into phase B, gates passed.
    const aItems = await tx.deliverable.findMany({ where: { phaseId: idOf('A') }, orderBy: { position: 'asc' }, select: { id: true, dueDate: true } });
    for (const [i, item] of aItems.entries()) {
      const late = i === 13; // "Site-wide CTA tracking and funnel verification"
      await tx.deliverable.update({
        where: { id: item.id },
        data: late ? { status: 'IN_PROGRESS' } : { status: 'DONE', completedAt: item.dueDate ?? fromIsoDate(startDate) },
      });
    }
    await tx.gate.updateMany({ where: { phaseId: idOf('A') }, data: { status: 'PASSED' } });
    // Phase B: under way.
    const bItems = await tx.deliverable.findMany({ where: { phaseId: idOf('B') }, orderBy: { position: 'asc' }, select: { id: true } });
    const bStatuses = ['DONE', 'IN_PROGRESS', 'IN_PROGRESS', 'NOT_STARTED'] as const;
    for (const [i, item] of bItems.entries()) {
      const status = bStatuses[i] ?? 'NOT_STARTED';
      await tx.deliverable.update({ where: { id: item.id }, data: { status, completedAt: status === 'DONE' ? fromIsoDate(addDays(startDate, day - 3)) : null } });
    }
    const bGates = await tx.gate.findMany({ where: { phaseId: idOf('B') }, orderBy: { position: 'asc' }, select: { id: true } });
    const gateStatuses = ['AT_RISK', 'ON_TRACK', 'ON_TRACK'] as const;
    for (const [i, gate] of bGates.entries()) await tx.gate.update({ where: { id: gate.id }, data: { status: gateStatuses[i] ?? 'PENDING' } });
  });
  await seedDemoPartners(db, today);
  await seedDemoEvidence(db, today);
  await seedDemoClaims(db, today);
  await seedDemoMetrics(db, today);
  await seedDemoReview(db, today);
  // Everything above was written directly: evaluate every criterion once against it.
  await db.$transaction((tx) => reevaluateCriteria(tx, systemActor('demo-seed'), today));
  return { seeded: true };
}

type EvidenceKindName = 'RELEASE_EVIDENCE' | 'GATE_RUN' | 'ARTIFACT' | 'REPORT' | 'CUSTOMER_EVIDENCE' | 'DOC' | 'WEB_PAGE';
interface DemoEvidence {
  gate: string;
  title: string;
  url: string;
  kind: EvidenceKindName;
  daysAgo: number;
  result?: 'PASSED' | 'FAILED';
  broken?: number;
  /** Tick this gate's manual criterion with it. */
  ticks?: boolean;
}

// Links as the link checker would have found them (demo mode does not check: the addresses are made up).
const demoEvidence: DemoEvidence[] = [
  { gate: 'Key website pages reachable (usable on mobile)', title: 'Home page', url: 'https://aionis.example/', kind: 'WEB_PAGE', daysAgo: 50 },
  { gate: 'Key website pages reachable (usable on mobile)', title: 'Pricing page', url: 'https://aionis.example/pricing', kind: 'WEB_PAGE', daysAgo: 50 },
  { gate: 'Key website pages reachable (usable on mobile)', title: 'Phone screenshots of the key pages', url: 'https://drive.example/aionis/mobile-check', kind: 'REPORT', daysAgo: 49, ticks: true },
  { gate: 'Docs links all green', title: 'Docs site', url: 'https://docs.aionis.example/', kind: 'DOC', daysAgo: 48 },
  { gate: 'Docs links all green', title: 'Quickstart (3 minutes)', url: 'https://docs.aionis.example/quickstart', kind: 'DOC', daysAgo: 48 },
  { gate: 'Key CTA events have real data', title: 'Analytics dashboard: CTA events', url: 'https://analytics.example/aionis/cta', kind: 'REPORT', daysAgo: 47 },
  { gate: 'Production gates pass consistently', title: 'Gate run #41', url: 'https://ci.example/aionis/gate/41', kind: 'GATE_RUN', daysAgo: 9, result: 'PASSED' },
  { gate: 'Production gates pass consistently', title: 'Gate run #42', url: 'https://ci.example/aionis/gate/42', kind: 'GATE_RUN', daysAgo: 6, result: 'FAILED' },
  { gate: 'Production gates pass consistently', title: 'Gate run #43', url: 'https://ci.example/aionis/gate/43', kind: 'GATE_RUN', daysAgo: 4, result: 'PASSED' },
  { gate: 'Production gates pass consistently', title: 'Gate run #44', url: 'https://ci.example/aionis/gate/44', kind: 'GATE_RUN', daysAgo: 1, result: 'PASSED' },
  { gate: 'Hosted funnel trackable (lead → PoC → paid)', title: 'Funnel report (old address)', url: 'https://analytics.example/aionis/funnel-v1', kind: 'REPORT', daysAgo: 20, broken: 404 },
];

/** Evidence on the gates, phase A's Go decisions and a ticked manual check, so gates read as they would in use. */
async function seedDemoEvidence(db: Db, today: IsoDate) {
  const gates = await db.gate.findMany({ where: { phase: { plan: { isCurrent: true } } }, select: { id: true, title: true, status: true, phase: { select: { key: true } } } });
  const lead = demoAccounts.find((a) => a.role === 'leadership')!;
  const pm = demoAccounts.find((a) => a.role === 'pm')!;
  const at = (daysAgo: number) => new Date(`${addDays(today, -daysAgo)}T10:00:00Z`);
  await db.$transaction(async (tx) => {
    for (const e of demoEvidence) {
      const gate = gates.find((g) => g.title === e.gate);
      if (!gate) continue;
      const evidence = await tx.evidence.create({
        data: {
          title: e.title,
          url: e.url,
          kind: e.kind,
          capturedOn: fromIsoDate(addDays(today, -e.daysAgo)),
          result: e.result ?? null,
          addedByName: pm.name,
          health: e.broken ? 'BROKEN' : 'HEALTHY',
          httpStatus: e.broken ?? 200,
          finalUrl: e.url,
          checkedAt: at(0),
          brokenSince: e.broken ? at(2) : null,
          createdAt: at(e.daysAgo),
        },
      });
      await tx.evidenceLink.create({ data: { evidenceId: evidence.id, targetType: 'gate', targetId: gate.id, byName: pm.name, createdAt: at(e.daysAgo) } });
      if (e.ticks) {
        const manual = await tx.criterion.findFirst({ where: { gateId: gate.id, kind: 'MANUAL' }, select: { id: true } });
        if (manual) {
          await tx.evidenceLink.create({ data: { evidenceId: evidence.id, targetType: 'criterion', targetId: manual.id, byName: pm.name } });
          await tx.criterion.update({ where: { id: manual.id }, data: { checked: true, checkedByName: pm.name, checkedAt: at(e.daysAgo) } });
        }
      }
    }
    // Phase A's gates were decided at its end: a Go each, with the reason on record.
    for (const gate of gates.filter((g) => g.phase.key === 'A' && g.status === 'PASSED')) {
      await tx.gateStatusChange.create({
        data: { gateId: gate.id, fromStatus: 'ON_TRACK', toStatus: 'PASSED', decision: 'GO', reason: 'Criteria met and evidence checked at the phase A exit review.', suggested: 'ON_TRACK', byName: lead.name, at: at(44) },
      });
    }
  });
}

type Stage = 'LEAD' | 'QUALIFIED' | 'POC' | 'PAID_TRIAL' | 'PAID' | 'LOST';

interface DemoPartner {
  company: string;
  segment: 'AI_INFRA' | 'AGENT_PLATFORM' | 'ENTERPRISE_COPILOT' | 'OTHER';
  package: 'OSS' | 'CLOUD_BUILDER' | 'CLOUD_TEAM' | 'ENTERPRISE' | 'PLATFORM_DESIGN_PARTNER';
  track: 'HOSTED' | 'PLATFORM';
  owner: 'sales' | 'leadership';
  expectedValue: number;
  tags: string[];
  contact: { name: string; role: string; email: string };
  /** [days before today, stage, reason] from creation on. */
  history: [number, Stage, string?][];
  nextStep?: [string, number];
  poc?: { status: 'PLANNED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED'; startedDaysAgo: number; lengthDays: number; criteria: [string, boolean][] };
}

// A small pipeline with some history: stage skips, a move back, losses, PoCs in flight.
const demoPartners: DemoPartner[] = [
  { company: 'Northwind Inference', segment: 'AI_INFRA', package: 'CLOUD_TEAM', track: 'HOSTED', owner: 'sales', expectedValue: 48_000, tags: ['gpu', 'warm'],
    contact: { name: 'Nora Quist', role: 'VP Engineering', email: 'nora@northwind.example' },
    history: [[70, 'LEAD'], [58, 'QUALIFIED'], [40, 'POC'], [6, 'PAID_TRIAL']], nextStep: ['Trial check-in call', 3],
    poc: { status: 'SUCCEEDED', startedDaysAgo: 38, lengthDays: 30, criteria: [['p95 latency under 200 ms', true], ['SSO with Okta', true]] } },
  { company: 'Helix Agents', segment: 'AGENT_PLATFORM', package: 'PLATFORM_DESIGN_PARTNER', track: 'PLATFORM', owner: 'leadership', expectedValue: 120_000, tags: ['platform', 'strategic'],
    contact: { name: 'Omar Haddad', role: 'CTO', email: 'omar@helix.example' },
    history: [[55, 'LEAD'], [50, 'POC']], nextStep: ['Review PoC success criteria', -2],
    poc: { status: 'RUNNING', startedDaysAgo: 20, lengthDays: 45, criteria: [['Embed the console in their portal', false], ['Tenant isolation review', true]] } },
  { company: 'Copilot Works', segment: 'ENTERPRISE_COPILOT', package: 'ENTERPRISE', track: 'HOSTED', owner: 'sales', expectedValue: 90_000, tags: ['enterprise'],
    contact: { name: 'Grace Lin', role: 'Head of AI', email: 'grace@copilotworks.example' },
    history: [[45, 'LEAD'], [30, 'QUALIFIED'], [18, 'POC'], [9, 'QUALIFIED', 'Security review reset the PoC scope']], nextStep: ['Send security questionnaire', 5] },
  { company: 'Tiny Tensor', segment: 'AI_INFRA', package: 'OSS', track: 'HOSTED', owner: 'sales', expectedValue: 0, tags: ['oss'],
    contact: { name: 'Ben Ortiz', role: 'Founder', email: 'ben@tinytensor.example' },
    history: [[40, 'LEAD'], [25, 'LOST', 'No budget this year']] },
  { company: 'Relay Robotics', segment: 'OTHER', package: 'CLOUD_BUILDER', track: 'HOSTED', owner: 'leadership', expectedValue: 12_000, tags: ['inbound'],
    contact: { name: 'Ivy Chen', role: 'Engineering Manager', email: 'ivy@relay.example' },
    history: [[12, 'LEAD']], nextStep: ['Discovery call', 2] },
  { company: 'Orbit Agents', segment: 'AGENT_PLATFORM', package: 'PLATFORM_DESIGN_PARTNER', track: 'PLATFORM', owner: 'leadership', expectedValue: 80_000, tags: ['platform'],
    contact: { name: 'Sven Berg', role: 'CPO', email: 'sven@orbit.example' },
    history: [[60, 'QUALIFIED'], [35, 'POC'], [15, 'LOST', 'Chose to build in-house']],
    poc: { status: 'FAILED', startedDaysAgo: 33, lengthDays: 21, criteria: [['Multi-region deploy', false]] } },
];

/** Demo partners with backdated stage history, so the board, timeline and funnel have something to show. */
async function seedDemoPartners(db: Db, today: IsoDate) {
  const owners = await db.user.findMany({ where: { email: { in: demoAccounts.map((a) => a.email) } }, select: { id: true, name: true, role: true } });
  const ownerOf = (role: 'sales' | 'leadership') => owners.find((u) => u.role === role)!;
  const at = (daysAgo: number) => new Date(fromIsoDate(addDays(today, -daysAgo)).getTime() + 10 * 3_600_000);
  await db.$transaction(async (tx) => {
    for (const p of demoPartners) {
      const owner = ownerOf(p.owner);
      const stage = p.history.at(-1)![1];
      const created = await tx.partner.create({
        data: {
          company: p.company,
          companyKey: companyKey(p.company),
          website: `https://${p.contact.email.split('@')[1]}`,
          segment: p.segment,
          package: p.package,
          track: p.track,
          ownerId: owner.id,
          stage,
          expectedValue: p.expectedValue,
          tags: p.tags,
          nextStep: p.nextStep?.[0] ?? '',
          nextStepDue: p.nextStep ? fromIsoDate(addDays(today, p.nextStep[1])) : null,
          createdAt: at(p.history[0]![0]),
          contacts: { create: [{ ...p.contact, position: 0 }] },
          transitions: {
            create: p.history.map(([daysAgo, to, reason], i) => ({
              fromStage: i === 0 ? null : p.history[i - 1]![1],
              toStage: to,
              at: at(daysAgo),
              byUserId: owner.id,
              byName: owner.name,
              reason: reason ?? null,
            })),
          },
          activities: {
            create: [{ kind: 'CALL', occurredOn: fromIsoDate(addDays(today, -p.history[0]![0])), text: `First call with ${p.contact.name}.`, authorId: owner.id, authorName: owner.name }],
          },
        },
        select: { id: true },
      });
      if (p.poc) {
        const start = addDays(today, -p.poc.startedDaysAgo);
        await tx.poc.create({
          data: {
            partnerId: created.id,
            startDate: fromIsoDate(start),
            targetEndDate: fromIsoDate(addDays(start, p.poc.lengthDays)),
            status: p.poc.status,
            criteria: { create: p.poc.criteria.map(([text, met], position) => ({ text, met, position })) },
          },
        });
        // Planned three days before the start, running from the start, decided at the end (or yesterday).
        const { startedDaysAgo, lengthDays } = p.poc;
        const changes: [(typeof p.poc)['status'], number][] = [['PLANNED', startedDaysAgo + 3], ['RUNNING', startedDaysAgo]];
        if (p.poc.status !== 'RUNNING' && p.poc.status !== 'PLANNED') changes.push([p.poc.status, Math.max(startedDaysAgo - lengthDays, 1)]);
        await tx.pocStatusChange.createMany({
          data: changes.map(([to, daysAgo], i) => ({
            partnerId: created.id,
            fromStatus: i === 0 ? null : changes[i - 1]![0],
            toStatus: to,
            at: at(daysAgo),
            byUserId: owner.id,
            byName: owner.name,
          })),
        });
      }
    }
  });
}

/** Ten weeks of the §5.4 website KPIs, rising with some wobble, and demo targets: [key, first, last, target]. */
const demoMetricCurves: [string, number, number, number][] = [
  ['cta_start_oss_click', 180, 430, 400],
  ['cta_start_cloud_click', 40, 105, 120],
  ['cta_talk_to_sales_click', 8, 23, 20],
  ['quickstart_complete', 60, 150, 150],
  ['contact_submit', 5, 14, 15],
  ['oss_to_cloud_intent', 20, 52, 60],
];
export const DEMO_METRIC_WEEKS = 10;

/**
 * Weekly values for the ten weeks before the current one (left empty, to be entered), so the charts
 * have a trend: older weeks as if imported from CSV, the last three as if pushed by the tracking job.
 */
async function seedDemoMetrics(db: Db, today: IsoDate) {
  const metrics = await db.metric.findMany({ where: { key: { in: demoMetricCurves.map(([key]) => key) } }, select: { id: true, key: true } });
  const currentWeek = weekStartOf(today);
  await db.$transaction(async (tx) => {
    for (const [n, [key, first, last, target]] of demoMetricCurves.entries()) {
      const metric = metrics.find((m) => m.key === key);
      if (!metric) continue;
      await tx.metric.update({ where: { id: metric.id }, data: { target } });
      await tx.metricValue.createMany({
        data: Array.from({ length: DEMO_METRIC_WEEKS }, (_, i) => {
          const trend = first + ((last - first) * i) / (DEMO_METRIC_WEEKS - 1);
          const wobble = Math.sin(i * 1.7 + n) * 0.08 * last;
          return {
            metricId: metric.id,
            weekStart: fromIsoDate(addDays(currentWeek, -7 * (DEMO_METRIC_WEEKS - i))),
            value: Math.max(0, Math.round(trend + wobble)),
            source: i >= DEMO_METRIC_WEEKS - 3 ? ('API' as const) : ('CSV' as const),
            byName: i >= DEMO_METRIC_WEEKS - 3 ? 'API token Website tracking' : 'Pat PM',
          };
        }),
      });
    }
    await reevaluateCriteria(tx, systemActor('demo-seed'), today);
  });
}

interface DemoClaim {
  statement: string;
  channel: 'WEBSITE' | 'RELEASE_NOTE' | 'SALES_DECK' | 'DOCS';
  layer: 'OSS' | 'CLOUD' | 'PLATFORM';
  boundary: string;
  status: 'DRAFT' | 'APPROVED' | 'PUBLISHED' | 'RETRACTED';
  by: 'sales' | 'pm';
  /** Days before today it was written; approval, publishing and retraction follow days apart. */
  daysAgo: number;
  retractedReason?: string;
  evidence: { title: string; url: string; kind: 'DOC' | 'REPORT' | 'WEB_PAGE' | 'CUSTOMER_EVIDENCE'; health: 'UNCHECKED' | 'HEALTHY' | 'BROKEN' }[];
}

// One claim in each state, and drafts that show what approval and publishing wait for.
const demoClaims: DemoClaim[] = [
  { statement: 'The Aionis core is open source under Apache-2.0.', channel: 'WEBSITE', layer: 'OSS', status: 'PUBLISHED', by: 'pm', daysAgo: 40,
    boundary: 'The open-source core repository only; Cloud and Platform features are under their own terms.',
    evidence: [{ title: 'LICENSE in the core repository', url: 'https://github.com/aionis/aionis/blob/main/LICENSE', kind: 'DOC', health: 'HEALTHY' }] },
  { statement: 'Aionis Cloud recalls memories in under 50 ms at p95.', channel: 'RELEASE_NOTE', layer: 'CLOUD', status: 'APPROVED', by: 'pm', daysAgo: 9,
    boundary: 'Measured on the Cloud Team tier, one region, 1M memories per tenant, warm cache; not a latency guarantee.',
    evidence: [{ title: 'Recall latency benchmark, March', url: 'https://docs.aionis.example/benchmarks/recall-latency', kind: 'REPORT', health: 'HEALTHY' }] },
  { statement: 'Platform tenants are isolated by design.', channel: 'SALES_DECK', layer: 'PLATFORM', status: 'DRAFT', by: 'sales', daysAgo: 3, boundary: '', evidence: [] },
  { statement: 'The quickstart gets you running in five minutes.', channel: 'DOCS', layer: 'OSS', status: 'DRAFT', by: 'pm', daysAgo: 5,
    boundary: 'With Docker installed and the default configuration; excludes model downloads.',
    evidence: [{ title: 'Quickstart walkthrough recording', url: 'https://docs.aionis.example/quickstart/recording', kind: 'WEB_PAGE', health: 'BROKEN' }] },
  { statement: 'Aionis Cloud is SOC 2 Type II certified.', channel: 'SALES_DECK', layer: 'CLOUD', status: 'RETRACTED', by: 'sales', daysAgo: 30,
    boundary: 'Cloud Team and Enterprise tiers.', retractedReason: 'The audit window has not closed yet; claimed too early.',
    evidence: [{ title: 'Auditor engagement letter', url: 'https://trust.aionis.example/soc2', kind: 'CUSTOMER_EVIDENCE', health: 'HEALTHY' }] },
];

const claimOrder = ['DRAFT', 'APPROVED', 'PUBLISHED', 'RETRACTED'] as const;

/** Demo claims with their evidence, so the register and the claim pages have something to show. */
async function seedDemoClaims(db: Db, today: IsoDate) {
  const users = await db.user.findMany({ where: { email: { in: demoAccounts.map((a) => a.email) } }, select: { id: true, name: true, role: true } });
  const userOf = (role: Role) => users.find((u) => u.role === role)!;
  const leadership = userOf('leadership');
  const at = (daysAgo: number) => new Date(fromIsoDate(addDays(today, -daysAgo)).getTime() + 11 * 3_600_000);
  await db.$transaction(async (tx) => {
    for (const c of demoClaims) {
      const author = userOf(c.by);
      const reached = (status: DemoClaim['status']) => claimOrder.indexOf(c.status) >= claimOrder.indexOf(status);
      const claim = await tx.claim.create({
        data: {
          statement: c.statement,
          channel: c.channel,
          layer: c.layer,
          boundary: c.boundary,
          status: c.status,
          createdById: author.id,
          createdByName: author.name,
          createdAt: at(c.daysAgo),
          ...(reached('APPROVED') && { approvedByName: leadership.name, approvedAt: at(c.daysAgo - 2) }),
          ...(reached('PUBLISHED') && { publishedAt: at(c.daysAgo - 3) }),
          ...(c.retractedReason && { retractedAt: at(c.daysAgo - 10), retractedReason: c.retractedReason }),
        },
        select: { id: true },
      });
      for (const e of c.evidence) {
        await tx.evidence.create({
          data: {
            title: e.title,
            url: e.url,
            kind: e.kind,
            capturedOn: fromIsoDate(addDays(today, -c.daysAgo)),
            addedById: author.id,
            addedByName: author.name,
            health: e.health,
            checkedAt: e.health === 'UNCHECKED' ? null : at(1),
            brokenSince: e.health === 'BROKEN' ? at(2) : null,
            links: { create: { targetType: 'claim', targetId: claim.id, byName: author.name } },
          },
        });
      }
    }
  });
}

/**
 * Last week's review, closed on its Thursday: attendees, a note, a decision and two action items (one
 * done, one still open), so this week's review shows an item carried over.
 */
async function seedDemoReview(db: Db, today: IsoDate) {
  const people = await db.user.findMany({ where: { email: { in: demoAccounts.map((a) => a.email) } }, select: { id: true, name: true, role: true } });
  const person = (role: Role) => people.find((u) => u.role === role)!;
  const lead = person('leadership');
  const actor = { userId: lead.id, name: lead.name, role: 'leadership' as const, requestId: 'demo-seed' };
  const weekStart = addDays(weekStartOf(today), -7);
  const review = await db.weeklyReview.create({
    data: {
      weekStart: fromIsoDate(weekStart),
      attendees: {
        create: [
          { userId: person('pm').id, group: 'PRODUCT' },
          { userId: person('admin').id, group: 'ENGINEERING' },
          { userId: person('sales').id, group: 'GTM' },
          { userId: lead.id, group: 'GTM' },
        ],
      },
    },
    select: { id: true, version: true },
  });
  const gate = await db.gate.findFirst({ where: { phase: { key: 'B', plan: { isCurrent: true } }, status: 'AT_RISK' }, select: { id: true } });
  const partner = await db.partner.findFirst({ where: { company: 'Helix Agents' }, select: { id: true } });
  await saveNote(db, actor, { reviewId: review.id, section: 'gates', markdown: 'The at-risk gate needs **two more green runs** before we talk about it publicly.', version: null });
  await addDecision(db, actor, {
    reviewId: review.id,
    text: 'Keep the launch post on hold until the at-risk gate is back on track.',
    decidedByName: lead.name,
    targetType: gate ? 'gate' : null,
    targetId: gate?.id ?? null,
  });
  const done = await addActionItem(db, actor, {
    reviewId: review.id,
    title: 'Share the PoC success criteria with Helix Agents',
    ownerId: person('sales').id,
    dueDate: addDays(weekStart, 4),
    targetType: partner ? 'partner' : null,
    targetId: partner?.id ?? null,
  });
  await addActionItem(db, actor, {
    reviewId: review.id,
    title: 'Add a gate-run report for the at-risk gate',
    ownerId: person('pm').id,
    dueDate: addDays(weekStart, 9),
    targetType: gate ? 'gate' : null,
    targetId: gate?.id ?? null,
  });
  await setActionItemStatus(db, actor, { id: done.id, version: done.version, status: 'DONE', reviewId: review.id });
  const closingDay = addDays(weekStart, 3);
  await closeReview(db, actor, { id: review.id, version: review.version }, closingDay, new Date(fromIsoDate(closingDay).getTime() + 16 * 3_600_000));
}
