import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@server/modules/users/users.schema';
import { trpc } from '../../lib/trpc';
import { useErrorToast } from '../../lib/mutations';

interface Person {
  id: string;
  name: string;
}

/**
 * The admin's writes to accounts. Each says how it went in a toast and refreshes the list whether it
 * worked or not, as a refusal may mean the account changed meanwhile.
 */
export function useUserMutations() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const showError = useErrorToast();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
  // The toasts name the person; the procedures take their id.
  const [names] = useState(() => new Map<string, string>());
  const nameOf = (userId: string) => names.get(userId) ?? '';
  const toast = (message: string) => void notifications.show({ message });
  const settle = { onError: showError, onSettled: refresh };

  const setRole = useMutation(
    trpc.users.setRole.mutationOptions({ ...settle, onSuccess: (_d, { userId, role }) => toast(t('users.roleChanged', { name: nameOf(userId), role: t(`auth.role.${role}`) })) }),
  );
  const revokeSessions = useMutation(trpc.users.revokeSessions.mutationOptions({ ...settle, onSuccess: (_d, { userId }) => toast(t('users.revoked', { name: nameOf(userId) })) }));
  const reactivate = useMutation(trpc.users.reactivate.mutationOptions({ ...settle, onSuccess: (_d, { userId }) => toast(t('users.reactivated', { name: nameOf(userId) })) }));
  const deactivate = useMutation(trpc.users.deactivate.mutationOptions({ ...settle, onSuccess: (_d, { userId }) => toast(t('users.deactivated', { name: nameOf(userId) })) }));
  // The new password is shown once, by the page (`onSuccess` per call).
  const resetPassword = useMutation(trpc.users.resetPassword.mutationOptions(settle));

  const on = (user: Person) => {
    names.set(user.id, user.name);
    return { userId: user.id };
  };
  return {
    setRole: (user: Person, role: Role) => setRole.mutate({ ...on(user), role }),
    revokeSessions: (user: Person) => revokeSessions.mutate(on(user)),
    reactivate: (user: Person) => reactivate.mutate(on(user)),
    deactivate: (user: Person) => deactivate.mutate(on(user)),
    resetPassword: (user: Person, onReset: (oneTimePassword: string) => void) =>
      resetPassword.mutate(on(user), { onSuccess: ({ oneTimePassword }) => onReset(oneTimePassword) }),
  };
}

/** Adds an account; field problems are the form's to show (`onError` per call). */
export function useCreateUser() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const showError = useErrorToast();
  return useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: (_data, input) => {
        notifications.show({ message: t('users.created', { name: input.name.trim() }) });
        void queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
      },
      onError: showError,
    }),
  );
}
