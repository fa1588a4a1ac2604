import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api-errors';
import { trpc } from '../../lib/trpc';

/** Parses a document on the server and returns what it found; writes nothing. */
export function usePreviewPlanDocument() {
  const { t } = useTranslation();
  return useMutation(
    trpc.plans.previewDocument.mutationOptions({
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
    }),
  );
}

/** Creates the plan from the document (parsed again on the server); every plan view is refreshed after. */
export function useCreatePlanFromDocument() {
  const { t } = useTranslation();
  const { t: tDoc } = useTranslation('planDocument');
  const queryClient = useQueryClient();
  return useMutation(
    trpc.plans.createFromDocument.mutationOptions({
      onSuccess: async (_data, input) => {
        // A new current plan changes what every page shows, not only the plans list.
        await queryClient.invalidateQueries();
        notifications.show({ message: tDoc('created', { name: input.name.trim() }) });
      },
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
    }),
  );
}
