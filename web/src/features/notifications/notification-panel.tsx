import { Button, Group, Loader, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import { trpc } from '../../lib/trpc';
import { NotificationList } from './notification-list';
import { useMarkAllRead } from './use-notifications-mutations';

/** The bell's panel: the latest notifications, mark all read, and the way to the inbox page. */
export default function NotificationPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const latest = useQuery(trpc.notifications.list.queryOptions({ limit: 10 }));
  const markAll = useMarkAllRead();
  const anyUnread = latest.data?.items.some((n) => !n.readAt) ?? false;
  return (
    <div data-testid="notification-panel">
      <Group justify="space-between" mb="xs" px={4}>
        <Title order={2} size="h5">
          {t('notifications.title')}
        </Title>
        <Button size="compact-xs" variant="subtle" disabled={!anyUnread} loading={markAll.isPending} onClick={() => markAll.mutate()}>
          {t('notifications.markAllRead')}
        </Button>
      </Group>
      <div style={{ maxHeight: 420, overflowY: 'auto' }}>
        {latest.isPending ? (
          <Loader size="sm" m="md" />
        ) : latest.data && latest.data.items.length > 0 ? (
          <NotificationList items={latest.data.items} onOpen={onClose} />
        ) : (
          <Text size="sm" c="dimmed" p="xs">
            {t('notifications.empty')}
          </Text>
        )}
      </div>
      <Group justify="space-between" mt="xs" px={4}>
        <AnchorLink to="/notifications" size="sm" onClick={onClose}>
          {t('notifications.seeAll')}
        </AnchorLink>
        <AnchorLink to="/notifications/settings" size="sm" onClick={onClose}>
          {t('notifications.settings')}
        </AnchorLink>
      </Group>
    </div>
  );
}
