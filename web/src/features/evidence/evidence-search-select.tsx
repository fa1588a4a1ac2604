import { Group, Loader, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../lib/trpc';
import { kindLabel, shortUrl, type EvidenceListItem } from './evidence-kinds';

export interface EvidenceSearchSelectProps {
  label: string;
  /** Evidence not to offer (already attached or chosen). */
  exclude: ReadonlySet<string>;
  onPick: (evidence: EvidenceListItem) => void;
  disabled?: boolean;
  autoFocus?: boolean;
}

/**
 * Finds live evidence by title, address or note (the server searches; the newest ten come first)
 * and hands the chosen one to `onPick`, then clears itself for the next.
 */
export function EvidenceSearchSelect({ label, exclude, onPick, disabled, autoFocus }: EvidenceSearchSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const list = useQuery({ ...trpc.evidence.list.queryOptions({ ...(q && { q }), limit: 10 }), placeholderData: keepPreviousData });
  const items = useMemo(() => (list.data?.items ?? []).filter((e) => !exclude.has(e.id)), [list.data, exclude]);
  const byId = useMemo(() => new Map(items.map((e) => [e.id, e])), [items]);

  return (
    <Select
      label={label}
      placeholder={t('evidence.panel.searchPlaceholder')}
      searchable
      autoFocus={autoFocus}
      disabled={disabled}
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      // The server has filtered already; matching again here would hide hits in the address or note.
      filter={({ options }) => options}
      data={items.map((e) => ({ value: e.id, label: e.title }))}
      nothingFoundMessage={list.isFetching ? t('common.loading') : t('evidence.panel.nothingFound')}
      rightSection={list.isFetching ? <Loader size={14} /> : undefined}
      // Ten short options fit without a scroll area (whose unfocusable scrolling region axe flags).
      withScrollArea={false}
      comboboxProps={{ withinPortal: true }}
      renderOption={({ option }) => {
        const e = byId.get(option.value);
        if (!e) return option.label;
        return (
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
              {e.title}
            </Text>
            <Group gap={6} wrap="nowrap">
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                {kindLabel(e.kind, t)}
              </Text>
              {e.health !== 'HEALTHY' && (
                <Text size="xs" {...(e.health === 'BROKEN' ? { className: 'text-overdue', fw: 600 } : { c: 'dimmed' })} style={{ flexShrink: 0 }}>
                  · {t(`evidence.health.${e.health}`)}
                </Text>
              )}
              <Text size="xs" c="dimmed" truncate>
                · {shortUrl(e.url)}
              </Text>
            </Group>
          </Stack>
        );
      }}
      onChange={(id) => {
        const picked = id ? byId.get(id) : undefined;
        setSearch('');
        if (picked) onPick(picked);
      }}
      data-testid="evidence-search"
    />
  );
}
