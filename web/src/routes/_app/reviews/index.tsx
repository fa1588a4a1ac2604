import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../../components/ui/links';
import { EmptyState } from '../../../components/ui/page-states';
import { OpenThisWeekButton } from '../../../features/reviews/open-this-week-button';
import { statusColor } from '../../../features/reviews/review-kinds';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { trpc } from '../../../lib/trpc';

export const Route = createFileRoute('/_app/reviews/')({
  loader: ({ context }) => context.queryClient.ensureQueryData(context.trpc.reviews.list.queryOptions()),
  component: ReviewsPage,
});

function ReviewsPage() {
  const { t } = useTranslation();
  const { data: reviews } = useSuspenseQuery(trpc.reviews.list.queryOptions());

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <div>
          <Title order={1} size="h2">
            {t('reviews.pageTitle')}
          </Title>
          <Text size="sm" c="dimmed" maw={680}>
            {t('reviews.intro')}
          </Text>
        </div>
        <OpenThisWeekButton />
      </Group>
      {reviews.length === 0 ? (
        <EmptyState>{t('reviews.empty')}</EmptyState>
      ) : (
        <Card withBorder padding={0}>
          <Table.ScrollContainer minWidth={560}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reviews.list.week')}</Table.Th>
                  <Table.Th>{t('reviews.list.status')}</Table.Th>
                  <Table.Th ta="right">{t('reviews.list.attendees')}</Table.Th>
                  <Table.Th ta="right">{t('reviews.list.decisions')}</Table.Th>
                  <Table.Th ta="right">{t('reviews.list.actionItems')}</Table.Th>
                  <Table.Th>{t('reviews.list.closed')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {reviews.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <AnchorLink to="/reviews/$week" params={{ week: r.weekStart }} fw={600}>
                        {t('reviews.weekOf', { date: formatDate(r.weekStart) })}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={statusColor[r.status]} style={{ textTransform: 'none' }}>
                        {t(`reviews.status.${r.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{r.attendees}</Table.Td>
                    <Table.Td ta="right">{r.decisions}</Table.Td>
                    <Table.Td ta="right">{r.actionItems}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {r.closedAt ? `${formatDateTime(r.closedAt)} · ${r.closedByName ?? ''}` : '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}
