import { notifications } from '@mantine/notifications';
import type { MutationOptions, QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './api-errors';

/**
 * Runs a mutation from its options (`trpc.x.y.mutationOptions({...})`) without a component: for an
 * Undo in a toast, which outlives the row or page it was shown for. Same cache and callbacks as
 * `useMutation`; a refusal is reported by the options' `onError`, so the promise never rejects.
 */
export function runMutation<TData, TError, TVariables, TContext>(
  queryClient: QueryClient,
  options: MutationOptions<TData, TError, TVariables, TContext>,
  variables: TVariables,
): Promise<TData | undefined> {
  return queryClient
    .getMutationCache()
    .build(queryClient, options)
    .execute(variables)
    .catch(() => undefined);
}

/** The red toast every write shows when the server refuses it, in the reader's language. */
export function useErrorToast() {
  const { t } = useTranslation();
  return (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error, t) });
}
