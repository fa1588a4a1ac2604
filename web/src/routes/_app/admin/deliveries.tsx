import { Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { EmptyState, PageLoader } from '../../../components/ui/page-states';
import { useRetryDelivery } from '../../../features/notifications/use-notifications-mutations';
import { formatDateTime } from '../../../lib/dates';
import { can } from '@server/modules/users/rights';
import { useMe } from '../../../lib/session';
import { trpc } from '../../../lib/trpc';

const statuses = ['PENDING', 'RETRYING', 'SENT', 'DEAD'] as const;
const channels = ['inapp', 'email'] as const;
const search = z.object({
  status: z.catch(z.optional(z.enum(statuses)), undefined),
  channel: z.catch(z.optional(z.enum(channels)), undefined),
});

export const Route = createFileRoute('/_app/admin/deliveries')({
  validateSearch: search,
  component: DeliveriesPage,
});

const statusColor = { PENDING: 'gray', RETRYING: 'yellow', SENT: 'green', DEAD: 'red' } as const;

function DeliveriesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { status, channel } = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  const deliveries = useQuery({ ...trpc.notifications.deliveries.queryOptions({ status, channel, limit: 100 }), enabled: can(me.role, 'manageDeliveries') });
  const retry = useRetryDelivery();
  if (!can(me.role, 'manageDeliveries')) return <EmptyState>{t('notifications.deliveries.adminOnly')}</EmptyState>;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('notifications.deliveries.title')}
        </Title>
        <Text size="sm" c="dimmed" mt={4}>
          {t('notifications.deliveries.intro')}
        </Text>
      </div>
      <Group gap="sm">
        <Select
          label={t('notifications.deliveries.status')}
          clearable
          data={statuses.map((s) => ({ value: s, label: t(`notifications.deliveries.statuses.${s}`) }))}
          value={status ?? null}
          onChange={(v) => void navigate({ search: (prev) => ({ ...prev, status: (v as (typeof statuses)[number] | null) ?? undefined }) })}
          w={180}
        />
        <Select
          label={t('notifications.deliveries.channel')}
          clearable
          data={channels.map((c) => ({ value: c, label: t(`notifications.channel.${c}`) }))}
          value={channel ?? null}
          onChange={(v) => void navigate({ search: (prev) => ({ ...prev, channel: (v as (typeof channels)[number] | null) ?? undefined }) })}
          w={180}
        />
      </Group>
      {deliveries.isPending ? (
        <PageLoader />
      ) : !deliveries.data || deliveries.data.length === 0 ? (
        <EmptyState>{t('notifications.deliveries.empty')}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('notifications.deliveries.created')}</Table.Th>
                <Table.Th>{t('notifications.deliveries.channel')}</Table.Th>
                <Table.Th>{t('notifications.deliveries.event')}</Table.Th>
                <Table.Th>{t('notifications.deliveries.status')}</Table.Th>
                <Table.Th>{t('notifications.deliveries.attempts')}</Table.Th>
                <Table.Th>{t('notifications.deliveries.lastError')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.data.map((d) => (
                <Table.Tr key={d.id} data-testid="delivery-row">
                  <Table.Td>{formatDateTime(d.createdAt)}</Table.Td>
                  <Table.Td>{channels.includes(d.channel as (typeof channels)[number]) ? t(`notifications.channel.${d.channel as (typeof channels)[number]}`) : d.channel}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{d.event.type}</Text>
                    <Text size="xs" c="dimmed">
                      {d.target}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[d.status]} variant="light">
                      {t(`notifications.deliveries.statuses.${d.status}`)}
                    </Badge>
                    {d.status === 'RETRYING' && (
                      <Text size="xs" c="dimmed">
                        {t('notifications.deliveries.next', { at: formatDateTime(d.nextAttemptAt) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td>
                    <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                      {d.lastError ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {(d.status === 'DEAD' || d.status === 'RETRYING') && (
                      <Button size="compact-xs" variant="light" loading={retry.isPending && retry.variables?.id === d.id} onClick={() => retry.mutate({ id: d.id })}>
                        {t('notifications.deliveries.retryNow')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
