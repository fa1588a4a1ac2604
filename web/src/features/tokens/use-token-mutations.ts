import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../lib/trpc';
import { useErrorToast } from '../../lib/mutations';

const useRefreshTokens = () => {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.tokens.pathKey() });
};

/** Creates an API token; the page shows its secret once (`onSuccess` per call), the form its field problems. */
export function useCreateToken() {
  const refresh = useRefreshTokens();
  const showError = useErrorToast();
  return useMutation(trpc.tokens.create.mutationOptions({ onSuccess: () => void refresh(), onError: showError }));
}

/** Revokes a token at once; the list refreshes whether it worked or not (it may have changed meanwhile). */
export function useRevokeToken() {
  const { t } = useTranslation();
  const refresh = useRefreshTokens();
  const showError = useErrorToast();
  const [names] = useState(() => new Map<string, string>());
  const revoke = useMutation(
    trpc.tokens.revoke.mutationOptions({
      onSuccess: (_data, { id }) => void notifications.show({ message: t('tokens.revokedDone', { name: names.get(id) }) }),
      onError: showError,
      onSettled: refresh,
    }),
  );
  return (token: { id: string; name: string }) => {
    names.set(token.id, token.name);
    revoke.mutate({ id: token.id });
  };
}
