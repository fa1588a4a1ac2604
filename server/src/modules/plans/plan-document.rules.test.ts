import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedDir } from '../../lib/paths.js';
import { launchPlanSeed } from '../seed/seed.service.js';
import { documentAsExport, formatPlanDocument, parsePlanDocument, type ExportPlan } from './plan-document.rules.js';

const source = readFileSync(path.join(seedDir, 'launch-plan.source.zh.md'), 'utf8');
const seed = launchPlanSeed.parse(JSON.parse(readFileSync(path.join(seedDir, 'launch-plan.json'), 'utf8')));

/**
 * The seed (launch-plan.json) is the source document's §6 in English. Each Chinese line of §6, as the
 * document says it, with the seed's English for it: the import must find exactly these, in this order.
 */
const seedEnglish: Record<string, string> = {
  '统一叙事与边界，官网可发布，OSS 转化路径清晰。': 'Unify the narrative and the boundaries, make the website releasable, and make the OSS conversion path clear.',
  '对外边界页面上线（Open vs Hosted vs Platform）': 'External boundary page live (Open vs Hosted vs Platform)',
  '官网 CTA 与追踪事件可用': 'Website CTAs and tracking events working',
  '首版 pricing 包装和 FAQ 完成': 'First pricing packaging and FAQ complete',
  '每次发布使用统一 evidence 模板': 'Every release uses the shared evidence template',
  '官网关键页面可访问（移动端可用）': 'Key website pages reachable (usable on mobile)',
  'docs 链接全绿': 'Docs links all green',
  '关键 CTA 事件有真实数据': 'Key CTA events have real data',
  '把 Hosted 从“咨询叙事”变成“标准产品包”。': 'Turn Hosted from a consulting story into a standard product package.',
  'Cloud Builder / Team 包装与配额模型': 'Cloud Builder / Team packaging and quota model',
  '3 家 Design Partner 进入 Hosted PoC': '3 Design Partners enter a Hosted PoC',
  '标准化销售资料（架构、SLO、治理边界）': 'Standard sales material (architecture, SLO, governance boundaries)',
  '发布月度 evidence 报告（性能/稳定性/变更）': 'Monthly evidence report published (performance / stability / changes)',
  '至少 1 家付费试用': 'At least 1 paid trial',
  'Hosted 漏斗可追踪（线索->PoC->付费）': 'Hosted funnel trackable (lead → PoC → paid)',
  '生产门禁连续稳定通过': 'Production gates pass consistently',
  '把 Layer 3 从路线图变成可验证的产品楔子。': 'Turn Layer 3 from a roadmap into a verifiable product wedge.',
  'Execution provenance 对外能力包': 'Execution provenance external capability pack',
  'Multi-agent governance 首批试点': 'First multi-agent governance pilots',
  'Platform Design Partner 方案（限量）': 'Platform Design Partner programme (limited)',
  '季度平台白皮书与案例': 'Quarterly platform white paper and case studies',
  '至少 2 个平台化里程碑有客户侧证据': 'At least 2 platform milestones with customer-side evidence',
  'Layer 3 不影响 Layer 1/2 主线稳定性': 'Layer 3 does not affect Layer 1/2 mainline stability',
};
const english = (zh: string) => seedEnglish[zh] ?? `(no seed line for "${zh}")`;

describe('the launch plan source document', () => {
  const doc = parsePlanDocument(source);

  it('has no problem, starts on the seed start date and runs as long as the seed', () => {
    expect(doc.problems).toEqual([]);
    expect(doc.startDate).toBe(seed.startDate);
    expect(doc.lengthDays).toBe(seed.lengthDays);
    expect(doc.title).toBe('Aionis 对外发布产品总规划（Open Core + Hosted + Kernel Control）');
  });

  it('imports into the seed phases with their day ranges and goals', () => {
    expect(doc.phases.map((p) => [p.key, p.name, p.startDay, p.endDay, english(p.goal)])).toEqual(
      seed.phases.map((p) => [p.key, p.name, p.startDay, p.endDay, p.goal]),
    );
  });

  it('imports each §6 deliverable and every gate the seed creates, item by item, due at the phase end as seeded', () => {
    for (const [i, phase] of doc.phases.entries()) {
      const seeded = seed.phases[i]!;
      const fromSection6 = seeded.deliverables.filter((d) => d.source === '§6');
      expect(phase.deliverables).toHaveLength(fromSection6.length);
      phase.deliverables.forEach((d, j) => {
        expect(english(d.title)).toBe(fromSection6[j]!.title);
        // Without a due date in the document, an item is due when its phase ends: the seed's dueDay.
        expect(d.dueDate ?? phase.endDay).toBe(fromSection6[j]!.dueDay);
      });
      expect(phase.gates).toHaveLength(seeded.gates.length);
      phase.gates.forEach((g, j) => {
        expect(english(g.title)).toBe(seeded.gates[j]!.title);
        expect(g.dueDate ?? phase.endDay).toBe(seeded.gates[j]!.dueDay);
      });
    }
  });

  it('reports the sections the seed took from outside §6 (§5.3 weeks, §9) as not placed, with their lines', () => {
    const lines = source.split('\n');
    const part = (heading: string) => doc.unplaced.find((u) => u.excerpt.startsWith(heading));
    const weeks = part('5.3 ')!;
    const next30 = part('9. ')!;
    expect(lines[weeks.startLine - 1]).toBe('## 5.3 官网改造重点（4 周）');
    expect(lines[weeks.endLine - 1]).toBe('3. 上线与回滚预案演练');
    expect(lines[next30.startLine - 1]).toBe('## 9. 未来 30 天执行清单（立即开始）');
    expect(lines[next30.endLine - 1]).toBe('5. 固化一份“OSS -> Cloud 升级触发条件”文档并站内可见');
    expect(doc.unplaced.every((u) => u.reason === 'outsidePhase')).toBe(true);
    // Every line of the document is placed or reported: nothing silently dropped.
    const covered = new Set<number>();
    for (const u of doc.unplaced) for (let l = u.startLine; l <= u.endLine; l++) covered.add(l);
    for (const p of doc.phases) {
      covered.add(p.line);
      for (const item of [...p.deliverables, ...p.gates]) covered.add(item.line);
    }
    lines.forEach((text, i) => {
      const placedAnyway = /^(目标|交付|Gate)：|^时间起点|^---$|^title:|^$/.test(text);
      if (!placedAnyway) expect(covered.has(i + 1), `line ${i + 1}: ${text}`).toBe(true);
    });
  });
});

describe('hand-written plan documents', () => {
  it('reads English and Chinese headings, full-width brackets and digits, and a gate list before the deliverables', () => {
    const doc = parsePlanDocument(
      [
        '# Next half',
        '',
        'Start: 2027-01-04',
        '',
        '## Phase A (0-30 days): Foundation',
        '',
        '**Goal:** Ship the basics.',
        '',
        'Gates:',
        '',
        '1. Site is up',
        '',
        'Deliverables:',
        '',
        '1. Landing page',
        '2. Pricing page',
        '',
        '## 阶段 Ｂ（３１－９０ 天）：增长',
        '',
        '目标：',
        '',
        '拿到第一批客户。',
        '',
        '### 交付',
        '',
        '- 三家试点',
        '',
        '### 门禁',
        '',
        '1. 一家付费',
        '',
        '## Phase C: Scale (Days 91–180)',
        '',
        'Goal: Grow.',
      ].join('\n'),
    );
    expect(doc.problems).toEqual([]);
    expect(doc.title).toBe('Next half');
    expect(doc.startDate).toBe('2027-01-04');
    expect(doc.lengthDays).toBe(180);
    expect(doc.phases.map((p) => ({ key: p.key, name: p.name, days: [p.startDay, p.endDay], goal: p.goal, line: p.line }))).toEqual([
      { key: 'A', name: 'Foundation', days: [0, 30], goal: 'Ship the basics.', line: 5 },
      { key: 'B', name: '增长', days: [31, 90], goal: '拿到第一批客户。', line: 18 },
      { key: 'C', name: 'Scale', days: [91, 180], goal: 'Grow.', line: 32 },
    ]);
    expect(doc.phases[0]!.gates.map((g) => [g.title, g.line])).toEqual([['Site is up', 11]]);
    expect(doc.phases[0]!.deliverables.map((d) => [d.title, d.line])).toEqual([['Landing page', 15], ['Pricing page', 16]]);
    expect(doc.phases[1]!.deliverables.map((d) => d.title)).toEqual(['三家试点']);
    expect(doc.phases[1]!.gates.map((g) => g.title)).toEqual(['一家付费']);
    expect(doc.unplaced).toEqual([]);
  });

  it('keeps a phase with no day range and says which line to fix', () => {
    const doc = parsePlanDocument('## Phase A: Start\n\nGoal: x\n\n## Phase B (31-60 days)\n');
    expect(doc.phases.map((p) => [p.key, p.name, p.startDay, p.endDay])).toEqual([
      ['A', 'Start', null, null],
      ['B', 'Phase B', 31, 60],
    ]);
    expect(doc.problems).toEqual([expect.objectContaining({ code: 'noDayRange', line: 1 })]);
    expect(doc.problems[0]!.message).toMatch(/Line 1: Phase A has no day range/);
  });

  it('reports extra sections, stray paragraphs, unlabelled lists and item details with their lines', () => {
    const doc = parsePlanDocument(
      [
        'Intro before any heading.', // 1
        '',
        '## Phase A (0-30 days)', // 3
        '',
        'Some context.', // 5
        '',
        '- loose item', // 7
        '',
        'Deliverables:', // 9
        '',
        '1. Real one', // 11
        '   - a nested note', // 12
        '',
        '### Risks', // 14
        '',
        'Risky things.', // 16
        '',
        '### Gates', // 18
        '',
        '1. Gate one', // 20
        '',
        'Goal: first', // 22
        '',
        'Goal: second', // 24
        '',
        '```', // 26
        'code',
        '```',
        '',
        '## Appendix', // 30
        '',
        'Notes.', // 32
      ].join('\n'),
    );
    expect(doc.phases[0]!.deliverables.map((d) => d.title)).toEqual(['Real one']);
    expect(doc.phases[0]!.gates.map((d) => d.title)).toEqual(['Gate one']);
    expect(doc.phases[0]!.goal).toBe('first');
    expect(doc.unplaced.map((u) => [u.reason, u.startLine, u.endLine])).toEqual([
      ['outsidePhase', 1, 1],
      ['extraParagraph', 5, 5],
      ['unlabelledList', 7, 7],
      ['itemContent', 12, 12],
      ['extraSection', 14, 16],
      ['duplicateGoal', 24, 24],
      ['otherBlock', 26, 28],
      ['outsidePhase', 30, 32],
    ]);
    expect(doc.unplaced[4]!.excerpt).toBe('Risks');
  });

  it('refuses a document with no phase, with the reason', () => {
    const doc = parsePlanDocument('# Ideas\n\n1. one\n2. two\n');
    expect(doc.phases).toEqual([]);
    expect(doc.problems).toEqual([expect.objectContaining({ code: 'noPhase', line: null })]);
    expect(doc.problems[0]!.message).toMatch(/no phase/);
    expect(parsePlanDocument('').problems.map((p) => p.code)).toEqual(['noPhase']);
  });

  it('does not take a heading that merely starts with the word for a phase', () => {
    expect(parsePlanDocument('## Phased rollout (0-30 days)\n\n## Phases overview\n').problems.map((p) => p.code)).toEqual(['noPhase']);
  });

  it('names duplicate phases, bad keys, reversed ranges and over-long plans', () => {
    const doc = parsePlanDocument('## Phase A (0-10 days)\n\n## Phase A (11-20 days)\n\n## Phase 2 (30-20 days)\n\n## Phase XY (21-800 days)\n');
    expect(doc.problems.map((p) => [p.code, p.line])).toEqual([
      ['planTooLong', null],
      ['duplicateKey', 3],
      ['endBeforeStart', 5],
      ['badKey', 7],
    ]);
    // A number stands for its letter: "Phase 2" is phase B.
    expect(doc.phases[2]!.key).toBe('B');
  });

  it('reads the front matter title and keeps line numbers true beneath it', () => {
    const doc = parsePlanDocument('---\ntitle: "From front matter"\n---\n\n## Phase A (0-30 days)\n\nDeliverables:\n\n1. One\n');
    expect(doc.title).toBe('From front matter');
    expect(doc.phases[0]!.line).toBe(5);
    expect(doc.phases[0]!.deliverables[0]!.line).toBe(9);
    expect(doc.unplaced).toEqual([]);
  });

  it('reads the compact suffix in either language, and leaves braces that are not one in the title', () => {
    const doc = parsePlanDocument(
      [
        '## Phase A (0-30 days)',
        'Deliverables:',
        '1. One {status: in progress; owner: GTM; due: 2026-03-01}',
        '2. Two {状态：已完成；负责人：销售；截止：２０２６-０３-０２}',
        '3. Three {not a suffix}',
        '4. Four {status: nonsense}',
        '5. Five {due: 2026-02-30}',
        '',
        'Gates:',
        '1. Gate {status: AT_RISK}',
      ].join('\n'),
    );
    expect(doc.phases[0]!.deliverables.map((d) => [d.title, d.status, d.ownerName, d.dueDate])).toEqual([
      ['One', 'IN_PROGRESS', 'GTM', '2026-03-01'],
      ['Two', 'DONE', '销售', '2026-03-02'],
      ['Three {not a suffix}', null, '', null],
      ['Four {status: nonsense}', null, '', null],
      ['Five {due: 2026-02-30}', null, '', null],
    ]);
    expect(doc.phases[0]!.gates.map((g) => [g.title, g.status])).toEqual([['Gate', 'AT_RISK']]);
  });

  it('names an over-long title by its line instead of cutting it', () => {
    const doc = parsePlanDocument(`## Phase A (0-30 days)\n\nDeliverables:\n\n1. ${'x'.repeat(201)}\n`);
    expect(doc.problems).toEqual([expect.objectContaining({ code: 'tooLong', line: 5 })]);
    expect(doc.phases[0]!.deliverables[0]!.title).toHaveLength(201);
  });
});

describe('export and the round trip', () => {
  const plan: ExportPlan = {
    name: 'Aionis launch — first 180 days',
    startDate: '2026-02-23',
    phases: [
      {
        key: 'A',
        name: 'Launch Foundation',
        startDay: 0,
        endDay: 30,
        goal: 'Unify the narrative.',
        deliverables: [
          { title: 'Boundary page live (Open vs Hosted)', status: 'DONE', ownerName: 'GTM', dueDate: '2026-03-25' },
          { title: '3 partners', status: 'NOT_STARTED', ownerName: '', dueDate: null },
          { title: '# starts like a heading', status: 'IN_PROGRESS', ownerName: 'A; B', dueDate: null },
          { title: 'Ends in braces {v2}', status: null, ownerName: '', dueDate: null },
          { title: '2. looks like a list', status: 'DROPPED', ownerName: '', dueDate: '2026-03-01' },
        ],
        gates: [{ title: 'Docs links all green', status: 'AT_RISK', ownerName: 'Aionis Core', dueDate: '2026-03-25' }],
      },
      { key: 'B', name: 'Phase B', startDay: 31, endDay: 90, goal: '', deliverables: [], gates: [{ title: '付费试用', status: 'PASSED', ownerName: '销售', dueDate: null }] },
    ],
  };

  it('writes each item with a compact suffix for what is not the default', () => {
    const md = formatPlanDocument(plan, 'en');
    expect(md).toContain('## Phase A (0-30 days): Launch Foundation\n\nGoal: Unify the narrative.\n\nDeliverables:\n\n1. Boundary page live (Open vs Hosted) {status: done; owner: GTM; due: 2026-03-25}\n2. 3 partners\n');
    expect(md).toContain('\n## Phase B (31-90 days)\n\nGates:\n\n1. 付费试用 {status: passed; owner: 销售}\n');
    expect(formatPlanDocument(plan, 'zh-CN')).toContain('## Phase A（0-30 天）：Launch Foundation\n\n目标：Unify the narrative.\n\n交付：\n\n1. Boundary page live (Open vs Hosted) {状态：已完成；负责人：GTM；截止：2026-03-25}');
  });

  for (const language of ['en', 'zh-CN'] as const) {
    it(`export → import → export is identical (${language})`, () => {
      const first = formatPlanDocument(plan, language);
      const doc = parsePlanDocument(first);
      expect(doc.problems).toEqual([]);
      expect(doc.unplaced).toEqual([]);
      const second = formatPlanDocument(documentAsExport(doc), language);
      expect(second).toBe(first);
      expect(doc.phases[0]!.deliverables.map((d) => d.title)).toEqual(plan.phases[0]!.deliverables.map((d) => d.title));
    });
  }

  it('round-trips the seed document once exported', () => {
    const first = formatPlanDocument(documentAsExport(parsePlanDocument(source)), 'zh-CN');
    expect(formatPlanDocument(documentAsExport(parsePlanDocument(first)), 'zh-CN')).toBe(first);
  });
});
