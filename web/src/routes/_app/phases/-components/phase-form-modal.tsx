import { Group, Modal, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { phaseUpdateInput } from '@server/modules/phases/phases.schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorData, errorMessage, fieldErrorsOf, validateWith } from '../../../../lib/api-errors';
import { trpc, trpcClient, type PhaseView } from '../../../../lib/trpc';
import { FormActions } from '../../../../components/ui/form-actions';
import { ConflictAlert, useVersionedEdit } from '../../../../components/ui/conflict-alert';

export function PhaseFormModal({ phase, opened, onClose }: { phase: PhaseView; opened: boolean; onClose: () => void }) {
  return opened ? <PhaseForm phase={phase} onClose={onClose} /> : null;
}

function PhaseForm({ phase, onClose }: { phase: PhaseView; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const versioned = useVersionedEdit(phase.version);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: phase.name, goal: phase.goal, startDay: phase.startDay, endDay: phase.endDay },
    validate: (values) => validateWith(phaseUpdateInput, { id: phase.id, version: phase.version, ...values }, t),
  });
  const submit = form.onSubmit(async (values) => {
    setSaving(true);
    try {
      await trpcClient.phases.update.mutate({ id: phase.id, version: versioned.version, ...values });
      notifications.show({ message: t('phase.saved') });
      onClose();
    } catch (error) {
      form.setErrors(fieldErrorsOf(error));
      versioned.caught(error);
      notifications.show({ color: 'red', message: errorMessage(error, t) });
      if (errorData(error).code !== 'CONFLICT') return;
    } finally {
      setSaving(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.phases.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() }),
      ]);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('phase.editTitle', { key: phase.key })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ConflictAlert
            conflict={versioned.conflict}
            fields={[
              { key: 'name', label: t('phase.name') },
              { key: 'goal', label: t('phase.goal') },
              { key: 'startDay', label: t('phase.startDay') },
              { key: 'endDay', label: t('phase.endDay') },
            ]}
          />
          <TextInput label={t('phase.name')} required data-autofocus {...form.getInputProps('name')} />
          <Textarea label={t('phase.goal')} autosize minRows={2} maxRows={6} {...form.getInputProps('goal')} />
          <Group grow align="flex-start">
            <NumberInput label={t('phase.startDay')} min={0} {...form.getInputProps('startDay')} />
            <NumberInput label={t('phase.endDay')} min={0} {...form.getInputProps('endDay')} />
          </Group>
          <FormActions onCancel={onClose} saving={saving} />
        </Stack>
      </form>
    </Modal>
  );
}
