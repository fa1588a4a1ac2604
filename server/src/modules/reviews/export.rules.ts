// A review as Markdown, for docs and chat: the whole review in the agenda's order, in English.
import type { AgendaItem, AgendaSectionView } from './agenda.rules.js';
import type { PhaseState } from './reviews.rules.js';
import type { ActionItemStatus, AgendaSection, ReviewGroup, ReviewStatus } from './reviews.schema.js';

export interface ExportableReview {
  weekStart: string;
  status: ReviewStatus;
  closedAt: string | null;
  closedByName: string | null;
  window: { from: string; to: string };
  attendees: { name: string; group: ReviewGroup }[];
  agenda: AgendaSectionView[];
  phases: PhaseState[];
  notes: { section: string; markdown: string }[];
  decisions: { text: string; decidedByName: string; target: { label: string } | null }[];
  actionItems: { title: string; ownerName: string; dueDate: string | null; status: ActionItemStatus; target: { label: string } | null }[];
}

export const sectionTitles: Record<AgendaSection, string> = {
  stability: 'Blocked gates and stability first',
  gates: 'Gate status changes, decisions and criteria',
  deliverables: 'Deliverables completed and slipped',
  pipeline: 'Design partners',
  evidence: 'Evidence',
  kpis: 'KPIs against targets',
  actions: 'Open action items carried over',
  stale: 'Stale items (no update in 14 days)',
};

const groupTitles: Record<ReviewGroup, string> = { PRODUCT: 'Product', ENGINEERING: 'Engineering', GTM: 'GTM' };

const pretty = (code: string | null | undefined) => (code ? code.toLowerCase().replace(/_/g, ' ') : '');
/** Keeps a record's text from breaking the list it sits in. */
const inline = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();
const suffix = (parts: (string | null | undefined | false)[]) => {
  const kept = parts.filter(Boolean);
  return kept.length ? ` (${kept.join(', ')})` : '';
};

export function agendaLine(item: AgendaItem): string {
  const t = inline(item.title);
  const by = item.by ? `by ${item.by}` : null;
  switch (item.kind) {
    case 'gateBlocked':
      return `Gate **${t}** is blocked${suffix([item.detail && `phase ${item.detail}`])}`;
    case 'stabilityHold':
      return `Stability first: new narrative is on hold while ${item.days} gate(s) are blocked`;
    case 'gateStatus':
      return `Gate **${t}**: ${pretty(item.from) || 'new'} → ${pretty(item.to)}${suffix([item.date, by, item.detail && inline(item.detail)])}`;
    case 'gateDecision':
      return `Gate **${t}**: decision ${pretty(item.to)}${suffix([item.date, by, item.detail && inline(item.detail)])}`;
    case 'criterionFlip':
      return `Criterion **${t}** is now ${item.to === 'MET' ? 'met' : 'unmet'}${suffix([item.detail && `gate ${inline(item.detail)}`, item.date])}`;
    case 'deliverableDone':
      return `Done: **${t}**${suffix([item.date, item.by])}`;
    case 'deliverableSlipped':
      return `Slipped: **${t}**, due ${item.date}, ${item.days} day(s) late${suffix([item.by])}`;
    case 'partnerStage':
      return `**${t}**: ${pretty(item.from)} → ${pretty(item.to)}${suffix([item.date, by])}`;
    case 'partnerLost':
      return `Lost **${t}** at ${pretty(item.from)}${suffix([item.date, item.detail && inline(item.detail)])}`;
    case 'pocNew':
      return `New PoC with **${t}** (${pretty(item.to)})${suffix([item.date])}`;
    case 'pocStatus':
      return `PoC with **${t}**: ${pretty(item.from)} → ${pretty(item.to)}${suffix([item.date])}`;
    case 'nextStepOverdue':
      return `Overdue next step for **${t}**: ${inline(item.detail ?? '')}${suffix([`due ${item.date}`, item.by])}`;
    case 'evidenceNew':
      return `New evidence **${t}**${suffix([pretty(item.detail), item.by])}`;
    case 'evidenceBroken':
      return `Broken evidence link **${t}**${suffix([item.detail, item.date])}`;
    case 'kpi': {
      const unit = item.detail ? ` ${item.detail}` : '';
      const target = item.target === null || item.target === undefined ? 'no target' : `target ${item.target}${unit}: ${item.meets ? 'met' : 'missed'}`;
      return `**${t}**: ${item.value}${unit} in the week of ${item.date}${item.from !== null && item.from !== undefined ? ` (was ${item.from})` : ''}, ${target}`;
    }
    case 'actionOpen':
      return `${item.overdue ? '**Overdue** ' : ''}${t} — ${item.by}${suffix([item.date && `due ${item.date}`, item.detail && `from the review of ${item.detail}`])}`;
    case 'staleGate':
      return `Gate **${t}** (${pretty(item.to)}) has not changed for ${item.days} days`;
    case 'staleDeliverable':
      return `Deliverable **${t}** (${pretty(item.to)}) has not changed for ${item.days} days`;
  }
}

export function exportMarkdown(r: ExportableReview): string {
  const out: string[] = [];
  out.push(`# Weekly review — week of ${r.weekStart}`, '');
  out.push(
    r.status === 'CLOSED'
      ? `Status: closed${r.closedAt ? ` on ${r.closedAt.slice(0, 10)}` : ''}${r.closedByName ? ` by ${r.closedByName}` : ''}`
      : 'Status: draft',
  );
  out.push(`Changes from ${r.window.from.slice(0, 16).replace('T', ' ')} to ${r.window.to.slice(0, 16).replace('T', ' ')} UTC`, '');
  out.push('## Attendees', '');
  if (r.attendees.length === 0) out.push('None recorded.');
  for (const group of ['PRODUCT', 'ENGINEERING', 'GTM'] as const) {
    const names = r.attendees.filter((a) => a.group === group).map((a) => a.name);
    if (names.length) out.push(`- ${groupTitles[group]}: ${names.join(', ')}`);
  }
  out.push('');
  r.agenda.forEach((section, i) => {
    out.push(`## ${i + 1}. ${sectionTitles[section.key]}`, '');
    if (section.items.length === 0) out.push('Nothing this week.');
    for (const item of section.items) out.push(`- ${agendaLine(item)}`);
    const more = section.more.reduce((n, m) => n + m.count, 0);
    if (more > 0) out.push(`- …and ${more} more (see the full lists in the app)`);
    const note = r.notes.find((n) => n.section === section.key)?.markdown.trim();
    if (note) out.push('', '**Notes**', '', note);
    out.push('');
  });
  out.push('## Decisions', '');
  if (r.decisions.length === 0) out.push('None.');
  for (const d of r.decisions) out.push(`- ${inline(d.text)} — decided by ${d.decidedByName}${d.target ? ` (re: ${inline(d.target.label)})` : ''}`);
  out.push('', '## Action items', '');
  if (r.actionItems.length === 0) out.push('None.');
  for (const a of r.actionItems) {
    out.push(`- [${a.status === 'DONE' ? 'x' : ' '}] ${inline(a.title)} — ${a.ownerName}${suffix([a.dueDate && `due ${a.dueDate}`, a.status !== 'OPEN' && pretty(a.status), a.target && `re: ${inline(a.target.label)}`])}`);
  }
  out.push('', '## Phases and gates', '');
  if (r.phases.length === 0) out.push('No current plan.');
  for (const p of r.phases) {
    out.push(`- **Phase ${p.key} — ${p.name}**: ${p.deliverablesDone}/${p.deliverablesTotal} deliverables done`);
    for (const g of p.gates) out.push(`  - ${g.title}: ${pretty(g.status)} (suggested ${pretty(g.suggested)}), criteria ${g.criteriaMet}/${g.criteriaTotal}`);
  }
  return `${out.join('\n').trimEnd()}\n`;
}
