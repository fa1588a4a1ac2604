import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { conflictOf } from '../../lib/api-errors';
import { trpc } from '../../lib/trpc';
import { useErrorToast } from '../../lib/mutations';

const useRefreshMetrics = () => {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.metrics.pathKey() });
};

/** Defines a metric or saves an edit; field problems and a stale version are the form's to show (`onError` per call). */
export function useSaveMetric() {
  const { t } = useTranslation();
  const refresh = useRefreshMetrics();
  const showError = useErrorToast();
  const onError = async (error: unknown) => {
    showError(error);
    if (conflictOf(error)) await refresh();
  };
  const define = useMutation(
    trpc.metrics.define.mutationOptions({
      onSuccess: async (_data, input) => {
        notifications.show({ message: t('metrics.form.defined', { name: input.name }) });
        await refresh();
      },
      onError,
    }),
  );
  const update = useMutation(
    trpc.metrics.update.mutationOptions({
      onSuccess: async (_data, input) => {
        notifications.show({ message: t('metrics.form.saved', { name: input.name }) });
        await refresh();
      },
      onError,
    }),
  );
  return { define, update, isPending: define.isPending || update.isPending };
}

/** Saves the grid's changed cells in one write. A refusal names its cells, so the grid says it (`onError` per call). */
export function useSetMetricValues() {
  const { t } = useTranslation();
  const refresh = useRefreshMetrics();
  return useMutation(
    trpc.metrics.setValues.mutationOptions({
      onSuccess: async (_data, { values }) => {
        await refresh();
        notifications.show({ message: t('metrics.grid.saved', { count: values.length }) });
      },
    }),
  );
}

/** Imports weekly values from a CSV, all rows or none. A refusal names its rows, so the preview says it (`onError` per call). */
export function useImportMetricValues() {
  const { t } = useTranslation();
  const refresh = useRefreshMetrics();
  return useMutation(
    trpc.metrics.importCsv.mutationOptions({
      onSuccess: async (result) => {
        notifications.show({ message: t('metrics.import.done', { written: result.written, unchanged: result.unchanged }) });
        await refresh();
      },
    }),
  );
}

/** Archives a metric; the list refreshes whether it worked or not. */
export function useArchiveMetric() {
  const { t } = useTranslation();
  const refresh = useRefreshMetrics();
  const showError = useErrorToast();
  const [names] = useState(() => new Map<string, string>());
  const archive = useMutation(
    trpc.metrics.archive.mutationOptions({
      onSuccess: (_data, { id }) => void notifications.show({ message: t('metrics.archive.done', { name: names.get(id) }) }),
      onError: showError,
      onSettled: refresh,
    }),
  );
  return (metric: { id: string; name: string }) => {
    names.set(metric.id, metric.name);
    archive.mutate({ id: metric.id });
  };
}
