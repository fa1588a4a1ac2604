import { Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/dates';
import type { RouterOutputs } from '../../lib/trpc';
import { notificationText } from './notification-text';
import { useMarkRead } from './use-notifications-mutations';

export type InboxItem = RouterOutputs['notifications']['list']['items'][number];

/** Notifications newest first; opening one marks it read and goes to its record. */
export function NotificationList({ items, onOpen }: { items: InboxItem[]; onOpen?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const open = (n: InboxItem) => {
    if (!n.readAt) markRead.mutate({ ids: [n.id] });
    onOpen?.();
    // Links are paths the server built from the record (/gates/<id>, /reviews/<week>…).
    void navigate({ to: n.link as never });
  };
  return (
    <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((n) => (
        <li key={n.id}>
          <UnstyledButton
            onClick={() => open(n)}
            w="100%"
            p="xs"
            style={{ borderRadius: 'var(--mantine-radius-sm)', background: n.readAt ? undefined : 'var(--mantine-color-blue-light)' }}
            data-testid="notification-item"
            data-unread={n.readAt ? undefined : 'true'}
          >
            <Text size="sm" fw={n.readAt ? 400 : 600}>
              {notificationText(n, t)}
            </Text>
            <Group gap="xs">
              <Text size="xs" c="dimmed">
                {formatDateTime(n.createdAt)}
              </Text>
              {!n.readAt && <span className="visually-hidden">({t('notifications.unreadOnly')})</span>}
            </Group>
          </UnstyledButton>
        </li>
      ))}
    </Stack>
  );
}
