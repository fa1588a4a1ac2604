import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api-errors';
import { trpc, type RouterOutputs } from '../../lib/trpc';

export type PersonalToken = RouterOutputs['tokens']['mine'][number];
export type CreatedToken = RouterOutputs['tokens']['createPersonal'];

/** Makes one of the caller's own tokens; the page shows its plaintext once from `onCreated`. */
export function useCreatePersonalToken(onCreated: (token: CreatedToken) => void) {
  const queryClient = useQueryClient();
  return useMutation(
    trpc.tokens.createPersonal.mutationOptions({
      onSuccess: (token) => {
        onCreated(token);
        return queryClient.invalidateQueries({ queryKey: trpc.tokens.pathKey() });
      },
      // Field errors go back to the form (see the modal); the toast carries the message.
    }),
  );
}

/** Revokes a token at once; the row stays, marked revoked. */
export function useRevokeToken() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mutation = useMutation(
    trpc.tokens.revoke.mutationOptions({
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.tokens.pathKey() }),
    }),
  );
  const revoke = (token: Pick<PersonalToken, 'id' | 'name'>) =>
    mutation.mutate({ id: token.id }, { onSuccess: () => notifications.show({ message: t('profile.tokens.revokedDone', { name: token.name }) }) });
  return { revoke, isPending: mutation.isPending };
}
