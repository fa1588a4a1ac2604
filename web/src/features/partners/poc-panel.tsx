import { ActionIcon, Badge, Button, Checkbox, Group, Modal, Progress, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../lib/api-errors';
import { formatDate } from '../../lib/dates';
import type { RouterOutputs } from '../../lib/trpc';
import { pocStatuses } from './partner-kinds';
import { useSavePoc } from './use-partner-mutations';
import { FormActions } from '../../components/ui/form-actions';

type Detail = RouterOutputs['partners']['byId'];
type Poc = NonNullable<Detail['poc']>;

const pocColor = { PLANNED: 'gray', RUNNING: 'blue', SUCCEEDED: 'teal', FAILED: 'red' } as const;

export function PocPanel({ partner, editable, reachedPoc }: { partner: Detail; editable: boolean; reachedPoc: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const poc = partner.poc;
  if (!poc) {
    return (
      <Stack gap="xs" align="flex-start">
        <Text size="sm" c="dimmed">
          {reachedPoc ? t('partners.poc.none') : t('partners.poc.notYet')}
        </Text>
        {editable && reachedPoc && (
          <Button size="compact-sm" variant="light" onClick={() => setEditing(true)}>
            {t('partners.poc.start')}
          </Button>
        )}
        {editing && <PocForm partner={partner} onClose={() => setEditing(false)} />}
      </Stack>
    );
  }
  const met = poc.criteria.filter((c) => c.met).length;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Badge color={pocColor[poc.status as keyof typeof pocColor]} variant="light" style={{ textTransform: 'none' }}>
          {t(`partners.poc.statuses.${poc.status as 'PLANNED'}`)}
        </Badge>
        {editable && (
          <Button size="compact-sm" variant="subtle" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        )}
      </Group>
      <Text size="sm">
        {t('partners.poc.startDate')}: {formatDate(poc.startDate)} · {t('partners.poc.targetEnd')}: {formatDate(poc.targetEndDate)}
      </Text>
      {poc.criteria.length > 0 && (
        <>
          <Progress value={(met / poc.criteria.length) * 100} color="teal" aria-label={t('partners.poc.metCount', { met, total: poc.criteria.length })} />
          <Text size="xs" c="dimmed">
            {t('partners.poc.metCount', { met, total: poc.criteria.length })}
          </Text>
          <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {poc.criteria.map((c) => (
              <Text component="li" size="sm" key={c.id} td={c.met ? undefined : undefined}>
                {c.met ? '✓' : '○'} {c.text}
              </Text>
            ))}
          </Stack>
        </>
      )}
      {poc.outcome && (
        <Text size="sm">
          <Text span fw={600}>
            {t('partners.poc.outcome')}:
          </Text>{' '}
          {poc.outcome}
        </Text>
      )}
      {editing && <PocForm partner={partner} poc={poc} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

function PocForm({ partner, poc, onClose }: { partner: Detail; poc?: Poc; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSavePoc();
  const form = useForm({
    initialValues: {
      startDate: poc?.startDate ?? null,
      targetEndDate: poc?.targetEndDate ?? null,
      status: poc?.status ?? 'PLANNED',
      outcome: poc?.outcome ?? '',
      criteria: poc?.criteria.map((c) => ({ id: c.id as string | undefined, text: c.text, met: c.met })) ?? [{ id: undefined, text: '', met: false }],
    },
  });
  const submit = form.onSubmit((v) =>
    save.mutate(
      {
        partnerId: partner.id,
        startDate: v.startDate,
        targetEndDate: v.targetEndDate,
        status: v.status,
        outcome: v.outcome,
        criteria: v.criteria.filter((c) => c.text.trim()).map((c) => ({ ...(c.id && { id: c.id }), text: c.text.trim(), met: c.met })),
      },
      { onSuccess: onClose, onError: (error) => form.setErrors(fieldErrorsOf(error)) },
    ),
  );
  return (
    <Modal opened onClose={onClose} title={t('partners.poc.title')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <DateInput label={t('partners.poc.startDate')} valueFormat="YYYY-MM-DD" required {...form.getInputProps('startDate')} />
            <DateInput label={t('partners.poc.targetEnd')} valueFormat="YYYY-MM-DD" required {...form.getInputProps('targetEndDate')} />
            <Select label={t('partners.poc.status')} allowDeselect={false} data={pocStatuses.map((s) => ({ value: s, label: t(`partners.poc.statuses.${s}`) }))} {...form.getInputProps('status')} />
          </SimpleGrid>
          <Text size="sm" fw={500}>
            {t('partners.poc.criteria')}
          </Text>
          {form.values.criteria.map((_, i) => (
            <Group key={i} gap="xs" wrap="nowrap" align="center">
              <Checkbox aria-label={t('partners.poc.met')} {...form.getInputProps(`criteria.${i}.met`, { type: 'checkbox' })} />
              <TextInput aria-label={t('partners.poc.criterionText')} style={{ flex: 1 }} {...form.getInputProps(`criteria.${i}.text`)} />
              <ActionIcon variant="subtle" color="red" aria-label={t('common.delete')} onClick={() => form.removeListItem('criteria', i)}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('criteria', { id: undefined, text: '', met: false })}>
              {t('partners.poc.addCriterion')}
            </Button>
          </Group>
          <Textarea label={t('partners.poc.outcome')} autosize minRows={2} {...form.getInputProps('outcome')} />
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
