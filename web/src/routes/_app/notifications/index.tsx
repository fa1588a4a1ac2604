import { Button, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { AnchorLink } from '../../../components/ui/links';
import { EmptyState, PageLoader } from '../../../components/ui/page-states';
import { NotificationList } from '../../../features/notifications/notification-list';
import { useMarkAllRead } from '../../../features/notifications/use-notifications-mutations';
import { trpc } from '../../../lib/trpc';

const search = z.object({ unread: z.catch(z.optional(z.boolean()), undefined) });

export const Route = createFileRoute('/_app/notifications/')({
  validateSearch: search,
  component: InboxPage,
});

function InboxPage() {
  const { t } = useTranslation();
  const { unread } = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  const inbox = useInfiniteQuery(trpc.notifications.list.infiniteQueryOptions({ limit: 30, unreadOnly: unread === true }, { getNextPageParam: (page) => page.nextCursor }));
  const markAll = useMarkAllRead();
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="lg" maw={760}>
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {t('notifications.title')}
        </Title>
        <Group gap="sm">
          <Checkbox label={t('notifications.unreadOnly')} checked={unread === true} onChange={(e) => void navigate({ search: { unread: e.currentTarget.checked || undefined } })} />
          <Button size="xs" variant="light" onClick={() => markAll.mutate()} loading={markAll.isPending}>
            {t('notifications.markAllRead')}
          </Button>
          <AnchorLink to="/notifications/settings" size="sm">
            {t('notifications.settings')}
          </AnchorLink>
        </Group>
      </Group>
      {inbox.isPending ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <EmptyState>{t('notifications.empty')}</EmptyState>
      ) : (
        <>
          <NotificationList items={items} />
          {inbox.hasNextPage && (
            <Button variant="default" onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage} w="fit-content">
              {t('notifications.loadMore')}
            </Button>
          )}
        </>
      )}
      {inbox.isError && <Text c="red">{inbox.error.message}</Text>}
    </Stack>
  );
}
