import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { showUndoToast } from '../../components/ui/undo-toast';
import { errorMessage } from '../../lib/api-errors';
import { trpcClient } from '../../lib/trpc';
import type { EvidenceTarget } from './evidence-kinds';

interface Named {
  id: string;
  title: string;
}

// Criteria re-evaluate server-side on every evidence change (and gates, phases, partners and claims
// show them), so after a change every cached view is refreshed rather than a guessed subset.
const refreshAll = (queryClient: QueryClient) => queryClient.invalidateQueries();


/** Attaches existing evidence to a record. */
export function useLinkEvidence(target: EvidenceTarget) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (evidence: Named) => trpcClient.evidence.link.mutate({ evidenceId: evidence.id, ...target }),
    onSuccess: (_data, evidence) => notifications.show({ message: t('evidence.panel.attached', { title: evidence.title }) }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
    onSettled: () => refreshAll(queryClient),
  });
}

/** Detaches evidence from a record; the toast offers Undo (attaching it again). */
export function useUnlinkEvidence(target: EvidenceTarget) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const relink = async (evidence: Named) => {
    try {
      await trpcClient.evidence.link.mutate({ evidenceId: evidence.id, ...target });
      notifications.show({ message: t('evidence.panel.attached', { title: evidence.title }) });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    }
    await refreshAll(queryClient);
  };
  return useMutation({
    mutationFn: (evidence: Named) => trpcClient.evidence.unlink.mutate({ evidenceId: evidence.id, ...target }),
    onSuccess: (_data, evidence) =>
      showUndoToast(`detached-${evidence.id}-${target.targetId}`, t('evidence.panel.detached', { title: evidence.title }), t, () => relink(evidence)),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
    onSettled: () => refreshAll(queryClient),
  });
}

/** Archives evidence everywhere it is attached; the toast offers Undo (restoring it). */
export function useArchiveEvidence() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const restore = useRestoreEvidence();
  return useMutation({
    mutationFn: (evidence: Named) => trpcClient.evidence.archive.mutate({ id: evidence.id }),
    onSuccess: (_data, evidence) =>
      showUndoToast(`archived-${evidence.id}`, t('evidence.archived', { title: evidence.title }), t, () => restore.mutateAsync(evidence).then(() => undefined, () => undefined)),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
    onSettled: () => refreshAll(queryClient),
  });
}

export function useRestoreEvidence() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (evidence: Named) => trpcClient.evidence.restore.mutate({ id: evidence.id }),
    onSuccess: (_data, evidence) => notifications.show({ message: t('evidence.restored', { title: evidence.title }) }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
    onSettled: () => refreshAll(queryClient),
  });
}
