import { Button, Tooltip } from '@mantine/core';
import { IconBell, IconBellCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { FollowableType } from '@server/modules/notifications/notifications.enums';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../lib/trpc';
import { useFollow } from './use-notifications-mutations';

/** "Follow" on a gate, partner or claim: its changes come to the follower's inbox. */
export function FollowButton({ entityType, entityId }: { entityType: FollowableType; entityId: string }) {
  const { t } = useTranslation();
  const following = useQuery(trpc.notifications.following.queryOptions({ entityType, entityId }));
  const follow = useFollow();
  const on = following.data === true;
  return (
    <Tooltip label={t('notifications.followHint')}>
      <Button
        size="xs"
        variant={on ? 'light' : 'default'}
        leftSection={on ? <IconBellCheck size={14} /> : <IconBell size={14} />}
        loading={follow.isPending || following.isPending}
        onClick={() => follow.mutate({ entityType, entityId, follow: !on })}
        aria-pressed={on}
      >
        {on ? t('notifications.following') : t('notifications.follow')}
      </Button>
    </Tooltip>
  );
}
