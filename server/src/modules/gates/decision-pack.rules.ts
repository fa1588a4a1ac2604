// Decision packs (docs/decisions/042-decision-packs.md): what a gate decision rested on, frozen as
// canonical JSON text with its SHA-256, its Markdown form, and whether it still holds today.
import { createHash } from 'node:crypto';

export interface PackCriterion {
  id: string;
  title: string;
  kind: string;
  met: boolean;
  value: number | null;
  target: number | null;
  detail: string;
  evaluatedAt: string | null;
}

export interface PackEvidence {
  id: string;
  title: string;
  kind: string;
  url: string;
  capturedOn: string;
  health: string;
  httpStatus: number | null;
  checkedAt: string | null;
  /** SHA-256 of what the link served when the decision was made (docs/decisions/043); null if never fetched. */
  fingerprint: string | null;
  /** Why it is in the pack: attached to the gate, to one of its criteria, or cited by the decision. */
  via: ('gate' | 'criterion' | 'decision')[];
}

export interface DecisionPackContent {
  format: 'aionis.decision-pack';
  version: 1;
  gate: { id: string; title: string; phase: string; dueDate: string | null; from: string | null; to: string };
  decision: { kind: string; reason: string; outstanding: string[]; by: string; at: string; suggested: string | null; overrode: boolean };
  criteria: PackCriterion[];
  evidence: PackEvidence[];
  /** The audit trail's hash chain as it stood when the decision was made (docs/decisions/041). */
  auditChainHead: { seq: number; hash: string } | null;
}

/** JSON with object keys sorted and no spacing: one text for one value, whichever way it was built. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface EvidenceNow {
  id: string;
  health: string;
  url: string;
  archived: boolean;
  fingerprint: string | null;
  livePage: boolean;
}

export interface CriterionNow {
  id: string;
  met: boolean;
  deleted: boolean;
}

export interface PackDrift {
  kind: 'evidence-broken' | 'evidence-content-changed' | 'evidence-archived' | 'evidence-url-changed' | 'evidence-gone' | 'criterion-unmet' | 'criterion-met' | 'criterion-removed';
  id: string;
  title: string;
}

/** What is no longer as it was when the decision was made; empty when the pack still holds. */
export function packDrift(pack: DecisionPackContent, evidenceNow: EvidenceNow[], criteriaNow: CriterionNow[]): PackDrift[] {
  const drift: PackDrift[] = [];
  const ev = new Map(evidenceNow.map((e) => [e.id, e]));
  for (const e of pack.evidence) {
    const now = ev.get(e.id);
    if (!now) drift.push({ kind: 'evidence-gone', id: e.id, title: e.title });
    else if (now.archived) drift.push({ kind: 'evidence-archived', id: e.id, title: e.title });
    else if (now.url !== e.url) drift.push({ kind: 'evidence-url-changed', id: e.id, title: e.title });
    else if (now.health === 'BROKEN' && e.health !== 'BROKEN') drift.push({ kind: 'evidence-broken', id: e.id, title: e.title });
    else if (!now.livePage && e.fingerprint && now.fingerprint && now.fingerprint !== e.fingerprint) drift.push({ kind: 'evidence-content-changed', id: e.id, title: e.title });
  }
  const cr = new Map(criteriaNow.map((c) => [c.id, c]));
  for (const c of pack.criteria) {
    const now = cr.get(c.id);
    if (!now || now.deleted) drift.push({ kind: 'criterion-removed', id: c.id, title: c.title });
    else if (c.met && !now.met) drift.push({ kind: 'criterion-unmet', id: c.id, title: c.title });
    else if (!c.met && now.met) drift.push({ kind: 'criterion-met', id: c.id, title: c.title });
  }
  return drift;
}

const decisionWords: Record<string, string> = { GO: 'Go', CONDITIONAL_GO: 'Conditional Go', NO_GO: 'No-go' };
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The pack as a Markdown document, with the SHA-256 of its JSON so a copy can be checked. */
export function packMarkdown(pack: DecisionPackContent, sha256: string): string {
  const d = pack.decision;
  const lines = [
    `# Decision pack: ${pack.gate.title}`,
    '',
    `- Decision: **${decisionWords[d.kind] ?? d.kind}** by ${d.by} at ${d.at}`,
    `- Gate: phase ${pack.gate.phase}, status ${pack.gate.from ?? '—'} → ${pack.gate.to}${pack.gate.dueDate ? `, due ${pack.gate.dueDate}` : ''}`,
    `- Suggested health then: ${d.suggested ?? '—'}${d.overrode ? ' (overridden)' : ''}`,
    `- Reason: ${d.reason || '—'}`,
    ...(d.outstanding.length ? ['- Outstanding conditions:', ...d.outstanding.map((o) => `  - ${o}`)] : []),
    `- Audit chain head: ${pack.auditChainHead ? `#${pack.auditChainHead.seq} \`${pack.auditChainHead.hash}\`` : 'empty'}`,
    `- SHA-256 of this pack's JSON: \`${sha256}\``,
    '',
    '## Criteria',
    '',
    ...(pack.criteria.length
      ? ['| criterion | kind | met | value | target | evaluated |', '|---|---|---|---|---|---|', ...pack.criteria.map((c) => `| ${cell(c.title)} | ${c.kind} | ${c.met ? 'yes' : 'no'} | ${c.value ?? '—'} | ${c.target ?? '—'} | ${c.evaluatedAt ?? '—'} |`)]
      : ['No criteria.']),
    '',
    '## Evidence',
    '',
    ...(pack.evidence.length
      ? [
          '| evidence | kind | captured | health | fingerprint | link |',
          '|---|---|---|---|---|---|',
          ...pack.evidence.map((e) => `| ${cell(e.title)} | ${e.kind} | ${e.capturedOn} | ${e.health}${e.httpStatus ? ` (${e.httpStatus})` : ''} | ${e.fingerprint ? `\`${e.fingerprint.slice(0, 16)}…\`` : '—'} | <${e.url}> |`),
        ]
      : ['No evidence.']),
    '',
  ];
  return lines.join('\n');
}
