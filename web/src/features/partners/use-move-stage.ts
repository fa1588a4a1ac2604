import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrorsOf } from '../../lib/api-errors';
import { trpc, trpcClient, type RouterOutputs } from '../../lib/trpc';
import type { Stage } from './partner-kinds';

export type PartnerCard = RouterOutputs['partners']['list'][number];

/** Moves a partner to another stage: the board shows it at once and rolls back if the server refuses. */
export function useMoveStage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const listKey = trpc.partners.list.pathKey();
  return useMutation({
    mutationFn: ({ card, to, reason }: { card: PartnerCard; to: Stage; reason?: string | undefined }) =>
      trpcClient.partners.moveStage.mutate({ id: card.id, version: card.version, to, ...(reason ? { reason } : {}) }),
    onMutate: async ({ card, to }) => {
      await queryClient.cancelQueries({ queryKey: listKey });
      const snapshot = queryClient.getQueriesData<PartnerCard[]>({ queryKey: listKey });
      queryClient.setQueriesData<PartnerCard[]>({ queryKey: listKey }, (cards) =>
        cards?.map((c) => (c.id === card.id ? { ...c, stage: to, version: c.version + 1 } : c)),
      );
      return { snapshot };
    },
    onError: (error, _vars, context) => {
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
      const reason = fieldErrorsOf(error).reason;
      notifications.show({ color: 'red', message: reason ?? errorMessage(error, t) });
    },
    onSuccess: (_data, { card, to }) => {
      notifications.show({ message: t('partners.move.moved', { company: card.company, stage: t(`partners.stage.${to}`) }) });
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.partners.pathKey() }),
      ]),
  });
}
