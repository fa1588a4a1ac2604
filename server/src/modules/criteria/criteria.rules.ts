// How each kind of criterion is evaluated, as pure functions over facts the service loads. The web
// words the result from `kind`, `current`, `target` and the config; `detail` is the English summary the
// audit trail keeps.
import { addDays, weekStartOf, type IsoDate } from '../../lib/dates.js';
import type { EvidenceKind, EvidenceResult, LinkHealth } from '../evidence/evidence.schema.js';
import type { PartnerPackage, PartnerTrack } from '../partners/partners.schema.js';
import { pipelineStages } from '../partners/partners.schema.js';
import type {
  CriterionSpec,
  evidenceCountConfig,
  gateRunStreakConfig,
  linkHealthConfig,
  metricThresholdConfig,
  pipelineCountConfig,
} from './criteria.schema.js';
import type { z } from 'zod';

export interface Evaluation {
  met: boolean;
  current: number | null;
  target: number | null;
  detail: string;
}

export interface EvidenceFact {
  id: string;
  kind: EvidenceKind;
  health: LinkHealth;
  result: EvidenceResult | null;
  capturedOn: IsoDate;
  createdAt: string;
}

export interface PartnerFact {
  track: PartnerTrack;
  package: PartnerPackage;
  /** Index in the pipeline of the furthest stage ever reached; -1 when only LOST. */
  furthest: number;
}

/** Everything any criterion can read. The service loads only what the live criteria need. */
export interface EvaluationFacts {
  today: IsoDate;
  /** Weekly values by metric key: week (Monday) → value. */
  metrics: ReadonlyMap<string, ReadonlyMap<IsoDate, number>>;
  partners: readonly PartnerFact[];
  /** Live evidence attached to a record, by `${targetType}:${targetId}`. */
  evidenceOn: ReadonlyMap<string, readonly EvidenceFact[]>;
  /** Live items per phase key of the current plan, for evidence counts. */
  phaseItems: ReadonlyMap<string, { deliverable: readonly string[]; gate: readonly string[] }>;
  /** Live partner ids, for evidence counts on partners. */
  partnerIds: readonly string[];
}

/** What a criterion is and where it hangs. */
export interface CriterionFacts {
  id: string;
  spec: CriterionSpec;
  checked: boolean;
  owner: { targetType: 'gate' | 'deliverable'; targetId: string };
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const usable = (e: EvidenceFact) => e.health !== 'BROKEN';

export function evaluateManual(checked: boolean, tickEvidence: readonly EvidenceFact[]): Evaluation {
  const backing = tickEvidence.filter(usable).length;
  if (!checked) return { met: false, current: 0, target: 1, detail: 'Not ticked' };
  if (backing === 0) return { met: false, current: 0, target: 1, detail: 'Ticked, but its evidence is missing or broken' };
  return { met: true, current: 1, target: 1, detail: `Ticked with ${backing} evidence` };
}

export function evaluateMetric(config: z.output<typeof metricThresholdConfig>, values: ReadonlyMap<IsoDate, number> | undefined, today: IsoDate): Evaluation {
  const target = config.value;
  const op = config.op === 'gte' ? '≥' : '≤';
  if (!values) return { met: false, current: null, target, detail: `Unknown metric ${config.metricKey}` };
  const thisWeek = weekStartOf(today);
  let current: number | null;
  let scope: string;
  if (config.aggregate === 'latest') {
    const latest = [...values.keys()].filter((w) => w <= thisWeek).sort().at(-1);
    current = latest === undefined ? null : values.get(latest)!;
    scope = latest === undefined ? 'no data yet' : `week of ${latest}`;
  } else {
    const weeks = Array.from({ length: config.weeks }, (_, i) => addDays(thisWeek, -7 * i));
    const present = weeks.map((w) => values.get(w)).filter((v): v is number => v !== undefined);
    if (present.length === 0) current = null;
    else if (config.aggregate === 'sum') current = present.reduce((a, b) => a + b, 0);
    else current = present.reduce((a, b) => a + b, 0) / present.length;
    scope = `${config.aggregate} of the last ${config.weeks} weeks`;
  }
  if (current === null) return { met: false, current: null, target, detail: `${config.metricKey}: no data yet` };
  const met = config.op === 'gte' ? current >= target : current <= target;
  return { met, current, target, detail: `${config.metricKey} ${fmt(current)} (${scope}), needs ${op} ${fmt(target)}` };
}

export function evaluatePipeline(config: z.output<typeof pipelineCountConfig>, partners: readonly PartnerFact[]): Evaluation {
  const stageIndex = pipelineStages.indexOf(config.stageReached);
  const count = partners.filter(
    (p) => p.furthest >= stageIndex && (config.track === null || p.track === config.track) && (config.package === null || p.package === config.package),
  ).length;
  return { met: count >= config.min, current: count, target: config.min, detail: `${count} of ${config.min} partners reached ${config.stageReached}` };
}

export function evaluateEvidenceCount(config: z.output<typeof evidenceCountConfig>, facts: EvaluationFacts): Evaluation {
  let items: readonly string[];
  const on = config.on;
  if (on === 'partner') items = facts.partnerIds;
  else if (config.phaseKey === null) items = [...facts.phaseItems.values()].flatMap((p) => p[on]);
  else items = facts.phaseItems.get(config.phaseKey)?.[on] ?? [];
  const evidence = new Set<string>();
  let withEvidence = 0;
  for (const id of items) {
    const matching = (facts.evidenceOn.get(`${config.on}:${id}`) ?? []).filter((e) => e.kind === config.kind && usable(e));
    if (matching.length > 0) withEvidence++;
    for (const e of matching) evidence.add(e.id);
  }
  const count = config.countBy === 'items' ? withEvidence : evidence.size;
  const what = config.countBy === 'items' ? `${config.on}s with ${config.kind} evidence` : `${config.kind} evidence`;
  return { met: count >= config.min, current: count, target: config.min, detail: `${count} of ${config.min} ${what}` };
}

export function evaluateLinkHealth(config: z.output<typeof linkHealthConfig>, attached: readonly EvidenceFact[]): Evaluation {
  const relevant = attached.filter((e) => config.kind === null || e.kind === config.kind);
  const healthy = relevant.filter((e) => e.health === 'HEALTHY').length;
  const broken = relevant.filter((e) => e.health === 'BROKEN').length;
  const label = config.kind ?? 'evidence';
  if (relevant.length === 0) return { met: false, current: 0, target: 0, detail: `No ${label} links attached yet` };
  const detail =
    healthy === relevant.length
      ? `All ${relevant.length} ${label} links healthy`
      : `${healthy} of ${relevant.length} ${label} links healthy${broken ? `, ${broken} broken` : ''}${relevant.length - healthy - broken ? `, ${relevant.length - healthy - broken} not checked yet` : ''}`;
  return { met: healthy === relevant.length, current: healthy, target: relevant.length, detail };
}

export function evaluateGateRunStreak(config: z.output<typeof gateRunStreakConfig>, attached: readonly EvidenceFact[]): Evaluation {
  const runs = attached
    .filter((e) => e.kind === 'GATE_RUN' && e.result !== null)
    .sort((a, b) => b.capturedOn.localeCompare(a.capturedOn) || b.createdAt.localeCompare(a.createdAt));
  let streak = 0;
  while (streak < runs.length && runs[streak]!.result === 'PASSED') streak++;
  const met = streak >= config.runs;
  const detail =
    runs.length === 0
      ? 'No gate runs recorded yet'
      : met
        ? `The last ${config.runs} gate runs passed`
        : streak < runs.length
          ? `${streak} passing run(s) since the last failure on ${runs[streak]!.capturedOn}; needs ${config.runs}`
          : `${streak} of ${config.runs} passing runs recorded`;
  return { met, current: streak, target: config.runs, detail };
}

export function evaluateCriterion(criterion: CriterionFacts, facts: EvaluationFacts): Evaluation {
  const { spec } = criterion;
  const ownerEvidence = facts.evidenceOn.get(`${criterion.owner.targetType}:${criterion.owner.targetId}`) ?? [];
  switch (spec.kind) {
    case 'MANUAL':
      return evaluateManual(criterion.checked, facts.evidenceOn.get(`criterion:${criterion.id}`) ?? []);
    case 'METRIC_THRESHOLD':
      return evaluateMetric(spec.config, facts.metrics.get(spec.config.metricKey), facts.today);
    case 'PIPELINE_COUNT':
      return evaluatePipeline(spec.config, facts.partners);
    case 'EVIDENCE_COUNT':
      return evaluateEvidenceCount(spec.config, facts);
    case 'LINK_HEALTH':
      return evaluateLinkHealth(spec.config, ownerEvidence);
    case 'GATE_RUN_STREAK':
      return evaluateGateRunStreak(spec.config, ownerEvidence);
  }
}

/** The earliest week a set of metric criteria needs, so the service loads no more history than that. */
export function earliestMetricWeek(specs: readonly CriterionSpec[], today: IsoDate): IsoDate {
  const weeks = Math.max(1, ...specs.map((s) => (s.kind === 'METRIC_THRESHOLD' ? (s.config.aggregate === 'latest' ? 52 : s.config.weeks) : 1)));
  return addDays(weekStartOf(today), -7 * (weeks - 1));
}

/** True when an evaluation differs from the stored one in anything a person would see. */
export function evaluationChanged(stored: { met: boolean; currentValue: number | null; targetValue: number | null; detail: string }, next: Evaluation): boolean {
  return stored.met !== next.met || stored.currentValue !== next.current || stored.targetValue !== next.target || stored.detail !== next.detail;
}
