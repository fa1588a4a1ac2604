import { Button, Group, SegmentedControl, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ButtonLink } from '../../../components/ui/links';
import { EmptyState } from '../../../components/ui/page-states';
import { downloadPartnersCsv } from '../../../features/partners/csv-export';
import { packages, segments, tracks } from '../../../features/partners/partner-kinds';
import { PartnerBoard } from '../../../features/partners/partner-board';
import { PartnerFormModal } from '../../../features/partners/partner-form-modal';
import { PartnersTable, sortCards, sortKeys } from '../../../features/partners/partners-table';
import { useMe } from '../../../lib/session';
import { trpc } from '../../../lib/trpc';
import { setFiltersOnly, useUrlFilters } from '../../../lib/url-filters';

// Filters, view and sort live in the URL, so a filtered board can be shared by link.
const search = z.object({
  view: z.enum(['board', 'table']).catch('board').default('board'),
  owner: z.string().optional().catch(undefined),
  track: z.enum(tracks).optional().catch(undefined),
  segment: z.enum(segments).optional().catch(undefined),
  package: z.enum(packages).optional().catch(undefined),
  tag: z.string().optional().catch(undefined),
  q: z.string().optional().catch(undefined),
  sort: z.enum(sortKeys).catch('company').default('company'),
  dir: z.enum(['asc', 'desc']).catch('asc').default('asc'),
});
type Search = z.infer<typeof search>;

const listInput = (s: Search) =>
  setFiltersOnly({ ownerId: s.owner, track: s.track, segment: s.segment, package: s.package, tag: s.tag, q: s.q });

export const Route = createFileRoute('/_app/partners/')({
  validateSearch: search,
  loaderDeps: ({ search }) => listInput(search),
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(trpc.partners.list.queryOptions(deps)),
  component: PartnersPage,
});

function PartnersPage() {
  const { t } = useTranslation();
  const s = Route.useSearch();
  const me = useMe();
  const { data: cards } = useSuspenseQuery(trpc.partners.list.queryOptions(listInput(s)));
  const { data: owners = [] } = useQuery(trpc.partners.owners.queryOptions());
  const [adding, setAdding] = useState(false);
  const { setSearch, q, setQ, filtered, clearFilters } = useUrlFilters(s, ['owner', 'track', 'segment', 'package', 'tag', 'q']);

  const mayCreate = me.role === 'sales' || me.role === 'leadership' || me.role === 'admin';
  const mayEdit = (card: (typeof cards)[number]) => me.role === 'leadership' || me.role === 'admin' || (me.role === 'sales' && card.ownerId === me.id);
  const sorted = sortCards(cards, s.sort, s.dir);
  const opt = (values: readonly string[], ns: 'segment' | 'package' | 'track') => values.map((v) => ({ value: v, label: t(`partners.${ns}.${v}` as 'partners.track.HOSTED') }));

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={1} size="h2">
          {t('partners.pageTitle')}
        </Title>
        <Group gap="xs">
          <SegmentedControl
            size="sm"
            value={s.view}
            onChange={(view) => setSearch({ view: view as Search['view'] })}
            data={[
              { value: 'board', label: t('partners.board') },
              { value: 'table', label: t('partners.table') },
            ]}
          />
          <ButtonLink to="/partners/funnel" variant="default">
            {t('partners.nav.funnel')}
          </ButtonLink>
          {mayCreate && (
            <ButtonLink to="/partners/import" variant="default">
              {t('partners.nav.import')}
            </ButtonLink>
          )}
          {mayCreate && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
              {t('partners.add')}
            </Button>
          )}
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="xs" className="no-print">
        <TextInput
          label={t('partners.filters.q')}
          placeholder={t('partners.filters.qPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <Select label={t('partners.filters.owner')} placeholder={t('partners.filters.any')} clearable value={s.owner ?? null} data={owners.map((o) => ({ value: o.id, label: o.name }))} onChange={(v) => setSearch({ owner: v ?? undefined })} />
        <Select label={t('partners.filters.track')} placeholder={t('partners.filters.any')} clearable value={s.track ?? null} data={opt(tracks, 'track')} onChange={(v) => setSearch({ track: (v ?? undefined) as Search['track'] })} />
        <Select label={t('partners.filters.segment')} placeholder={t('partners.filters.any')} clearable value={s.segment ?? null} data={opt(segments, 'segment')} onChange={(v) => setSearch({ segment: (v ?? undefined) as Search['segment'] })} />
        <Select label={t('partners.filters.package')} placeholder={t('partners.filters.any')} clearable value={s.package ?? null} data={opt(packages, 'package')} onChange={(v) => setSearch({ package: (v ?? undefined) as Search['package'] })} />
        <TextInput label={t('partners.filters.tag')} value={s.tag ?? ''} onChange={(e) => setSearch({ tag: e.currentTarget.value || undefined })} />
      </SimpleGrid>
      {filtered && (
        <Group>
          <Button size="compact-sm" variant="subtle" onClick={clearFilters}>
            {t('partners.filters.clear')}
          </Button>
        </Group>
      )}

      {cards.length === 0 ? (
        <EmptyState>{filtered ? t('partners.empty') : t('partners.emptyAll')}</EmptyState>
      ) : s.view === 'board' ? (
        <PartnerBoard cards={cards} editable={mayEdit} />
      ) : (
        <Stack gap="xs">
          <Group justify="flex-end">
            <Button size="compact-sm" variant="default" leftSection={<IconDownload size={14} />} onClick={() => downloadPartnersCsv(sorted)}>
              {t('partners.exportCsv')}
            </Button>
          </Group>
          <PartnersTable
            cards={sorted}
            sort={s.sort}
            dir={s.dir}
            onSort={(key) => setSearch({ sort: key, dir: s.sort === key && s.dir === 'asc' ? 'desc' : 'asc' })}
          />
        </Stack>
      )}
      <PartnerFormModal opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}
