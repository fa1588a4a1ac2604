import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api-errors';
import { useMe } from '../../lib/session';
import { trpc, trpcClient } from '../../lib/trpc';
import { can } from '@server/modules/users/rights';

/** Opens (creating it if needed) this week's review and goes there; nothing for roles that cannot write. */
export function OpenThisWeekButton() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const open = useMutation({
    mutationFn: () => trpcClient.reviews.openThisWeek.mutate(),
    onSuccess: async ({ weekStart }) => {
      await queryClient.invalidateQueries({ queryKey: trpc.reviews.pathKey() });
      await navigate({ to: '/reviews/$week', params: { week: weekStart } });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
  });
  if (!can(me.role, 'writeReviews')) return null;
  return (
    <Button leftSection={<IconCalendarPlus size={16} />} loading={open.isPending} onClick={() => open.mutate()} data-shortcut="create">
      {t('reviews.openThisWeek')}
    </Button>
  );
}
