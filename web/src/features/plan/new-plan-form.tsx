import { Checkbox, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { planCreateInput } from '@server/modules/plans/plans.schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrorsOf, validateWith } from '../../lib/api-errors';
import { trpc, trpcClient, type RouterOutputs } from '../../lib/trpc';
import { FormActions } from '../../components/ui/form-actions';
import { nextMonday } from '../../lib/weeks';

export type PlanSummary = RouterOutputs['plans']['list'][number];

/** The new-plan form in its modal; loaded only when opened (see new-plan-modal.tsx). */
export default function NewPlanForm({ onClose, plans, copyFrom }: { onClose: () => void; plans: PlanSummary[]; copyFrom?: string | undefined }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [saving, setSaving] = useState(false);
  const latest = plans[0];
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: '',
      startDate: latest ? (nextMonday(latest.timeline.endDate) ?? '') : '',
      lengthDays: 180,
      from: copyFrom ?? latest?.id ?? 'blank',
      makeCurrent: true,
    },
    validate: (values) => validateWith(planCreateInput, toInput(values), t),
  });

  const submit = form.onSubmit(async (values) => {
    setSaving(true);
    try {
      const { id } = await trpcClient.plans.create.mutate(toInput(values));
      await queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
      notifications.show({ message: t('plans.created', { name: values.name.trim() }) });
      onClose();
      await navigate({ to: '/plan', search: values.makeCurrent ? {} : { plan: id } });
    } catch (error) {
      form.setErrors(fieldErrorsOf(error));
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    } finally {
      setSaving(false);
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('plans.createTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('plans.name')} required data-autofocus {...form.getInputProps('name')} />
          <Select
            label={t('plans.startFrom')}
            allowDeselect={false}
            data={[
              { value: 'blank', label: t('plans.blank') },
              ...plans.map((p) => ({ value: p.id, label: t('plans.copyOf', { name: p.name }) })),
            ]}
            {...form.getInputProps('from')}
          />
          <Group grow align="flex-start">
            <DateInput label={t('plans.startDate')} required valueFormat="YYYY-MM-DD" {...form.getInputProps('startDate')} />
            <NumberInput
              label={t('plans.lengthDays')}
              min={7}
              max={730}
              disabled={form.values.from !== 'blank'}
              {...form.getInputProps('lengthDays')}
            />
          </Group>
          <Checkbox label={t('plans.makeCurrentOnCreate')} {...form.getInputProps('makeCurrent', { type: 'checkbox' })} />
          <FormActions onCancel={onClose} saving={saving} />
        </Stack>
      </form>
    </Modal>
  );
}

function toInput(values: { name: string; startDate: string; lengthDays: number | string; from: string; makeCurrent: boolean }) {
  return {
    name: values.name,
    startDate: values.startDate,
    lengthDays: Number(values.lengthDays),
    makeCurrent: values.makeCurrent,
    ...(values.from !== 'blank' && { copyFromPlanId: values.from }),
  };
}
