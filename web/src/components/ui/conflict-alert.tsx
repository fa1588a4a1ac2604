import { Alert, List, Text } from '@mantine/core';
import { IconGitCompare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { conflictOf, type ConflictDetail } from '../../lib/api-errors';
import { formatDateTime } from '../../lib/dates';

/**
 * The version an edit form saves against, and the conflict its last save ran into. A stale save is
 * refused with who changed the record and its current value; the form keeps the reader's edits, shows
 * the current value, and takes the current version, so saving again overwrites knowingly, never blindly.
 */
export function useVersionedEdit(version: number) {
  const [state, setState] = useState<{ version: number; conflict: ConflictDetail | null }>({ version, conflict: null });
  return {
    version: state.version,
    conflict: state.conflict,
    /** Call with a failed save's error: true if it was a stale version (now shown and taken). */
    caught(error: unknown): boolean {
      const conflict = conflictOf(error);
      if (!conflict) return false;
      setState((s) => ({ version: conflict.currentVersion ?? s.version, conflict }));
      return true;
    },
  };
}

/** A field the form edits: where the conflict's current value holds it, its label, and how to show it. */
export interface ConflictField {
  key: string;
  label: string;
  format?: (value: unknown) => string;
}

function plain(value: unknown, none: string): string {
  if (value === null || value === undefined || value === '') return none;
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') : none;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Who changed the record while the form was open, and the current values of the fields it edits. */
export function ConflictAlert({ conflict, fields }: { conflict: ConflictDetail | null; fields: readonly ConflictField[] }) {
  const { t } = useTranslation();
  if (!conflict) return null;
  const title = conflict.changedBy
    ? t('errors.conflictTitle', { name: conflict.changedBy, time: formatDateTime(conflict.changedAt) })
    : t('errors.conflictTitleUnknown');
  const shown = fields.filter((f) => f.key in conflict.current);
  return (
    <Alert color="orange" variant="light" icon={<IconGitCompare />} title={title} role="alert" data-testid="conflict-alert">
      {shown.length > 0 && (
        <>
          <Text size="sm">{t('errors.conflictCurrent')}</Text>
          <List size="sm" my={4}>
            {shown.map((f) => {
              const value = conflict.current[f.key];
              return (
                <List.Item key={f.key}>
                  <Text span size="sm" fw={500}>
                    {f.label}:
                  </Text>{' '}
                  {value === null || value === undefined || value === '' ? t('common.none') : f.format ? f.format(value) : plain(value, t('common.none'))}
                </List.Item>
              );
            })}
          </List>
        </>
      )}
      <Text size="sm">{t('errors.conflictSaveAgain')}</Text>
    </Alert>
  );
}
