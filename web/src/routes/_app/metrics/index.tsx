import { Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { EmptyState } from '../../../components/ui/page-states';
import { CsvImport } from '../../../features/metrics/csv-import';
import { MetricCard } from '../../../features/metrics/metric-card';
import { MetricFormModal } from '../../../features/metrics/metric-form-modal';
import type { MetricView } from '../../../features/metrics/metric-kinds';
import { useArchiveMetric } from '../../../features/metrics/use-metric-mutations';
import { ValuesGrid } from '../../../features/metrics/values-grid';
import { can } from '@server/modules/users/rights';
import { useMe } from '../../../lib/session';
import { trpc } from '../../../lib/trpc';

const weekChoices = [8, 12, 26] as const;

// The view and the weeks shown live in the URL, so a view can be shared by link.
const search = z.object({
  view: z._default(z.catch(z.enum(['charts', 'grid', 'import']), 'charts'), 'charts'),
  weeks: z.catch(z.optional(z.pipe(z.coerce.number(), z.union(weekChoices.map((w) => z.literal(w))))), undefined),
});
type Search = z.infer<typeof search>;

/** Charts look back 12 weeks by default; the grid shows the last 8 for entry. */
const weeksOf = (s: Search) => s.weeks ?? (s.view === 'grid' ? 8 : 12);

export const Route = createFileRoute('/_app/metrics/')({
  validateSearch: search,
  loaderDeps: ({ search }) => ({ weeks: weeksOf(search) }),
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(context.trpc.metrics.list.queryOptions(deps)),
  component: MetricsPage,
});

function MetricsPage() {
  const { t } = useTranslation();
  const s = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  const me = useMe();
  const weeks = weeksOf(s);
  const { data: list } = useSuspenseQuery(trpc.metrics.list.queryOptions({ weeks }));
  const [editing, setEditing] = useState<MetricView | 'new' | null>(null);
  const [archiving, setArchiving] = useState<MetricView | null>(null);

  const mayEdit = can(me.role, 'editMetrics');
  const view = mayEdit ? s.view : 'charts';
  const setSearch = (patch: Partial<Search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }) });

  const archiveMetric = useArchiveMetric();
  const archive = (metric: MetricView) => {
    setArchiving(null);
    archiveMetric(metric);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {t('metrics.pageTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('metrics.intro')}
          </Text>
        </Stack>
        <Group gap="xs" align="flex-end" wrap="wrap">
          {mayEdit && (
            <SegmentedControl
              value={view}
              onChange={(v) => setSearch({ view: v as Search['view'] })}
              data={(['charts', 'grid', 'import'] as const).map((v) => ({ value: v, label: t(`metrics.view.${v}`) }))}
            />
          )}
          {view !== 'import' && (
            <Select
              aria-label={t('metrics.weeksShown')}
              w={120}
              allowDeselect={false}
              value={String(weeks)}
              data={weekChoices.map((w) => ({ value: String(w), label: t('metrics.weeksOption', { count: w }) }))}
              onChange={(v) => v && setSearch({ weeks: Number(v) as Search['weeks'] })}
            />
          )}
          {mayEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-shortcut="create">
              {t('metrics.define')}
            </Button>
          )}
        </Group>
      </Group>

      {list.metrics.length === 0 ? (
        <EmptyState
          action={
            mayEdit && (
              <Button variant="light" onClick={() => setEditing('new')}>
                {t('metrics.define')}
              </Button>
            )
          }
        >
          {t('metrics.empty')} {mayEdit && t('metrics.emptyHint')}
        </EmptyState>
      ) : view === 'grid' ? (
        <ValuesGrid list={list} />
      ) : view === 'import' ? (
        <CsvImport metrics={list.metrics} currentWeek={list.weeks.at(-1)!} onImported={() => setSearch({ view: 'charts' })} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
          {list.metrics.map((m) => (
            <MetricCard
              key={m.id}
              metric={m}
              weeks={list.weeks}
              onEdit={mayEdit ? () => setEditing(m) : undefined}
              onArchive={mayEdit ? () => setArchiving(m) : undefined}
            />
          ))}
        </SimpleGrid>
      )}

      {editing && <MetricFormModal metric={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}

      <Modal opened={archiving !== null} onClose={() => setArchiving(null)} title={archiving ? t('metrics.archive.title', { name: archiving.name }) : ''}>
        <Text size="sm">{t('metrics.archive.body')}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setArchiving(null)} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => archiving && void archive(archiving)}>
            {t('metrics.archive.action')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
