// A plan as a Markdown document, both ways: parse a document written like the launch plan
// (prisma/seed/launch-plan.source.zh.md) into phases, deliverables and gates, and write a plan back out in
// the same shape. Pure: no database. The document is parsed with remark (mdast) and the syntax tree is
// walked block by block; only the text of one heading, label or list item is ever matched against a pattern.
// docs/decisions/038-plan-documents.md
import type { Heading, List, ListItem, Nodes, Paragraph, Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { DeliverableStatus } from '../deliverables/deliverables.schema.js';
import type { GateStatus } from '../gates/gates.schema.js';

export type DocumentLanguage = 'en' | 'zh-CN';

export interface DocumentItem<S extends string> {
  title: string;
  /** Null when the document does not say: a new plan starts every item at its first status. */
  status: S | null;
  ownerName: string;
  dueDate: string | null;
  line: number;
}

export interface DocumentPhase {
  key: string;
  name: string;
  /** Null when the heading has no day range (reported as a problem). */
  startDay: number | null;
  endDay: number | null;
  goal: string;
  line: number;
  deliverables: DocumentItem<DeliverableStatus>[];
  gates: DocumentItem<GateStatus>[];
}

/** Why a part of the document was not placed in the plan. */
export type UnplacedReason =
  | 'outsidePhase' // a section (heading and what follows) that is not a phase
  | 'extraSection' // a sub-heading inside a phase that is not a Goal / Deliverables / Gates label
  | 'extraParagraph' // a paragraph inside a phase that is not its goal or a label
  | 'unlabelledList' // a list inside a phase with no Deliverables or Gates label before it
  | 'duplicateGoal' // a second goal line in one phase
  | 'itemContent' // more inside a list item than its one line (a nested list, a second paragraph)
  | 'otherBlock'; // a table, code block, quote or HTML inside a phase

export interface UnplacedPart {
  reason: UnplacedReason;
  startLine: number;
  endLine: number;
  /** The heading of the section, or the first words of the block. */
  excerpt: string;
}

/** What stops the document from becoming a plan. */
export type ProblemCode =
  | 'noPhase'
  | 'noDayRange'
  | 'endBeforeStart'
  | 'duplicateKey'
  | 'badKey'
  | 'tooLong'
  | 'planTooLong';

export interface DocumentProblem {
  code: ProblemCode;
  line: number | null;
  message: string;
}

export interface PlanDocument {
  /** The first top-level heading (or the front matter's title). */
  title: string | null;
  /** A "Start: 2026-02-23" / "时间起点：2026-02-23" line, if the document has one. */
  startDate: string | null;
  /** The plan's length: the last phase's last day. */
  lengthDays: number;
  phases: DocumentPhase[];
  unplaced: UnplacedPart[];
  problems: DocumentProblem[];
}

export const documentLimits = {
  markdownChars: 200_000,
  planName: 120,
  phaseName: 120,
  goal: 2000,
  itemTitle: 200,
  ownerName: 120,
  planDays: 730,
} as const;

// --- vocabularies ----------------------------------------------------------------------------------

type Label = 'goal' | 'deliverables' | 'gates';
const labelWords: Record<Label, readonly string[]> = {
  goal: ['goal', 'goals', 'objective', 'objectives', '目标'],
  deliverables: ['deliverables', 'deliverable', '交付', '交付物', '交付内容', '交付项'],
  gates: ['gate', 'gates', '门禁', '关口', '验收'],
};
const startWords = ['start', 'start date', 'starts', '时间起点', '起点', '开始日期', '起始日期'];

const statusWords: { deliverable: Record<DeliverableStatus, { en: string; zh: string }>; gate: Record<GateStatus, { en: string; zh: string }> } = {
  deliverable: {
    NOT_STARTED: { en: 'not started', zh: '未开始' },
    IN_PROGRESS: { en: 'in progress', zh: '进行中' },
    DONE: { en: 'done', zh: '已完成' },
    DROPPED: { en: 'dropped', zh: '已放弃' },
  },
  gate: {
    PENDING: { en: 'pending', zh: '待定' },
    ON_TRACK: { en: 'on track', zh: '正常' },
    AT_RISK: { en: 'at risk', zh: '有风险' },
    BLOCKED: { en: 'blocked', zh: '受阻' },
    PASSED: { en: 'passed', zh: '已通过' },
    FAILED: { en: 'failed', zh: '未通过' },
  },
};
const suffixKeys = {
  status: ['status', '状态'],
  owner: ['owner', '负责人'],
  due: ['due', '截止'],
} as const;

/** Full-width letters, digits and punctuation as their ASCII forms, for matching only. */
const fold = (text: string) => text.normalize('NFKC');
const squash = (text: string) => fold(text).replace(/\s+/g, ' ').trim().toLowerCase();

// --- reading the tree ------------------------------------------------------------------------------

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

const lineOf = (node: { position?: { start: { line: number } } }) => node.position?.start.line ?? 1;
const endLineOf = (node: { position?: { end: { line: number } } }) => node.position?.end.line ?? 1;

/** A label paragraph or heading ("交付：", "**Gates:**", "### Deliverables") and the text after its colon. */
function readLabel(text: string): { label: Label; rest: string } | null {
  const folded = fold(text).trim();
  const match = /^([^:]+?)\s*:\s*([\s\S]*)$/.exec(folded) ?? [folded, folded, ''];
  const word = match[1]!.replace(/\s+/g, ' ').toLowerCase();
  for (const label of Object.keys(labelWords) as Label[]) {
    if (labelWords[label].includes(word)) {
      // Only the goal carries its text on the same line; "Deliverables: x" is a sentence, not a label.
      if (label !== 'goal' && match[2]!.trim() !== '') return null;
      return { label, rest: match[2]!.trim() };
    }
  }
  return null;
}

function readStartDate(text: string): string | null {
  const match = /^([^:]+?)\s*:\s*`?(\d{4}-\d{2}-\d{2})`?/.exec(fold(text).trim());
  if (!match || !startWords.includes(match[1]!.toLowerCase())) return null;
  return isIsoDate(match[2]!) ? match[2]! : null;
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

interface PhaseHeading {
  key: string | null;
  rawKey: string;
  name: string;
  startDay: number | null;
  endDay: number | null;
}

/**
 * "Phase A（0-30 天）：Launch Foundation", "Phase B (31-90 days) — Hosted", "阶段 C". The name keeps the
 * heading's own characters; the key and the days are read full-width or not.
 */
function readPhaseHeading(source: string): PhaseHeading | null {
  const head = /^\s*(?:phase\s+|阶段\s*)([A-Za-z0-9Ａ-Ｚａ-ｚ０-９]{1,2})(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９])\s*/i.exec(source);
  if (!head) return null;
  let rest = source.slice(head[0].length);
  let startDay: number | null = null;
  let endDay: number | null = null;
  // The first bracket that holds a day range, wherever it stands: "Phase A（0-30 天）：X" or "Phase A: X (0-30 days)".
  for (const bracket of rest.matchAll(/[(（]([^()（）]*)[)）]/g)) {
    const range = /^(?:days?\s*|第\s*)?(\d+)\s*(?:-|–|—|~|至|到)\s*(\d+)\s*(?:天|日|days?|d)?$/i.exec(fold(bracket[1]!).trim());
    if (!range) continue;
    startDay = Number(range[1]);
    endDay = Number(range[2]);
    rest = `${rest.slice(0, bracket.index)} ${rest.slice(bracket.index + bracket[0].length)}`;
    break;
  }
  const name = rest.replace(/^[\s:：\-–—·|]+/, '').replace(/[\s:：\-–—·|]+$/, '').trim();
  const rawKey = head[1]!;
  const folded = fold(rawKey).toUpperCase();
  const key = /^[A-Z]$/.test(folded) ? folded : /^\d+$/.test(folded) && Number(folded) >= 1 && Number(folded) <= 26 ? String.fromCharCode(64 + Number(folded)) : null;
  return { key, rawKey, name: name || (key ? `Phase ${key}` : `Phase ${rawKey}`), startDay, endDay };
}

/** The trailing "{status: done; owner: GTM; due: 2026-03-25}" an export writes; null if the braces are not one. */
function readSuffix<S extends string>(raw: string, vocabulary: Record<S, { en: string; zh: string }>) {
  const match = /\s*\{([^{}]*)\}\s*$/.exec(raw);
  if (!match) return null;
  const fields: { status: S | null; ownerName: string; dueDate: string | null } = { status: null, ownerName: '', dueDate: null };
  const parts = match[1]!.split(/[;；]/).map((p) => p.trim()).filter(Boolean);
  for (const part of parts) {
    const pair = /^([^:：]+?)\s*[:：]\s*(.+)$/.exec(part);
    if (!pair) return null;
    const key = squash(pair[1]!);
    const value = pair[2]!.trim();
    if ((suffixKeys.status as readonly string[]).includes(key)) {
      const wanted = squash(value).replace(/_/g, ' ');
      const status = (Object.keys(vocabulary) as S[]).find(
        (s) => s.toLowerCase().replace(/_/g, ' ') === wanted || vocabulary[s].en === wanted || vocabulary[s].zh === wanted,
      );
      if (!status) return null;
      fields.status = status;
    } else if ((suffixKeys.owner as readonly string[]).includes(key)) {
      fields.ownerName = value;
    } else if ((suffixKeys.due as readonly string[]).includes(key)) {
      const date = fold(value);
      if (!isIsoDate(date)) return null;
      fields.dueDate = date;
    } else {
      return null;
    }
  }
  return { ...fields, title: raw.slice(0, match.index).trim() };
}

// An export escapes a title's first character when Markdown would read it as a block marker.
const blockStart = /^(?:[#>*+=|-]|\d+[.)]|[`~]{3})/;
const escapeTitle = (title: string) => (blockStart.test(title) ? `\\${title}` : title);
const unescapeTitle = (title: string) => (/^\\[#>*+=|\-`~\d]/.test(title) ? title.slice(1) : title);

/** Turns a leading YAML front matter block into blank lines (so line numbers stay true) and reads its title. */
function frontMatter(markdown: string): { body: string; title: string | null } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(markdown);
  if (!match) return { body: markdown, title: null };
  const title = /^title:\s*(.+)$/m.exec(match[1]!)?.[1]?.trim().replace(/^(["'])(.*)\1$/, '$2') ?? null;
  return { body: match[0].replace(/[^\r\n]/g, ' ') + markdown.slice(match[0].length), title: title || null };
}

const parser = unified().use(remarkParse);

export function parsePlanDocument(markdown: string): PlanDocument {
  const { body, title: frontTitle } = frontMatter(markdown);
  const tree = parser.parse(body) as Root;
  const inline = (node: Heading | Paragraph) => {
    const first = node.children[0];
    const last = node.children.at(-1);
    if (!first || !last) return '';
    return body.slice(first.position?.start.offset ?? 0, last.position?.end.offset ?? 0).replace(/\s*\r?\n\s*/g, ' ').trim();
  };
  const excerptOf = (node: RootContent) => {
    const text = plainText(node).replace(/\s+/g, ' ').trim();
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  };

  let title = frontTitle;
  let startDate: string | null = null;
  const phases: (DocumentPhase & { depth: number })[] = [];
  const unplaced: UnplacedPart[] = [];
  const problems: DocumentProblem[] = [];

  let phase: (DocumentPhase & { depth: number }) | null = null;
  let listTarget: 'deliverables' | 'gates' | null = null;
  let goalNext = false;
  let goalLine = 0;
  /** A section not placed: everything until the next heading goes into it. */
  let open: UnplacedPart | null = null;
  let openIsTitle = false;

  const closeOpen = () => {
    if (open && !(openIsTitle && open.startLine === open.endLine)) {
      // The plan's title heading itself is placed; what follows it is not.
      if (openIsTitle) open.startLine = open.startLine + 1;
      unplaced.push(open);
    }
    open = null;
    openIsTitle = false;
  };
  const report = (node: RootContent, reason: UnplacedReason) =>
    unplaced.push({ reason, startLine: lineOf(node), endLine: endLineOf(node), excerpt: excerptOf(node) });

  const readItems = (list: List, target: 'deliverables' | 'gates') => {
    for (const item of list.children as ListItem[]) {
      const [first, ...more] = item.children;
      for (const extra of more) report(extra, 'itemContent');
      if (!first || first.type !== 'paragraph') {
        if (first) report(first, 'itemContent');
        continue;
      }
      const raw = inline(first);
      const line = lineOf(item);
      const parsed =
        target === 'deliverables' ? readSuffix(raw, statusWords.deliverable) : readSuffix(raw, statusWords.gate);
      const itemTitle = unescapeTitle(parsed?.title ?? raw);
      if (!itemTitle) continue;
      if (itemTitle.length > documentLimits.itemTitle) {
        problems.push({ code: 'tooLong', line, message: `Line ${line}: the title is longer than ${documentLimits.itemTitle} characters` });
      }
      const entry = { title: itemTitle, status: parsed?.status ?? null, ownerName: parsed?.ownerName ?? '', dueDate: parsed?.dueDate ?? null, line };
      if (entry.ownerName.length > documentLimits.ownerName) {
        problems.push({ code: 'tooLong', line, message: `Line ${line}: the owner is longer than ${documentLimits.ownerName} characters` });
      }
      if (target === 'deliverables') phase!.deliverables.push(entry as DocumentItem<DeliverableStatus>);
      else phase!.gates.push(entry as DocumentItem<GateStatus>);
    }
  };

  for (const block of tree.children) {
    if (block.type === 'heading') {
      const heading = readPhaseHeading(inline(block));
      if (heading) {
        closeOpen();
        const line = lineOf(block);
        phase = {
          key: heading.key ?? heading.rawKey,
          name: heading.name,
          startDay: heading.startDay,
          endDay: heading.endDay,
          goal: '',
          line,
          depth: block.depth,
          deliverables: [],
          gates: [],
        };
        phases.push(phase);
        listTarget = null;
        goalNext = false;
        continue;
      }
      if (phase && block.depth > phase.depth) {
        const label = readLabel(plainText(block));
        if (label) {
          closeOpen();
          goalNext = label.label === 'goal' && !label.rest;
          goalLine = lineOf(block);
          if (label.label === 'goal' && label.rest) setGoal(label.rest, block);
          listTarget = label.label === 'goal' ? null : label.label;
          continue;
        }
        closeOpen();
        open = { reason: 'extraSection', startLine: lineOf(block), endLine: endLineOf(block), excerpt: excerptOf(block) };
        listTarget = null;
        goalNext = false;
        continue;
      }
      // A heading as high as the phase's own (or any heading outside a phase) ends the phase.
      closeOpen();
      phase = null;
      listTarget = null;
      goalNext = false;
      open = { reason: 'outsidePhase', startLine: lineOf(block), endLine: endLineOf(block), excerpt: excerptOf(block) };
      if (block.depth === 1 && title === null && phases.length === 0) {
        title = inline(block);
        openIsTitle = true;
      }
      continue;
    }

    if (block.type === 'paragraph' && startDate === null) {
      const start = readStartDate(plainText(block));
      if (start) {
        startDate = start;
        continue;
      }
    }
    if (open) {
      open.endLine = endLineOf(block);
      continue;
    }
    if (!phase) {
      // Before the first heading.
      open = { reason: 'outsidePhase', startLine: lineOf(block), endLine: endLineOf(block), excerpt: excerptOf(block) };
      continue;
    }
    if (block.type === 'thematicBreak') continue;
    if (block.type === 'paragraph') {
      const label = readLabel(plainText(block));
      if (label?.label === 'goal') {
        listTarget = null;
        if (label.rest) setGoal(inline(block).replace(/^[^:：]*[:：]\s*/, '').replace(/^\*\*\s*/, ''), block);
        else {
          goalNext = true;
          goalLine = lineOf(block);
        }
        continue;
      }
      if (label) {
        listTarget = label.label === 'deliverables' ? 'deliverables' : 'gates';
        goalNext = false;
        continue;
      }
      if (goalNext) {
        goalNext = false;
        setGoal(inline(block), block);
        continue;
      }
      report(block, 'extraParagraph');
      listTarget = null;
      continue;
    }
    goalNext = false;
    if (block.type === 'list') {
      if (listTarget) readItems(block, listTarget);
      else report(block, 'unlabelledList');
      continue;
    }
    report(block, 'otherBlock');
    listTarget = null;
  }
  closeOpen();

  function setGoal(text: string, node: RootContent) {
    if (!phase) return;
    if (phase.goal) {
      report(node, 'duplicateGoal');
      return;
    }
    phase.goal = text.replace(/\s*\r?\n\s*/g, ' ').trim();
    if (phase.goal.length > documentLimits.goal) {
      const line = goalLine || lineOf(node);
      problems.push({ code: 'tooLong', line, message: `Line ${line}: the goal is longer than ${documentLimits.goal} characters` });
    }
  }

  problems.push(...phaseProblems(phases));
  if (title !== null && title.length > documentLimits.planName) title = title.slice(0, documentLimits.planName).trim();
  const lengthDays = phases.reduce((max, p) => Math.max(max, p.endDay ?? 0), 0);
  if (lengthDays > documentLimits.planDays) {
    problems.push({ code: 'planTooLong', line: null, message: `The plan runs ${lengthDays} days; a plan is at most ${documentLimits.planDays}` });
  }
  unplaced.sort((a, b) => a.startLine - b.startLine);
  return {
    title,
    startDate,
    lengthDays,
    phases: phases.map(({ depth: _depth, ...p }) => p),
    unplaced,
    problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  };
}

function phaseProblems(phases: DocumentPhase[]): DocumentProblem[] {
  if (phases.length === 0) {
    return [
      {
        code: 'noPhase',
        line: null,
        message: 'The document has no phase: a plan needs at least one heading like "Phase A (0-30 days): Name" or "Phase A（0-30 天）：名称"',
      },
    ];
  }
  const problems: DocumentProblem[] = [];
  const seen = new Map<string, number>();
  for (const p of phases) {
    const at = `Line ${p.line}`;
    if (!/^[A-Z]$/.test(p.key)) {
      problems.push({ code: 'badKey', line: p.line, message: `${at}: "Phase ${p.key}" — a phase is named by one letter, A to Z` });
    } else if (seen.has(p.key)) {
      problems.push({ code: 'duplicateKey', line: p.line, message: `${at}: Phase ${p.key} already appears on line ${seen.get(p.key)}` });
    } else {
      seen.set(p.key, p.line);
    }
    if (p.startDay === null || p.endDay === null) {
      problems.push({ code: 'noDayRange', line: p.line, message: `${at}: Phase ${p.key} has no day range, e.g. "(0-30 days)" or "（0-30 天）"` });
    } else if (p.endDay < p.startDay) {
      problems.push({ code: 'endBeforeStart', line: p.line, message: `${at}: Phase ${p.key} ends (day ${p.endDay}) before it starts (day ${p.startDay})` });
    }
    if (p.name.length > documentLimits.phaseName) {
      problems.push({ code: 'tooLong', line: p.line, message: `${at}: the phase name is longer than ${documentLimits.phaseName} characters` });
    }
  }
  return problems;
}

// --- writing -----------------------------------------------------------------------------------------

export interface ExportItem<S extends string> {
  title: string;
  status: S | null;
  ownerName: string;
  dueDate: string | null;
}

export interface ExportPlan {
  name: string;
  startDate: string | null;
  phases: {
    key: string;
    name: string;
    startDay: number | null;
    endDay: number | null;
    goal: string;
    deliverables: ExportItem<DeliverableStatus>[];
    gates: ExportItem<GateStatus>[];
  }[];
}

const words = {
  en: { start: 'Start', goal: 'Goal', deliverables: 'Deliverables', gates: 'Gates', status: 'status', owner: 'owner', due: 'due', colon: ': ', sep: '; ' },
  'zh-CN': { start: '时间起点', goal: '目标', deliverables: '交付', gates: 'Gate', status: '状态', owner: '负责人', due: '截止', colon: '：', sep: '；' },
} as const;

/**
 * The plan as a document the parser reads back to the same plan: a phase heading with its day range, the
 * goal, then numbered deliverables and gates with a compact suffix for what is not the default
 * (status, owner, due date).
 */
export function formatPlanDocument(plan: ExportPlan, language: DocumentLanguage): string {
  const w = words[language];
  const zh = language === 'zh-CN';
  const oneLine = (text: string) => text.replace(/\s*\r?\n\s*/g, ' ').trim();
  const out: string[] = [`# ${oneLine(plan.name)}`];
  if (plan.startDate) out.push(`${w.start}${w.colon}${plan.startDate}`);
  const item = <S extends string>(entry: ExportItem<S>, vocabulary: Record<S, { en: string; zh: string }>, first: S, n: number) => {
    const fields: string[] = [];
    if (entry.status && entry.status !== first) fields.push(`${w.status}${w.colon}${zh ? vocabulary[entry.status].zh : vocabulary[entry.status].en}`);
    // The owner is the suffix's one free-text field: its separators would end it early.
    const owner = oneLine(entry.ownerName).replace(/[;；{}]/g, ',');
    if (owner) fields.push(`${w.owner}${w.colon}${owner}`);
    if (entry.dueDate) fields.push(`${w.due}${w.colon}${entry.dueDate}`);
    let title = escapeTitle(oneLine(entry.title));
    // A title that itself ends in braces would be read as a suffix: an empty suffix keeps it a title.
    if (fields.length === 0 && /\}\s*$/.test(title)) title = `${title} {}`;
    return `${n}. ${title}${fields.length ? ` {${fields.join(w.sep)}}` : ''}`;
  };
  for (const p of plan.phases) {
    const days = p.startDay !== null && p.endDay !== null ? (zh ? `（${p.startDay}-${p.endDay} 天）` : ` (${p.startDay}-${p.endDay} days)`) : '';
    const name = oneLine(p.name);
    const titled = name && name !== `Phase ${p.key}` ? `${zh ? '：' : ': '}${name}` : '';
    out.push(`## Phase ${p.key}${days}${titled}`);
    if (p.goal.trim()) out.push(`${w.goal}${w.colon}${oneLine(p.goal)}`);
    if (p.deliverables.length) {
      out.push(`${w.deliverables}${w.colon.trim()}`);
      out.push(p.deliverables.map((d, i) => item(d, statusWords.deliverable, 'NOT_STARTED', i + 1)).join('\n'));
    }
    if (p.gates.length) {
      out.push(`${w.gates}${w.colon.trim()}`);
      out.push(p.gates.map((g, i) => item(g, statusWords.gate, 'PENDING', i + 1)).join('\n'));
    }
  }
  return `${out.join('\n\n')}\n`;
}

/** A parsed document in the shape the writer takes (for the round trip, and for a preview's "as it will be saved"). */
export function documentAsExport(doc: PlanDocument, name = doc.title ?? ''): ExportPlan {
  return {
    name,
    startDate: doc.startDate,
    phases: doc.phases.map((p) => ({
      key: p.key,
      name: p.name,
      startDay: p.startDay,
      endDay: p.endDay,
      goal: p.goal,
      deliverables: p.deliverables.map(({ line: _l, ...d }) => d),
      gates: p.gates.map(({ line: _l, ...g }) => g),
    })),
  };
}
