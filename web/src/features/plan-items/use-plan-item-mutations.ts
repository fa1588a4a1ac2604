import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliverableStatus } from '@server/modules/deliverables/deliverables.schema';
import type { GateSetStatusInput, GateStatus } from '@server/modules/gates/gates.schema';
import { showUndoToast } from '../../components/ui/undo-toast';
import { errorData } from '../../lib/api-errors';
import { runMutation, useErrorToast } from '../../lib/mutations';
import { trpc } from '../../lib/trpc';
import type { ItemKind, ItemStatus, ItemView } from './item-kinds';
import { invalidatePlanViews, patchCachedItems, restoreSnapshot } from './items-cache';

// Every write to a deliverable or a gate, for the plan page, the phase page and the gate page.
// Deliverables and gates have the same procedures (create, update, archive, restore, reorder); each
// hook holds one mutation per kind and uses the page's, so inputs keep each procedure's own type.

/** What the item form edits. */
export interface ItemFields {
  title: string;
  description: string;
  ownerName: string;
  dueDate: string | null;
  status: ItemStatus;
}

/** Creates or saves an item from its form; a stale version or a bad field is the form's to show (`onError` per call). */
export function useSaveItem(kind: ItemKind) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const showError = useErrorToast();
  const settle = {
    onError: async (error: unknown) => {
      showError(error);
      if (errorData(error).code === 'CONFLICT') await invalidatePlanViews(queryClient, trpc);
    },
  };
  const created = async (_data: unknown, input: { title: string }) => {
    notifications.show({ message: t('items.created', { title: input.title.trim() }) });
    await invalidatePlanViews(queryClient, trpc);
  };
  const saved = async (_data: unknown, input: { title?: string | undefined }) => {
    notifications.show({ message: t('items.saved', { title: input.title?.trim() }) });
    await invalidatePlanViews(queryClient, trpc);
  };
  const createDeliverable = useMutation(trpc.deliverables.create.mutationOptions({ ...settle, onSuccess: created }));
  const createGate = useMutation(trpc.gates.create.mutationOptions({ ...settle, onSuccess: created }));
  const updateDeliverable = useMutation(trpc.deliverables.update.mutationOptions({ ...settle, onSuccess: saved }));
  const updateGate = useMutation(trpc.gates.update.mutationOptions({ ...settle, onSuccess: saved }));

  return {
    isPending: [createDeliverable, createGate, updateDeliverable, updateGate].some((m) => m.isPending),
    create(phaseId: string, values: ItemFields, callbacks: { onSuccess: () => void; onError: (error: unknown) => void }) {
      if (kind === 'deliverable') createDeliverable.mutate({ phaseId, ...values, status: values.status as DeliverableStatus }, callbacks);
      else createGate.mutate({ phaseId, ...values, status: values.status as Exclude<GateStatus, 'PASSED' | 'FAILED'> }, callbacks);
    },
    /** A gate's status is not saved here: it changes through its status dialog (reasons, decisions). */
    update(item: { id: string; version: number }, values: ItemFields, callbacks: { onSuccess: () => void; onError: (error: unknown) => void }) {
      const { status, ...fields } = values;
      if (kind === 'deliverable') updateDeliverable.mutate({ ...item, ...fields, status: status as DeliverableStatus }, callbacks);
      else updateGate.mutate({ ...item, ...fields }, callbacks);
    },
  };
}

/** A deliverable's inline status change: shown at once, rolled back with a message if the server refuses. */
export function useChangeDeliverableStatus() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const showError = useErrorToast();
  // The toast names the deliverable; the procedure gives back only its id and version.
  const [titles] = useState(() => new Map<string, string>());
  const change = useMutation(
    trpc.deliverables.update.mutationOptions({
      onMutate: async ({ id, status }) => ({
        snapshot: await patchCachedItems(queryClient, trpc, 'deliverable', (items) =>
          items.map((i) => (i.id === id && status ? ({ ...i, status, version: i.version + 1 } as ItemView) : i)),
        ),
      }),
      onError: (error, _input, context) => {
        restoreSnapshot(queryClient, context?.snapshot);
        showError(error);
      },
      onSuccess: (_data, { id, status }) => {
        notifications.show({ message: t('items.statusChanged', { title: titles.get(id), status: t(`status.deliverable.${status ?? 'NOT_STARTED'}`) }) });
      },
      onSettled: () => invalidatePlanViews(queryClient, trpc),
    }),
  );
  return {
    isPending: change.isPending,
    mutate(item: ItemView, status: DeliverableStatus) {
      titles.set(item.id, item.title);
      change.mutate({ id: item.id, version: item.version, status });
    },
  };
}

/** Sets a gate's status (working status with a reason, or leadership's decision); every view that shows gate health refreshes. */
export function useSetGateStatus(gate: { title: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.gates.setStatus.mutationOptions({
      onSuccess: async (_data, input: GateSetStatusInput) => {
        notifications.show({ message: t('gates.statusDialog.saved', { title: gate.title, status: t(`status.gate.${input.status}`) }) });
        await queryClient.invalidateQueries();
      },
      // The dialog shows the refusal beside its fields (or the conflict); a stale version refetches what it shows.
      onError: async (error) => {
        if (errorData(error).code === 'CONFLICT') await queryClient.invalidateQueries();
      },
    }),
  );
}

/** Saves a new order of a phase's items, optimistically. */
export function useReorder(kind: ItemKind) {
  const queryClient = useQueryClient();
  const showError = useErrorToast();
  const options = {
    onMutate: async ({ phaseId, orderedIds }: { phaseId: string; orderedIds: string[] }) => ({
      snapshot: await patchCachedItems(queryClient, trpc, kind, (items, phase) =>
        phase.id === phaseId ? orderedIds.map((id) => items.find((i) => i.id === id)).filter((i): i is ItemView => !!i) : items,
      ),
    }),
    onError: (error: unknown, _input: unknown, context: { snapshot: Awaited<ReturnType<typeof patchCachedItems>> } | undefined) => {
      restoreSnapshot(queryClient, context?.snapshot);
      showError(error);
    },
    onSettled: () => invalidatePlanViews(queryClient, trpc),
  };
  const deliverables = useMutation(trpc.deliverables.reorder.mutationOptions(options));
  const gates = useMutation(trpc.gates.reorder.mutationOptions(options));
  return kind === 'deliverable' ? deliverables : gates;
}

/** Deletes an item (the server archives it) and offers Undo in the toast, since restoring is cheap. */
export function useArchive(kind: ItemKind) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const showError = useErrorToast();
  const refresh = () => invalidatePlanViews(queryClient, trpc);
  // The toast names the item; the procedures take and give back only its id.
  const [titles] = useState(() => new Map<string, string>());

  const undo = (id: string, title: string) => {
    const options = { onSuccess: () => void notifications.show({ message: t('items.restored', { title }) }), onError: showError, onSettled: refresh };
    return kind === 'deliverable'
      ? runMutation(queryClient, trpc.deliverables.restore.mutationOptions(options), { id })
      : runMutation(queryClient, trpc.gates.restore.mutationOptions(options), { id });
  };
  const options = {
    onSuccess: (_data: unknown, { id }: { id: string }) => {
      const title = titles.get(id) ?? '';
      showUndoToast(`deleted-${id}`, t('items.deleted', { title }), t, () => undo(id, title));
    },
    onError: showError,
    onSettled: refresh,
  };
  const deliverables = useMutation(trpc.deliverables.archive.mutationOptions(options));
  const gates = useMutation(trpc.gates.archive.mutationOptions(options));
  const archive = kind === 'deliverable' ? deliverables : gates;
  return {
    isPending: archive.isPending,
    mutate(item: ItemView, callbacks?: { onSettled?: () => void }) {
      titles.set(item.id, item.title);
      archive.mutate({ id: item.id }, callbacks);
    },
  };
}
