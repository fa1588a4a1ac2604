// Stable, human-readable keys for gates and criteria, so a pipeline can name them: `B.production-gates`
// for a gate (its phase's key, then its own), `B.production-gates.gate-run-streak` for a criterion.
// The migration that introduced keys backfills them with the same rules, in SQL.
import type { CriterionSpec } from '../criteria/criteria.schema.js';

export const KEY_MAX = 60;

/** Lower-case letters and digits in dash-separated words: `Docs links all green` → `docs-links-all-green`. */
export function slugKey(text: string, fallback: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, KEY_MAX)
    .replace(/^-+|-+$/g, '');
  return slug || fallback;
}

/** `base`, or `base-2`, `base-3`… the first one not already taken by a sibling. */
export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** What a criterion checks names it: the metric of a threshold, the kind otherwise. */
export function criterionKeyBase(spec: Pick<CriterionSpec, 'kind'> & { config: unknown }): string {
  const kind = spec.kind.toLowerCase().replaceAll('_', '-');
  if (spec.kind === 'METRIC_THRESHOLD') {
    const metricKey = (spec.config as { metricKey?: unknown }).metricKey;
    if (typeof metricKey === 'string') return slugKey(metricKey, kind);
  }
  return kind;
}

/** Keys for a list of new criteria in order, each unique among its siblings. */
export function criterionKeys(specs: readonly (Pick<CriterionSpec, 'kind'> & { config: unknown })[], taken: Iterable<string> = []): string[] {
  const used = [...taken];
  return specs.map((spec) => {
    const key = uniqueKey(criterionKeyBase(spec), used);
    used.push(key);
    return key;
  });
}

/** `B.production-gates` → phase `B`, gate `production-gates`; with a third part, a criterion of it. */
export function parseRecordKey(key: string): { phase: string; gate: string; criterion: string | null } | null {
  const match = /^([A-Za-z0-9_-]{1,20})\.([a-z0-9-]{1,60})(?:\.([a-z0-9-]{1,70}))?$/.exec(key);
  if (!match) return null;
  return { phase: match[1]!, gate: match[2]!, criterion: match[3] ?? null };
}

export const gateKeyOf = (phaseKey: string, gateKey: string) => `${phaseKey}.${gateKey}`;
