// The monthly evidence report (launch plan, phase B: "monthly evidence report — performance / stability /
// changes"): pure figures and its Markdown. The service reads the month's records; these rules say what
// they amount to.

/** [first day, first day of the next month) as YYYY-MM-DD. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

export interface GateRun {
  gateTitle: string | null;
  title: string;
  capturedOn: string;
  result: 'PASSED' | 'FAILED' | null;
  url: string;
}

export interface GateRunStats {
  total: number;
  passed: number;
  failed: number;
  /** Passed / (passed + failed), 0–1; null with no decided run. */
  passRate: number | null;
  /** The longest run of consecutive passes in the month, oldest first. */
  longestPassStreak: number;
  /** Consecutive passes at the end of the month. */
  currentPassStreak: number;
}

export function gateRunStats(runs: readonly GateRun[]): GateRunStats {
  const decided = [...runs].filter((r) => r.result !== null).sort((a, b) => a.capturedOn.localeCompare(b.capturedOn));
  const passed = decided.filter((r) => r.result === 'PASSED').length;
  let longest = 0;
  let current = 0;
  for (const run of decided) {
    current = run.result === 'PASSED' ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return { total: runs.length, passed, failed: decided.length - passed, passRate: decided.length ? passed / decided.length : null, longestPassStreak: longest, currentPassStreak: current };
}

export interface KpiMonth {
  key: string;
  name: string;
  unit: string;
  direction: 'UP' | 'DOWN';
  target: number | null;
  /** The weeks whose Monday falls in the month, with their values (missing weeks absent). */
  weeks: { week: string; value: number }[];
  /** Weeks meeting the target (UP: value ≥ target; DOWN: value ≤ target); null without a target. */
  weeksOnTarget: number | null;
  latest: number | null;
}

export function kpiMonth(metric: Omit<KpiMonth, 'weeks' | 'weeksOnTarget' | 'latest'>, weeks: { week: string; value: number }[]): KpiMonth {
  const sorted = [...weeks].sort((a, b) => a.week.localeCompare(b.week));
  const meets = (v: number) => (metric.direction === 'DOWN' ? v <= metric.target! : v >= metric.target!);
  return {
    ...metric,
    weeks: sorted,
    weeksOnTarget: metric.target === null ? null : sorted.filter((w) => meets(w.value)).length,
    latest: sorted.at(-1)?.value ?? null,
  };
}

export interface ReportEvidence {
  title: string;
  kind: string;
  capturedOn: string;
  url: string;
  health: string;
}

export interface MonthlyReport {
  month: string;
  releases: ReportEvidence[];
  artifacts: ReportEvidence[];
  reports: ReportEvidence[];
  gateRuns: GateRun[];
  gateRunStats: GateRunStats;
  kpis: KpiMonth[];
  claimsPublished: { statement: string; boundary: string; channel: string; layer: string; at: string }[];
  claimsRetracted: { statement: string; reason: string; at: string }[];
  decisions: { gateTitle: string; phase: string; decision: string; at: string }[];
}

const words: Record<string, string> = { GO: 'Go', CONDITIONAL_GO: 'Conditional Go', NO_GO: 'No-go', PASSED: 'passed', FAILED: 'failed' };
const cell = (t: string) => t.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);

/** The whole report, every item listed (an export is the full record). */
export function reportMarkdown(r: MonthlyReport): string {
  const evidenceList = (items: ReportEvidence[], none: string) =>
    items.length ? items.map((e) => `- [${e.title}](${e.url}) — ${e.capturedOn}, link ${e.health.toLowerCase()}`) : [none];
  const s = r.gateRunStats;
  return [
    `# Monthly evidence report: ${r.month}`,
    '',
    '## Releases',
    '',
    ...evidenceList(r.releases, 'No release evidence this month.'),
    '',
    '## Artifacts (SDK, Docker)',
    '',
    ...evidenceList(r.artifacts, 'No artifacts this month.'),
    '',
    '## Stability: gate runs',
    '',
    `${s.total} runs: ${s.passed} passed, ${s.failed} failed (pass rate ${pct(s.passRate)}); longest passing streak ${s.longestPassStreak}, ${s.currentPassStreak} passing at the end of the month.`,
    '',
    ...(r.gateRuns.length ? r.gateRuns.map((g) => `- ${g.capturedOn} [${g.title}](${g.url})${g.gateTitle ? ` (${g.gateTitle})` : ''}: ${g.result ? words[g.result] : 'no result'}`) : ['No gate runs this month.']),
    '',
    '## Performance: KPIs against their targets',
    '',
    ...(r.kpis.length
      ? [
          '| metric | target | weeks with data | weeks on target | latest |',
          '|---|---|---|---|---|',
          ...r.kpis.map((k) => `| ${cell(k.name)} | ${k.target === null ? '—' : `${k.direction === 'DOWN' ? '≤' : '≥'} ${k.target}${k.unit ? ` ${k.unit}` : ''}`} | ${k.weeks.length} | ${k.weeksOnTarget ?? '—'} | ${k.latest ?? '—'} |`),
        ]
      : ['No metrics.']),
    '',
    '## Reports',
    '',
    ...evidenceList(r.reports, 'No reports this month.'),
    '',
    '## Changes: claims',
    '',
    ...(r.claimsPublished.length ? r.claimsPublished.map((c) => `- Published ${c.at.slice(0, 10)} (${c.channel}, ${c.layer}): ${c.statement} — boundary: ${c.boundary}`) : ['No claims published.']),
    ...(r.claimsRetracted.length ? ['', ...r.claimsRetracted.map((c) => `- Retracted ${c.at.slice(0, 10)}: ${c.statement}${c.reason ? ` — ${c.reason}` : ''}`)] : []),
    '',
    '## Gate decisions',
    '',
    ...(r.decisions.length ? r.decisions.map((d) => `- ${d.at.slice(0, 10)} phase ${d.phase}, ${d.gateTitle}: ${words[d.decision] ?? d.decision}`) : ['No gate decisions this month.']),
    '',
  ].join('\n');
}
