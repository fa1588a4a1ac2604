import { Button, Chip, Grid, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { can } from '@server/modules/users/rights';
import { EmptyState } from '../../../components/ui/page-states';
import { channels, layers, statuses } from '../../../features/claims/claim-kinds';
import { ClaimFormModal } from '../../../features/claims/claim-form-modal';
import { ClaimsTable } from '../../../features/claims/claims-table';
import { useMe } from '../../../lib/session';
import { trpc } from '../../../lib/trpc';
import { setFiltersOnly, useUrlFilters } from '../../../lib/url-filters';

// Filters live in the URL, so a filtered register can be shared by link.
const search = z.object({
  status: z.catch(z.optional(z.enum(statuses)), undefined),
  channel: z.catch(z.optional(z.enum(channels)), undefined),
  layer: z.catch(z.optional(z.enum(layers)), undefined),
  q: z.catch(z.optional(z.string()), undefined),
});
type Search = z.infer<typeof search>;

const listInput = (s: Search) => setFiltersOnly({ status: s.status, channel: s.channel, layer: s.layer, q: s.q });

export const Route = createFileRoute('/_app/claims/')({
  validateSearch: search,
  loaderDeps: ({ search }) => listInput(search),
  loader: ({ context, deps }) => context.queryClient.ensureQueryData(context.trpc.claims.list.queryOptions(deps)),
  component: ClaimsPage,
});

const ALL = 'ALL';

function ClaimsPage() {
  const { t } = useTranslation();
  const s = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  const me = useMe();
  const { data } = useSuspenseQuery(trpc.claims.list.queryOptions(listInput(s)));
  const [adding, setAdding] = useState(false);
  const { setSearch, q, setQ, filtered, clearFilters } = useUrlFilters(s, ['status', 'channel', 'layer', 'q']);

  const mayCreate = can(me.role, 'editClaims');
  const opt = (values: readonly string[], ns: 'channel' | 'layer') => values.map((v) => ({ value: v, label: t(`claims.${ns}.${v}` as 'claims.channel.WEBSITE') }));

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {t('claims.pageTitle')}
          </Title>
          <Text size="sm" c="dimmed" maw={640}>
            {t('claims.intro')}
          </Text>
        </div>
        {mayCreate && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-shortcut="create">
            {t('claims.add')}
          </Button>
        )}
      </Group>

      <Chip.Group multiple={false} value={s.status ?? ALL} onChange={(v) => setSearch({ status: v === ALL ? undefined : (v as Search['status']) })}>
        <Group gap={6} role="radiogroup" aria-label={t('claims.filters.status')} className="no-print">
          <Chip value={ALL} size="sm">
            {t('claims.filters.all')} · {data.counts.total}
          </Chip>
          {statuses.map((status) => (
            <Chip key={status} value={status} size="sm">
              {t(`claims.status.${status}`)} · {data.counts[status]}
            </Chip>
          ))}
        </Group>
      </Chip.Group>

      <Grid gap="xs" className="no-print">
        <Grid.Col span={{ base: 12, xs: 4 }}>
          <TextInput
            label={t('claims.filters.q')}
            placeholder={t('claims.filters.qPlaceholder')}
            data-shortcut="search"
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, xs: 4 }}>
          <Select label={t('claims.filters.channel')} placeholder={t('claims.filters.any')} clearable value={s.channel ?? null} data={opt(channels, 'channel')} onChange={(v) => setSearch({ channel: (v ?? undefined) as Search['channel'] })} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, xs: 4 }}>
          <Select label={t('claims.filters.layer')} placeholder={t('claims.filters.any')} clearable value={s.layer ?? null} data={opt(layers, 'layer')} onChange={(v) => setSearch({ layer: (v ?? undefined) as Search['layer'] })} />
        </Grid.Col>
      </Grid>
      {filtered && (
        <Group>
          <Button size="compact-sm" variant="subtle" onClick={clearFilters}>
            {t('claims.filters.clear')}
          </Button>
        </Group>
      )}

      {data.items.length === 0 ? (
        <EmptyState
          action={
            !filtered && mayCreate ? (
              <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
                {t('claims.add')}
              </Button>
            ) : undefined
          }
        >
          {filtered ? t('claims.empty') : t('claims.emptyAll')}
        </EmptyState>
      ) : (
        <ClaimsTable claims={data.items} />
      )}
      <ClaimFormModal opened={adding} onClose={() => setAdding(false)} onCreated={(id) => void navigate({ to: '/claims/$id', params: { id } })} />
    </Stack>
  );
}
