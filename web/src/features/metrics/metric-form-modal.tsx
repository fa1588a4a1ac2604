import { Modal, NumberInput, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { metricDirections, metricFormSchema, type MetricDirection } from '@server/modules/metrics/metrics.schema';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/ui/form-actions';
import { ConflictAlert, useVersionedEdit } from '../../components/ui/conflict-alert';
import { fieldErrorsOf, validateWith } from '../../lib/api-errors';
import type { MetricView } from './metric-kinds';
import { useSaveMetric } from './use-metric-mutations';

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
  const save = useSaveMetric();
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

  const submit = form.onSubmit((values) => {
    const { key, ...fields } = toFields(values);
    const callbacks = {
      onSuccess: onClose,
      onError: (error: unknown) => {
        form.setErrors(fieldErrorsOf(error));
        versioned.caught(error);
      },
    };
    if (metric) save.update.mutate({ id: metric.id, version: versioned.version, ...fields }, callbacks);
    else save.define.mutate({ key, ...fields }, callbacks);
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
          <FormActions onCancel={onClose} saving={save.isPending} />
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
