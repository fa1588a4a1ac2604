import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorData, errorMessage, fieldErrorsOf } from '../../lib/api-errors';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { useErrorToast } from '../../lib/mutations';
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
  // The optimistic move needs the whole card; the procedure takes its id.
  const [cards] = useState(() => new Map<string, PartnerCard>());
  const move = useMutation(
    trpc.partners.moveStage.mutationOptions({
    onMutate: async ({ id, to }) => {
      const card = cards.get(id);
      if (!card) return { snapshot: [] };
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
    onSuccess: (_data, { id, to }) => {
      notifications.show({ message: t('partners.move.moved', { company: cards.get(id)?.company, stage: t(`partners.stage.${to}`) }) });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: partnersKey }),
    }),
  );
  return {
    isPending: move.isPending,
    mutate({ card, to, reason }: { card: PartnerCard; to: Stage; reason?: string | undefined }, callbacks?: { onSuccess?: () => void; onError?: (error: unknown) => void }) {
      cards.set(card.id, card);
      move.mutate({ id: card.id, version: card.version, to, ...(reason ? { reason } : {}) }, callbacks);
    },
  };
}

const useRefreshPartners = () => {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.partners.pathKey() });
};

/** Adds a partner or saves an edit; field problems and a stale version are the form's to show (`onError` per call). */
export function useSavePartner() {
  const { t } = useTranslation();
  const refresh = useRefreshPartners();
  const showError = useErrorToast();
  const onError = async (error: unknown) => {
    showError(error);
    if (errorData(error).code === 'CONFLICT') await refresh();
  };
  const create = useMutation(
    trpc.partners.create.mutationOptions({
      onSuccess: async (_data, input) => {
        notifications.show({ message: t('partners.created', { company: input.company }) });
        await refresh();
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.partners.update.mutationOptions({
      onSuccess: async (_data, input) => {
        notifications.show({ message: t('partners.saved', { company: input.company }) });
        await refresh();
      },
      onError,
    }),
  );
  return { create, update, isPending: create.isPending || update.isPending };
}

/** Plans or updates a partner's proof of concept. */
export function useSavePoc() {
  const { t } = useTranslation();
  const refresh = useRefreshPartners();
  const showError = useErrorToast();
  return useMutation(
    trpc.partners.upsertPoc.mutationOptions({
      onSuccess: async () => {
        notifications.show({ message: t('partners.poc.saved') });
        await refresh();
      },
      onError: showError,
    }),
  );
}

/** Logs a call, meeting or note on a partner's timeline. */
export function useLogActivity() {
  const { t } = useTranslation();
  const refresh = useRefreshPartners();
  const showError = useErrorToast();
  return useMutation(
    trpc.partners.logActivity.mutationOptions({
      onSuccess: async () => {
        notifications.show({ message: t('partners.timeline.logged') });
        await refresh();
      },
      onError: showError,
    }),
  );
}

/** The CSV import: a preview that writes nothing, then the commit of all rows or none. The page shows refusals in place. */
export function usePartnerImport() {
  const { t } = useTranslation();
  const refresh = useRefreshPartners();
  const preview = useMutation(trpc.partners.importPreview.mutationOptions());
  const commit = useMutation(
    trpc.partners.importCommit.mutationOptions({
      onSuccess: async ({ imported }) => {
        notifications.show({ message: t('partners.import.committed', { count: imported }) });
        await refresh();
      },
    }),
  );
  return { preview, commit, isPending: preview.isPending || commit.isPending };
}
