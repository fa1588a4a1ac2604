import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showUndoToast } from '../../components/ui/undo-toast';
import { errorData } from '../../lib/api-errors';
import { runMutation, useErrorToast } from '../../lib/mutations';
import { trpc } from '../../lib/trpc';
import type { EvidenceTarget } from './evidence-kinds';

interface Named {
  id: string;
  title: string;
}

// Criteria re-evaluate server-side on every evidence change (and gates, phases, partners and claims
// show them), so after a change every cached view is refreshed rather than a guessed subset.
const refreshAll = (queryClient: QueryClient) => queryClient.invalidateQueries();

/** The titles of the evidence being written, for the toasts: the procedures take and give back ids. */
const useTitles = () => useState(() => new Map<string, string>())[0];

function useLinkOptions(target: EvidenceTarget, titles: Map<string, string>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const showError = useErrorToast();
  return () =>
    trpc.evidence.link.mutationOptions({
      onSuccess: (_data, { evidenceId }) => void notifications.show({ message: t('evidence.panel.attached', { title: titles.get(evidenceId) }) }),
      onError: showError,
      onSettled: () => refreshAll(queryClient),
    });
}

/** Attaches existing evidence to a record. */
export function useLinkEvidence(target: EvidenceTarget) {
  const titles = useTitles();
  const link = useMutation(useLinkOptions(target, titles)());
  return {
    isPending: link.isPending,
    mutate(evidence: Named, callbacks?: { onSuccess?: () => void }) {
      titles.set(evidence.id, evidence.title);
      link.mutate({ evidenceId: evidence.id, ...target }, callbacks);
    },
  };
}

/** Detaches evidence from a record; the toast offers Undo (attaching it again). */
export function useUnlinkEvidence(target: EvidenceTarget) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const showError = useErrorToast();
  const titles = useTitles();
  const linkOptions = useLinkOptions(target, titles);
  const unlink = useMutation(
    trpc.evidence.unlink.mutationOptions({
      onSuccess: (_data, input) =>
        showUndoToast(`detached-${input.evidenceId}-${input.targetId}`, t('evidence.panel.detached', { title: titles.get(input.evidenceId) }), t, () =>
          runMutation(queryClient, linkOptions(), input),
        ),
      onError: showError,
      onSettled: () => refreshAll(queryClient),
    }),
  );
  return {
    isPending: unlink.isPending,
    /** The evidence being detached, while it is. */
    pendingId: unlink.isPending ? unlink.variables?.evidenceId : undefined,
    mutate(evidence: Named) {
      titles.set(evidence.id, evidence.title);
      unlink.mutate({ evidenceId: evidence.id, ...target });
    },
  };
}

function useRestoreOptions(titles: Map<string, string>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const showError = useErrorToast();
  return () =>
    trpc.evidence.restore.mutationOptions({
      onSuccess: (_data, { id }) => void notifications.show({ message: t('evidence.restored', { title: titles.get(id) }) }),
      onError: showError,
      onSettled: () => refreshAll(queryClient),
    });
}

/** Archives evidence everywhere it is attached; the toast offers Undo (restoring it). */
export function useArchiveEvidence() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const showError = useErrorToast();
  const titles = useTitles();
  const restoreOptions = useRestoreOptions(titles);
  const archive = useMutation(
    trpc.evidence.archive.mutationOptions({
      onSuccess: (_data, { id }) =>
        showUndoToast(`archived-${id}`, t('evidence.archived', { title: titles.get(id) }), t, () => runMutation(queryClient, restoreOptions(), { id })),
      onError: showError,
      onSettled: () => refreshAll(queryClient),
    }),
  );
  return {
    isPending: archive.isPending,
    mutate(evidence: Named, callbacks?: { onSettled?: () => void }) {
      titles.set(evidence.id, evidence.title);
      archive.mutate({ id: evidence.id }, callbacks);
    },
  };
}

export function useRestoreEvidence() {
  const titles = useTitles();
  const restore = useMutation(useRestoreOptions(titles)());
  return {
    isPending: restore.isPending,
    mutate(evidence: Named) {
      titles.set(evidence.id, evidence.title);
      restore.mutate({ id: evidence.id });
    },
  };
}

/** Checks the links of the evidence on screen now, rather than waiting for the nightly check. */
export function useCheckLinksNow() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const showError = useErrorToast();
  return useMutation(
    trpc.evidence.checkNow.mutationOptions({
      onSuccess: (summary) => void notifications.show({ message: t('evidence.checkedNow', summary) }),
      onError: showError,
      onSettled: () => refreshAll(queryClient),
    }),
  );
}

/** Records new evidence (attached to a record, if given) or saves an edit; the form shows field problems and a stale version (`onError` per call). */
export function useSaveEvidence() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const showError = useErrorToast();
  const onError = async (error: unknown) => {
    showError(error);
    if (errorData(error).code === 'CONFLICT') await refreshAll(queryClient);
  };
  const create = useMutation(
    trpc.evidence.create.mutationOptions({
      onSuccess: async (_data, input) => {
        notifications.show({ message: t('evidence.created', { title: input.title.trim() }) });
        await refreshAll(queryClient);
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.evidence.update.mutationOptions({
      onSuccess: async (_data, input) => {
        notifications.show({ message: t('evidence.saved', { title: input.title?.trim() }) });
        await refreshAll(queryClient);
      },
      onError,
    }),
  );
  return { create, update, isPending: create.isPending || update.isPending };
}
