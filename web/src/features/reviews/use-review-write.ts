import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api-errors';
import { trpc } from '../../lib/trpc';

/**
 * Runs one review write, shows its error as a toast, and refreshes every review view afterwards (the
 * agenda, the list's counts and the home card read the same records).
 */
export function useReviewWrite<I, O>(write: (input: I) => Promise<O>, success?: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => {
      if (success) notifications.show({ message: success });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.reviews.pathKey() }),
  });
}
