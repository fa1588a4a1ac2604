// Audit events in the reader's words: "Mia changed status At risk → Blocked · 2 hours ago". The server
// stores raw values (status codes, ISO dates, ids); field names and values are translated here.
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import type { TFunction } from 'i18next';
import auditEn from '../../locales/audit.en';
import en from '../../locales/en';
import { dayjsLocale, formatDate } from '../../lib/dates';
import i18n from '../../lib/i18n';

dayjs.extend(relativeTime);

export interface AuditEventLike {
  action: string;
  entityType: string;
  actorName: string;
  changes: unknown;
}

/** Phase ids named by the events, with their keys ("A"), as the server returns them alongside. */
export type PhaseKeys = Record<string, string>;

type Translate = TFunction;
type Loose = (key: string, options?: Record<string, unknown>) => string;
// Keys built from data (a field or status the server sent) are checked against the catalogue first.
const loose = (t: Translate) => t as unknown as Loose;

// Also the order changes are listed in: what a person edits most first (JSONB does not keep key order).
const fieldOrder = Object.keys(auditEn.fields);
const knownFields = new Set(fieldOrder);
const rank = (field: string) => (knownFields.has(field) ? fieldOrder.indexOf(field) : fieldOrder.length);
const knownLines = new Set(Object.keys(auditEn.line));
const statusKinds = en.status as Record<string, Record<string, string>>;
// Free text that would swamp a one-line summary: its change is named, not shown.
const longTextFields = new Set(['description', 'goal']);
// Ids a reader cannot use; their change is named without values.
const idFields = new Set(['copiedFromId', 'order', 'evidenceId', 'evidenceIds', 'gateId', 'deliverableId', 'config', 'spec']);
const dateFields = new Set(['dueDate', 'startDate']);
const quotedFields = new Set(['title', 'name']);

const isChange = (value: unknown): value is { from: unknown; to: unknown } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'from' in value && 'to' in value;

function fieldLabel(field: string, t: Translate): string {
  return knownFields.has(field) ? loose(t)(`audit.fields.${field}`) : field;
}

function valueLabel(field: string, value: unknown, entityType: string, phaseKeys: PhaseKeys, t: Translate): string {
  if (value === null || value === undefined || value === '') return t('audit.value.none');
  if (typeof value === 'boolean') return t(value ? 'audit.value.yes' : 'audit.value.no');
  if ((field === 'status' || field === 'suggested') && typeof value === 'string' && statusKinds[entityType]?.[value]) return loose(t)(`status.${entityType}.${value}`);
  if (field === 'decision' && typeof value === 'string') return loose(t)(`gates.decision.${value}`);
  if (field === 'health' && typeof value === 'string') return loose(t)(`evidence.health.${value}`);
  if (dateFields.has(field) && typeof value === 'string') return formatDate(value);
  if (field === 'phaseId' && typeof value === 'string') {
    return phaseKeys[value] ?? t('audit.value.otherPhase');
  }
  if (field === 'lengthDays' && typeof value === 'number') return t('audit.value.days', { count: value });
  if (quotedFields.has(field)) return t('audit.value.quoted', { value: String(value) });
  if (Array.isArray(value) || typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The changes of an event as one phrase: "status At risk → Blocked, owner Mia → Ana" for an update,
 * "title “Press kit”, status Not started" for the fields a create, delete or restore recorded.
 */
export function describeChanges(event: AuditEventLike, t: Translate, phaseKeys: PhaseKeys = {}): string {
  const changes = event.changes;
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) return changes == null ? '' : String(changes);
  const parts: string[] = [];
  const entries = Object.entries(changes as Record<string, unknown>).sort(([a], [b]) => rank(a) - rank(b));
  for (const [field, raw] of entries) {
    const label = fieldLabel(field, t);
    if (isChange(raw)) {
      parts.push(
        longTextFields.has(field) || idFields.has(field)
          ? t('audit.changeNoValues', { field: label })
          : t('audit.change', {
              field: label,
              from: valueLabel(field, raw.from, event.entityType, phaseKeys, t),
              to: valueLabel(field, raw.to, event.entityType, phaseKeys, t),
            }),
      );
    } else if (!idFields.has(field) && !longTextFields.has(field) && raw !== null && raw !== '') {
      parts.push(t('audit.fieldValue', { field: label, value: valueLabel(field, raw, event.entityType, phaseKeys, t) }));
    }
  }
  return parts.join(t('audit.listSeparator'));
}

/** One history line without its time: "Mia changed status At risk → Blocked". */
export function describeEvent(event: AuditEventLike, t: Translate, phaseKeys: PhaseKeys = {}): string {
  const actor = event.actorName || t('audit.system');
  const [kind = '', verb = ''] = event.action.split('.');
  if (verb === 'update' || verb === 'role' || verb === 'status') {
    const changes = describeChanges(event, t, phaseKeys);
    return changes ? loose(t)(`audit.line.${verb === 'status' ? 'update' : verb}`, { actor, changes }) : t('audit.line.updateNothing', { actor });
  }
  if (verb === 'tick' || verb === 'flip' || verb === 'health') {
    return loose(t)(`audit.line.${verb}`, { actor, changes: describeChanges(event, t, phaseKeys) });
  }
  if (verb === 'reorder') {
    const items = kind === 'deliverable' || kind === 'gate' ? t(`audit.reorderItems.${kind}`) : kind;
    return t('audit.line.reorder', { actor, items });
  }
  if (knownLines.has(verb)) return loose(t)(`audit.line.${verb}`, { actor });
  return t('audit.line.other', { actor, action: event.action });
}

/** "2 hours ago" / "2 小时前". */
export function relativeTimeOf(iso: string, language = i18n.language): string {
  return dayjs(iso).locale(dayjsLocale(language)).fromNow();
}

/** The exact local time, for a tooltip or the audit table: "Mar 10, 2026 14:05:09". */
export function absoluteTimeOf(iso: string, language = i18n.language): string {
  const d = dayjs(iso).locale(dayjsLocale(language));
  return language.startsWith('zh') ? d.format('YYYY年M月D日 HH:mm:ss') : d.format('MMM D, YYYY HH:mm:ss');
}
