import { Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/dates';
import { trpc } from '../../lib/trpc';
import { KindBadge, ResultBadge } from './evidence-bits';
import { EvidenceFormModal } from './evidence-form-modal';
import type { EvidenceKind, EvidenceResult, EvidenceTarget, LinkHealth } from './evidence-kinds';
import { EvidenceSearchSelect } from './evidence-search-select';
import { HealthBadge } from './health-badge';

export interface EvidencePickerProps {
  /** The chosen evidence ids. */
  value: string[];
  onChange: (ids: string[]) => void;
  /** A record whose attached evidence is offered first (say, the gate of the criterion being ticked). */
  suggestFrom?: EvidenceTarget;
  label?: string;
}

interface Choice {
  id: string;
  title: string;
  url: string;
  kind: EvidenceKind;
  capturedOn: string;
  result: EvidenceResult | null;
  health: LinkHealth;
  httpStatus: number | null;
  checkError: string | null;
  checkedAt: string | null;
  finalUrl: string | null;
}

/**
 * Chooses evidence ids for something that cites evidence (a manual criterion's tick): the evidence
 * attached to `suggestFrom` as checkboxes first, then any other live evidence found by search, or a
 * new link added on the spot (it is created at once, unattached, and chosen).
 */
export function EvidencePicker({ value, onChange, suggestFrom, label }: EvidencePickerProps) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  // Evidence picked from search, remembered so its row shows without another request.
  const [picked, setPicked] = useState<Map<string, Choice>>(() => new Map());
  const suggestedQuery = useQuery({
    ...trpc.evidence.forTarget.queryOptions(suggestFrom ?? { targetType: 'gate', targetId: '' }),
    enabled: Boolean(suggestFrom),
  });
  const suggested: Choice[] = useMemo(() => (suggestFrom ? (suggestedQuery.data ?? []) : []), [suggestFrom, suggestedQuery.data]);
  const suggestedIds = useMemo(() => new Set(suggested.map((e) => e.id)), [suggested]);

  // Chosen ids that are neither suggested nor picked here (chosen before, or just created): fetch them.
  const unknown = value.filter((id) => !suggestedIds.has(id) && !picked.has(id));
  const fetched = useQueries({ queries: unknown.map((id) => trpc.evidence.byId.queryOptions({ id })) });
  const extras: Choice[] = value
    .filter((id) => !suggestedIds.has(id))
    .map((id) => picked.get(id) ?? fetched.find((q) => q.data?.id === id)?.data)
    .filter((e): e is Choice => Boolean(e));
  const exclude = useMemo(() => new Set([...value, ...suggestedIds]), [value, suggestedIds]);

  const choose = (id: string) => {
    if (!value.includes(id)) onChange([...value, id]);
  };

  return (
    <Stack gap="xs" data-testid="evidence-picker">
      <Checkbox.Group label={label ?? t('evidence.picker.label')} value={value} onChange={onChange}>
        <Stack gap={6} mt={6}>
          {suggested.length > 0 && <GroupLabel>{t('evidence.picker.suggested')}</GroupLabel>}
          {suggested.map((e) => (
            <ChoiceBox key={e.id} e={e} />
          ))}
          {suggested.length > 0 && extras.length > 0 && <GroupLabel>{t('evidence.picker.chosen')}</GroupLabel>}
          {extras.map((e) => (
            <ChoiceBox key={e.id} e={e} />
          ))}
          {suggested.length + extras.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('evidence.picker.none')}
            </Text>
          )}
        </Stack>
      </Checkbox.Group>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <div style={{ flex: '1 1 240px' }}>
          <EvidenceSearchSelect
            label={t('evidence.picker.search')}
            exclude={exclude}
            onPick={(e) => {
              setPicked((m) => new Map(m).set(e.id, e));
              choose(e.id);
            }}
          />
        </div>
        <Button variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
          {t('evidence.panel.addLink')}
        </Button>
      </Group>
      <EvidenceFormModal opened={adding} onClose={() => setAdding(false)} onSaved={choose} />
    </Stack>
  );
}

function GroupLabel({ children }: { children: string }) {
  return (
    <Text size="xs" c="dimmed" fw={500}>
      {children}
    </Text>
  );
}

function ChoiceBox({ e }: { e: Choice }) {
  return (
    <Checkbox
      value={e.id}
      label={
        <Stack gap={2}>
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {e.title}
          </Text>
          <Group gap={6} wrap="wrap">
            <KindBadge kind={e.kind} />
            <ResultBadge kind={e.kind} result={e.result} />
            <HealthBadge evidence={e} focusable={false} />
            <Text size="xs" c="dimmed">
              {formatDate(e.capturedOn)}
            </Text>
          </Group>
        </Stack>
      }
    />
  );
}
