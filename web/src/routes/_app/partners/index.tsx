import { Button, Group, Pagination, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { can } from '@server/modules/users/rights';
import { ButtonLink } from '../../../components/ui/links';
import { EmptyState } from '../../../components/ui/page-states';
import { downloadPartnersCsv } from '../../../features/partners/csv-export';
import { packages, segments, tracks } from '../../../features/partners/partner-kinds';
import { PartnerBoard } from '../../../features/partners/partner-board';
import { PartnerFormModal } from '../../../features/partners/partner-form-modal';
import { PartnersTable, sortKeys } from '../../../features/partners/partners-table';
import type { PartnerCard } from '../../../features/partners/use-partner-mutations';
import { useMe } from '../../../lib/session';
import { trpc } from '../../../lib/trpc';
import { setFiltersOnly, useUrlFilters } from '../../../lib/url-filters';

// Filters, view and sort live in the URL, so a filtered board can be shared by link.
const search = z.object({
  view: z._default(z.catch(z.enum(['board', 'table']), 'board'), 'board'),
  owner: z.catch(z.optional(z.string()), undefined),
  track: z.catch(z.optional(z.enum(tracks)), undefined),
  segment: z.catch(z.optional(z.enum(segments)), undefined),
  package: z.catch(z.optional(z.enum(packages)), undefined),
  tag: z.catch(z.optional(z.string()), undefined),
  q: z.catch(z.optional(z.string()), undefined),
  sort: z._default(z.catch(z.enum(sortKeys), 'company'), 'company'),
  dir: z._default(z.catch(z.enum(['asc', 'desc']), 'asc'), 'asc'),
});
type Search = z.infer<typeof search>;

const filterInput = (s: Search) =>
  setFiltersOnly({ ownerId: s.owner, track: s.track, segment: s.segment, package: s.package, tag: s.tag, q: s.q });
type Filters = ReturnType<typeof filterInput>;

/** Rows a table page shows; the board's columns page by the server's default (50 a column). */
const TABLE_PAGE_SIZE = 50;
const tableInput = (filters: Filters, s: Pick<Search, 'sort' | 'dir'>, page: number) => ({ ...filters, sort: s.sort, dir: s.dir, offset: (page - 1) * TABLE_PAGE_SIZE, limit: TABLE_PAGE_SIZE });

export const Route = createFileRoute('/_app/partners/')({
  validateSearch: search,
  loaderDeps: ({ search }) => ({ view: search.view, sort: search.sort, dir: search.dir, filters: filterInput(search) }),
  loader: ({ context, deps }) =>
    deps.view === 'board'
      ? context.queryClient.ensureQueryData(context.trpc.partners.board.queryOptions(deps.filters))
      : context.queryClient.ensureQueryData(context.trpc.partners.list.queryOptions(tableInput(deps.filters, deps, 1))),
  component: PartnersPage,
});

function PartnersPage() {
  const { t } = useTranslation();
  const s = Route.useSearch();
  const me = useMe();
  const filters = filterInput(s);
  const { data: owners = [] } = useQuery(trpc.partners.owners.queryOptions());
  const [adding, setAdding] = useState(false);
  const { setSearch, q, setQ, filtered, clearFilters } = useUrlFilters(s, ['owner', 'track', 'segment', 'package', 'tag', 'q']);

  const mayCreate = can(me.role, 'editPartners');
  const mayEdit = (card: PartnerCard) => can(me.role, 'editAnyPartner') || (mayCreate && card.ownerId === me.id);
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
            {t('app.nav.funnel')}
          </ButtonLink>
          {mayCreate && (
            <ButtonLink to="/partners/import" variant="default">
              {t('app.nav.partnersImport')}
            </ButtonLink>
          )}
          {mayCreate && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-shortcut="create">
              {t('partners.add')}
            </Button>
          )}
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="xs" className="no-print">
        <TextInput
          label={t('partners.filters.q')}
          placeholder={t('partners.filters.qPlaceholder')}
          data-shortcut="search"
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

      {s.view === 'board' ? (
        <BoardView filters={filters} filtered={filtered} editable={mayEdit} />
      ) : (
        // A new filter or sort starts again at page 1.
        <TableView key={JSON.stringify([filters, s.sort, s.dir])} filters={filters} filtered={filtered} sort={s.sort} dir={s.dir}
          onSort={(key) => setSearch({ sort: key, dir: s.sort === key && s.dir === 'asc' ? 'desc' : 'asc' })}
        />
      )}
      <PartnerFormModal opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}

function BoardView({ filters, filtered, editable }: { filters: Filters; filtered: boolean; editable: (card: PartnerCard) => boolean }) {
  const { t } = useTranslation();
  const { data: board } = useSuspenseQuery(trpc.partners.board.queryOptions(filters));
  if (board.columns.every((c) => c.total === 0)) return <EmptyState>{filtered ? t('partners.empty') : t('partners.emptyAll')}</EmptyState>;
  return <PartnerBoard board={board} filters={filters} editable={editable} />;
}

/** One page of the table, sorted by the server; the CSV export downloads every matching row. */
function TableView({ filters, filtered, sort, dir, onSort }: { filters: Filters; filtered: boolean; sort: Search['sort']; dir: Search['dir']; onSort: (key: Search['sort']) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [exporting, setExporting] = useState(false);
  const { data } = useQuery({ ...trpc.partners.list.queryOptions(tableInput(filters, { sort, dir }, page)), placeholderData: keepPreviousData });
  if (!data) return null;
  if (data.total === 0) return <EmptyState>{filtered ? t('partners.empty') : t('partners.emptyAll')}</EmptyState>;
  const exportCsv = async () => {
    setExporting(true);
    try {
      downloadPartnersCsv(await queryClient.fetchQuery(trpc.partners.export.queryOptions({ ...filters, sort, dir })));
    } finally {
      setExporting(false);
    }
  };
  const from = (page - 1) * TABLE_PAGE_SIZE + 1;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="table-range">
          {t('partners.tablePage', { from, to: from + data.items.length - 1, total: data.total })}
        </Text>
        <Button size="compact-sm" variant="default" leftSection={<IconDownload size={14} />} loading={exporting} onClick={() => void exportCsv()}>
          {t('partners.exportCsv')}
        </Button>
      </Group>
      <PartnersTable cards={data.items} sort={sort} dir={dir} onSort={onSort} />
      {data.total > TABLE_PAGE_SIZE && (
        <Group justify="center">
          <Pagination size="sm" total={Math.ceil(data.total / TABLE_PAGE_SIZE)} value={page} onChange={setPage} />
        </Group>
      )}
    </Stack>
  );
}
