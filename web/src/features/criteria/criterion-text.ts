import type { CriterionSpec } from '@server/modules/criteria/criteria.schema';
import type { TFunction } from 'i18next';

const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(2));

/** One line saying what a criterion checks, in the reader's language. */
export function criterionSummary(spec: CriterionSpec | null, t: TFunction): string {
  if (!spec) return t('gates.criteria.invalidConfig');
  const evidenceKind = (k: string | null) => (k ? t(`gates.evidenceKind.${k}` as 'gates.evidenceKind.DOC') : t('gates.criteria.anyKind'));
  switch (spec.kind) {
    case 'MANUAL':
      return t('gates.criteria.summary.MANUAL');
    case 'METRIC_THRESHOLD':
      return t('gates.criteria.summary.METRIC_THRESHOLD', {
        metric: spec.config.metricKey,
        aggregate: t(`gates.criteria.aggregate.${spec.config.aggregate}`, { weeks: spec.config.weeks }),
        op: t(`gates.criteria.op.${spec.config.op}`),
        value: fmt(spec.config.value),
      });
    case 'PIPELINE_COUNT': {
      const filters = [spec.config.track && t(`partners.track.${spec.config.track}`), spec.config.package && t(`partners.package.${spec.config.package}`)].filter(Boolean);
      return t('gates.criteria.summary.PIPELINE_COUNT', {
        count: spec.config.min,
        stage: t(`partners.stage.${spec.config.stageReached}`),
        filters: filters.length ? ` (${filters.join(', ')})` : '',
      });
    }
    case 'EVIDENCE_COUNT':
      return t('gates.criteria.summary.EVIDENCE_COUNT', {
        min: spec.config.min,
        countBy: t(`gates.criteria.countBy.${spec.config.countBy}`, { kind: evidenceKind(spec.config.kind) }),
        on: t(`gates.criteria.on.${spec.config.on}`),
        phase: spec.config.phaseKey ? t('gates.criteria.inPhase', { key: spec.config.phaseKey }) : '',
      });
    case 'LINK_HEALTH':
      return t('gates.criteria.summary.LINK_HEALTH', { kind: evidenceKind(spec.config.kind) });
    case 'GATE_RUN_STREAK':
      return t('gates.criteria.summary.GATE_RUN_STREAK', { count: spec.config.runs });
  }
}

export const formatValue = fmt;
