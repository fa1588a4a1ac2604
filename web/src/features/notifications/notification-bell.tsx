import { ActionIcon, Badge, Loader, Popover } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../lib/trpc';

// The list and its actions load when the bell is first opened: the first page carries only the bell.
const NotificationPanel = lazy(() => import('./notification-panel'));

/**
 * The header's bell with the unread count. The count is an ordinary query: a new notification is a
 * committed change on the live stream (decision 013), which refetches it within the 2-second promise.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const { data: count = 0 } = useQuery(trpc.notifications.unreadCount.queryOptions());
  return (
    <span style={{ position: 'relative', display: 'inline-flex' }}>
      <Popover opened={opened} onChange={setOpened} position="bottom-end" width={380} shadow="md" withinPortal trapFocus>
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
            data-testid="notification-bell"
          >
            <IconBell size={20} />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p="xs">
          {opened && (
            <Suspense fallback={<Loader size="sm" m="md" />}>
              <NotificationPanel onClose={() => setOpened(false)} />
            </Suspense>
          )}
        </Popover.Dropdown>
      </Popover>
      {count > 0 && (
        // Badge is on the first page already (the user menu); Indicator would add its own code.
        <Badge size="xs" circle={count < 10} color="red" data-testid="notification-count" aria-hidden style={{ position: 'absolute', top: -2, right: -4, pointerEvents: 'none' }}>
          {count > 99 ? '99+' : count}
        </Badge>
      )}
    </span>
  );
}
