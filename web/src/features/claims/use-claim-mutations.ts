import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { showUndoToast } from '../../components/ui/undo-toast';
import { errorData, errorMessage } from '../../lib/api-errors';
import { runMutation, useErrorToast } from '../../lib/mutations';
import { trpc } from '../../lib/trpc';

// Every write to a claim. The register, the claim page and the partner and gate pages read claims
// through `claims.*`, so each write refreshes them all.

function useRefreshClaims() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.claims.pathKey() });
}

/** Writes a new draft or saves an edit; field problems and a stale version are the form's to show (`onError` per call). */
export function useSaveClaim(current?: { status: string }) {
  const { t } = useTranslation();
  const refresh = useRefreshClaims();
  const showError = useErrorToast();
  const onError = async (error: unknown) => {
    showError(error);
    if (errorData(error).code === 'CONFLICT') await refresh();
  };
  const create = useMutation(
    trpc.claims.create.mutationOptions({
      onSuccess: async () => {
        notifications.show({ message: t('claims.created') });
        await refresh();
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.claims.update.mutationOptions({
      onSuccess: async (saved) => {
        // Editing an approved claim sends it back to draft: its approval was for the old wording.
        const backToDraft = current?.status === 'APPROVED' && saved.status === 'DRAFT';
        notifications.show({ color: backToDraft ? 'yellow' : undefined, message: t(backToDraft ? 'claims.backToDraft' : 'claims.saved') });
        await refresh();
      },
      onError,
    }),
  );
  return { create, update, isPending: create.isPending || update.isPending };
}

/** The steps of a claim's review: approve, publish (or over the hold), retract, delete with Undo, restore. */
export function useClaimSteps(claim: { id: string; version: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = useRefreshClaims();
  // The claim changed under the reader, or a rule now refuses: the refetched page says why.
  const onError = async (error: unknown) => {
    const { code } = errorData(error);
    await refresh();
    notifications.show({ color: 'red', message: code === 'PRECONDITION_FAILED' || code === 'FORBIDDEN' ? t('claims.actions.refused') : errorMessage(error, t) });
  };
  const restoreOptions = () =>
    trpc.claims.restore.mutationOptions({
      onSuccess: () => void notifications.show({ message: t('claims.actions.restored') }),
      onError,
      onSettled: refresh,
    });

  const approve = useMutation(
    trpc.claims.approve.mutationOptions({ onSuccess: () => void notifications.show({ message: t('claims.actions.approved') }), onError, onSettled: refresh }),
  );
  const publish = useMutation(
    trpc.claims.publish.mutationOptions({
      onSuccess: (result) => void notifications.show({ message: t(result.overridden ? 'claims.actions.publishedOverride' : 'claims.actions.published') }),
      onError,
      onSettled: refresh,
    }),
  );
  const retract = useMutation(
    trpc.claims.retract.mutationOptions({ onSuccess: () => void notifications.show({ message: t('claims.actions.retracted') }), onError, onSettled: refresh }),
  );
  const restore = useMutation(restoreOptions());
  // Deleting goes back to the register, so the Undo runs without this page.
  const archive = useMutation(
    trpc.claims.archive.mutationOptions({
      onSuccess: (_data, { id }) =>
        showUndoToast(`claim-deleted-${id}`, t('claims.actions.deleted'), t, () => runMutation(queryClient, restoreOptions(), { id })),
      onError,
      // Not awaited: the page leaves for the register at once rather than showing the deleted claim first.
      onSettled: () => void refresh(),
    }),
  );

  return {
    approve: { isPending: approve.isPending, mutate: () => approve.mutate({ id: claim.id, version: claim.version }) },
    publish: {
      isPending: publish.isPending,
      mutate: (overrideReason: string | undefined, callbacks?: { onSuccess?: () => void }) =>
        publish.mutate({ id: claim.id, version: claim.version, ...(overrideReason && { overrideReason }) }, callbacks),
    },
    retract: {
      isPending: retract.isPending,
      mutate: (reason: string, callbacks?: { onSuccess?: () => void }) => retract.mutate({ id: claim.id, version: claim.version, reason }, callbacks),
    },
    restore: { isPending: restore.isPending, mutate: () => restore.mutate({ id: claim.id }) },
    archive: { isPending: archive.isPending, mutate: (callbacks?: { onSuccess?: () => void }) => archive.mutate({ id: claim.id }, callbacks) },
  };
}
