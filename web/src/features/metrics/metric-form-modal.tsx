import { Modal, NumberInput, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { metricDirections, metricFormSchema, type MetricDirection } from '@server/modules/metrics/metrics.schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/ui/form-actions';
import { ConflictAlert, useVersionedEdit } from '../../components/ui/conflict-alert';
import { errorMessage, fieldErrorsOf, validateWith } from '../../lib/api-errors';
import { trpc, trpcClient } from '../../lib/trpc';
import type { MetricView } from './metric-kinds';

interface Values {
  key: string;
  name: string;
  unit: string;
  direction: MetricDirection;
  target: number | string;
  description: string;
}

/** Defines a metric, or edits one (`metric` given); the key is fixed once defined. */
export function MetricFormModal({ metric, onClose }: { metric?: MetricView | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const versioned = useVersionedEdit(metric?.version ?? 0);
  const form = useForm<Values>({
    initialValues: {
      key: metric?.key ?? '',
      name: metric?.name ?? '',
      unit: metric?.unit ?? '',
      direction: metric?.direction ?? 'UP',
      target: metric?.target ?? '',
      description: metric?.description ?? '',
    },
    validate: (values) => validateWith(metricFormSchema, toFields(values), t),
  });

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    const { key, ...fields } = toFields(values);
    try {
      if (metric) await trpcClient.metrics.update.mutate({ id: metric.id, version: versioned.version, ...fields });
      else await trpcClient.metrics.define.mutate({ key, ...fields });
      notifications.show({ message: t(metric ? 'metrics.form.saved' : 'metrics.form.defined', { name: fields.name }) });
      await queryClient.invalidateQueries({ queryKey: trpc.metrics.pathKey() });
      onClose();
    } catch (error) {
      form.setErrors(fieldErrorsOf(error));
      if (versioned.caught(error)) await queryClient.invalidateQueries({ queryKey: trpc.metrics.pathKey() });
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    } finally {
      setBusy(false);
    }
  });

  return (
    <Modal opened onClose={onClose} title={metric ? t('metrics.form.editTitle', { name: metric.name }) : t('metrics.form.defineTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ConflictAlert
            conflict={versioned.conflict}
            fields={[
              { key: 'name', label: t('metrics.form.name') },
              { key: 'unit', label: t('metrics.form.unit') },
              { key: 'direction', label: t('metrics.form.direction'), format: (v) => t(`metrics.direction.${v as MetricDirection}`) },
              { key: 'target', label: t('metrics.form.target') },
              { key: 'description', label: t('metrics.form.description') },
            ]}
          />
          <TextInput label={t('metrics.form.key')} description={t('metrics.form.keyHint')} required disabled={Boolean(metric)} ff="monospace" data-autofocus={!metric || undefined} {...form.getInputProps('key')} />
          <TextInput label={t('metrics.form.name')} required data-autofocus={metric ? true : undefined} {...form.getInputProps('name')} />
          <TextInput label={t('metrics.form.unit')} placeholder={t('metrics.form.unitPlaceholder')} {...form.getInputProps('unit')} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('metrics.form.direction')}
            </Text>
            <SegmentedControl
              data={metricDirections.map((d) => ({ value: d, label: t(`metrics.direction.${d}`) }))}
              {...form.getInputProps('direction')}
              aria-label={t('metrics.form.direction')}
            />
          </Stack>
          <NumberInput label={t('metrics.form.target')} description={t('metrics.form.targetHint')} thousandSeparator="," {...form.getInputProps('target')} />
          <Textarea label={t('metrics.form.description')} autosize minRows={2} maxRows={6} {...form.getInputProps('description')} />
          <FormActions onCancel={onClose} saving={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

function toFields(values: Values) {
  return {
    key: values.key.trim(),
    name: values.name.trim(),
    unit: values.unit.trim(),
    direction: values.direction,
    target: values.target === '' ? null : Number(values.target),
    description: values.description.trim(),
  };
}
