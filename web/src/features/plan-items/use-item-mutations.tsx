import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { showUndoToast } from '../../components/ui/undo-toast';
import { errorMessage } from '../../lib/api-errors';
import { trpc } from '../../lib/trpc';
import { itemApi } from './item-api';
import type { ItemKind, ItemStatus, ItemView } from './item-kinds';
import { invalidatePlanViews, patchCachedItems, restoreSnapshot } from './items-cache';

/** Inline status change: shown at once, rolled back with a message if the server refuses. */
export function useChangeStatus(kind: ItemKind) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ item, status }: { item: ItemView; status: ItemStatus }) =>
      itemApi(kind).update({ id: item.id, version: item.version, status } as never),
    onMutate: async ({ item, status }) => ({
      snapshot: await patchCachedItems(queryClient, trpc, kind, (items) =>
        items.map((i) => (i.id === item.id ? ({ ...i, status, version: i.version + 1 } as ItemView) : i)),
      ),
    }),
    onError: (error, _vars, context) => {
      restoreSnapshot(queryClient, context?.snapshot);
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    },
    onSuccess: (_data, { item, status }) => {
      notifications.show({ message: t('items.statusChanged', { title: item.title, status: t(`status.${kind}.${status}` as 'status.gate.PENDING') }) });
    },
    onSettled: () => invalidatePlanViews(queryClient, trpc),
  });
}

/** Saves a new order of a phase's items, optimistically. */
export function useReorder(kind: ItemKind) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ phaseId, orderedIds }: { phaseId: string; orderedIds: string[] }) => itemApi(kind).reorder(phaseId, orderedIds),
    onMutate: async ({ phaseId, orderedIds }) => ({
      snapshot: await patchCachedItems(queryClient, trpc, kind, (items, phase) =>
        phase.id === phaseId ? orderedIds.map((id) => items.find((i) => i.id === id)).filter((i): i is ItemView => !!i) : items,
      ),
    }),
    onError: (error, _vars, context) => {
      restoreSnapshot(queryClient, context?.snapshot);
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    },
    onSettled: () => invalidatePlanViews(queryClient, trpc),
  });
}

/** Deletes an item (the server archives it) and offers Undo in the toast, since restoring is cheap. */
export function useArchive(kind: ItemKind) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const api = itemApi(kind);

  const undo = async (item: ItemView) => {
    try {
      await api.restore(item.id);
      notifications.show({ message: t('items.restored', { title: item.title }) });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    }
    await invalidatePlanViews(queryClient, trpc);
  };

  return useMutation({
    mutationFn: (item: ItemView) => api.archive(item.id),
    onSuccess: (_data, item) => showUndoToast(`deleted-${item.id}`, t('items.deleted', { title: item.title }), t, () => undo(item)),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
    onSettled: () => invalidatePlanViews(queryClient, trpc),
  });
}
