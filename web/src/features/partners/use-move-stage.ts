import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrorsOf } from '../../lib/api-errors';
import { trpc, trpcClient, type RouterOutputs } from '../../lib/trpc';
import type { Stage } from './partner-kinds';

type Board = RouterOutputs['partners']['board'];
type ColumnPage = RouterOutputs['partners']['boardColumn'];
type TablePage = RouterOutputs['partners']['list'];
export type PartnerCard = Board['columns'][number]['cards'][number];

/** The board's cached pages with the card moved: out of its column, to the top of the new one (it was just changed). */
function moveOnBoard(board: Board | undefined, card: PartnerCard, moved: PartnerCard): Board | undefined {
  if (!board) return board;
  return {
    ...board,
    columns: board.columns.map((col) => {
      const cards = col.cards.filter((c) => c.id !== card.id);
      if (col.stage === moved.stage) return { ...col, cards: [moved, ...cards], total: col.total + 1 };
      if (col.stage === card.stage) return { ...col, cards, total: Math.max(0, col.total - 1) };
      return { ...col, cards };
    }),
  };
}

/** Moves a partner to another stage: the board shows it at once and rolls back if the server refuses. */
export function useMoveStage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const partnersKey = trpc.partners.pathKey();
  return useMutation({
    mutationFn: ({ card, to, reason }: { card: PartnerCard; to: Stage; reason?: string | undefined }) =>
      trpcClient.partners.moveStage.mutate({ id: card.id, version: card.version, to, ...(reason ? { reason } : {}) }),
    onMutate: async ({ card, to }) => {
      await queryClient.cancelQueries({ queryKey: partnersKey });
      const snapshot = queryClient.getQueriesData({ queryKey: partnersKey });
      const moved = { ...card, stage: to, version: card.version + 1 };
      queryClient.setQueriesData<Board>({ queryKey: trpc.partners.board.pathKey() }, (board) => moveOnBoard(board, card, moved));
      // A column's further pages ("Show more") drop the card; the board's first page shows it in its new column.
      queryClient.setQueriesData<InfiniteData<ColumnPage>>({ queryKey: trpc.partners.boardColumn.pathKey() }, (data) =>
        data && { ...data, pages: data.pages.map((page) => ({ ...page, cards: page.cards.filter((c) => c.id !== card.id) })) },
      );
      queryClient.setQueriesData<TablePage>({ queryKey: trpc.partners.list.pathKey() }, (page) =>
        page && { ...page, items: page.items.map((c) => (c.id === card.id ? moved : c)) },
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
    onSettled: () => queryClient.invalidateQueries({ queryKey: partnersKey }),
  });
}
