import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api-errors';
import { trpc } from '../../lib/trpc';
import './messages';

// The inbox, the bell's count and the preferences are this reader's own: after a write, refetch them.
function useRefreshInbox() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.notifications.unreadCount.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.notifications.list.pathKey() }),
    ]);
}

export function useMarkRead() {
  const { t } = useTranslation();
  const refresh = useRefreshInbox();
  return useMutation(
    trpc.notifications.markRead.mutationOptions({
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
      onSettled: refresh,
    }),
  );
}

export function useMarkAllRead() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = useRefreshInbox();
  return useMutation(
    trpc.notifications.markAllRead.mutationOptions({
      // The bell shows nothing unread at once; the list follows on refetch.
      onMutate: () => queryClient.setQueryData(trpc.notifications.unreadCount.queryKey(), 0),
      onSuccess: () => notifications.show({ message: t('notifications.markedAllRead') }),
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
      onSettled: refresh,
    }),
  );
}

export function useSetPreference() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.notifications.setPreference.mutationOptions({
      onSuccess: () => notifications.show({ message: t('notifications.saved') }),
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.preferences.queryKey() }),
    }),
  );
}

export function useFollow() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.notifications.follow.mutationOptions({
      onSuccess: (result) => notifications.show({ message: t(result.following ? 'notifications.followed' : 'notifications.unfollowed') }),
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
      onSettled: (_data, _error, input) =>
        queryClient.invalidateQueries({ queryKey: trpc.notifications.following.queryKey({ entityType: input.entityType, entityId: input.entityId }) }),
    }),
  );
}

export function useSetMailLanguage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.notifications.setMailLanguage.mutationOptions({
      onSuccess: () => notifications.show({ message: t('notifications.saved') }),
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.mailLanguage.queryKey() }),
    }),
  );
}

/** Admin: a dead or waiting delivery is tried again now. */
export function useRetryDelivery() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.notifications.retryDelivery.mutationOptions({
      onSuccess: (queued) => notifications.show({ message: t(queued ? 'notifications.deliveries.queued' : 'notifications.deliveries.notQueued') }),
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.deliveries.pathKey() }),
    }),
  );
}
