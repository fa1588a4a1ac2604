import { ActionIcon, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, validateWith } from '../../lib/api-errors';
import { formatDate } from '../../lib/dates';
import { useMe } from '../../lib/session';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { partnerFormSchema, type PartnerPackage, type PartnerSegment, type PartnerTrack, type PipelineStage } from '@server/modules/partners/partners.schema';
import { packages, segments, stages, tracks } from './partner-kinds';
import { useSavePartner } from './use-partner-mutations';
import { FormActions } from '../../components/ui/form-actions';
import { ConflictAlert, useVersionedEdit } from '../../components/ui/conflict-alert';

type Detail = RouterOutputs['partners']['byId'];

interface Values {
  company: string;
  website: string;
  segment: string;
  package: string;
  track: string;
  ownerId: string;
  stage: string;
  expectedValue: number | string;
  currency: string;
  nextStep: string;
  nextStepDue: string | null;
  tags: string[];
  contacts: { name: string; role: string; email: string }[];
}

/** The form's values as the shared schema and the procedures take them: trimmed, blanks as null. */
function toFields(values: Values) {
  return {
    company: values.company.trim(),
    website: values.website.trim() || null,
    segment: values.segment as PartnerSegment,
    package: values.package as PartnerPackage,
    track: values.track as PartnerTrack,
    ownerId: values.ownerId,
    expectedValue: values.expectedValue === '' ? 0 : Number(values.expectedValue),
    currency: values.currency.trim().toUpperCase(),
    nextStep: values.nextStep.trim(),
    nextStepDue: values.nextStepDue || null,
    tags: values.tags,
    contacts: values.contacts.filter((c) => c.name.trim()).map((c) => ({ name: c.name.trim(), role: c.role.trim(), email: c.email.trim() || null })),
  };
}

export function PartnerFormModal({ opened, onClose, partner }: { opened: boolean; onClose: () => void; partner?: Detail | undefined }) {
  return opened ? <PartnerForm onClose={onClose} partner={partner} /> : null;
}

function PartnerForm({ onClose, partner }: { onClose: () => void; partner?: Detail | undefined }) {
  const { t } = useTranslation();
  const me = useMe();
  const save = useSavePartner();
  const versioned = useVersionedEdit(partner?.version ?? 0);
  const { data: owners = [] } = useQuery(trpc.partners.owners.queryOptions());
  const form = useForm<Values>({
    initialValues: {
      company: partner?.company ?? '',
      website: partner?.website ?? '',
      segment: partner?.segment ?? 'AI_INFRA',
      package: partner?.package ?? 'CLOUD_BUILDER',
      track: partner?.track ?? 'HOSTED',
      ownerId: partner?.ownerId ?? me.id,
      stage: partner?.stage ?? 'LEAD',
      expectedValue: partner?.expectedValue ?? '',
      currency: partner?.currency ?? 'USD',
      nextStep: partner?.nextStep ?? '',
      nextStepDue: partner?.nextStepDue ?? null,
      tags: partner?.tags ?? [],
      contacts: partner?.contacts.map((c) => ({ name: c.name, role: c.role ?? '', email: c.email ?? '' })) ?? [],
    },
    validate: (values) => validateWith(partnerFormSchema, toFields(values), t),
  });

  const submit = form.onSubmit((values) => {
    const fields = toFields(values);
    const callbacks = {
      onSuccess: onClose,
      onError: (error: unknown) => {
        form.setErrors(fieldErrorsOf(error));
        versioned.caught(error);
      },
    };
    if (partner) save.update.mutate({ id: partner.id, version: versioned.version, ...fields }, callbacks);
    else save.create.mutate({ ...fields, stage: values.stage as PipelineStage }, callbacks);
  });

  const options = (values: readonly string[], ns: 'segment' | 'package' | 'track' | 'stage') =>
    values.map((v) => ({ value: v, label: t(`partners.${ns}.${v}` as 'partners.track.HOSTED') }));

  return (
    <Modal opened onClose={onClose} title={partner ? t('partners.edit') : t('partners.add')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ConflictAlert
            conflict={versioned.conflict}
            fields={[
              { key: 'company', label: t('partners.fields.company') },
              { key: 'website', label: t('partners.fields.website') },
              { key: 'segment', label: t('partners.fields.segment'), format: (v) => t(`partners.segment.${String(v)}` as 'partners.track.HOSTED') },
              { key: 'package', label: t('partners.fields.package'), format: (v) => t(`partners.package.${String(v)}` as 'partners.track.HOSTED') },
              { key: 'track', label: t('partners.fields.track'), format: (v) => t(`partners.track.${String(v)}` as 'partners.track.HOSTED') },
              { key: 'ownerId', label: t('partners.fields.owner'), format: (v) => owners.find((o) => o.id === v)?.name ?? String(v) },
              { key: 'expectedValue', label: t('partners.fields.expectedValue') },
              { key: 'currency', label: t('partners.fields.currency') },
              { key: 'nextStep', label: t('partners.fields.nextStep') },
              { key: 'nextStepDue', label: t('partners.fields.nextStepDue'), format: (v) => formatDate(String(v)) },
              { key: 'tags', label: t('partners.fields.tags') },
              { key: 'contacts', label: t('partners.fields.contacts') },
            ]}
          />
          <TextInput label={t('partners.fields.company')} required data-autofocus {...form.getInputProps('company')} />
          <TextInput label={t('partners.fields.website')} type="url" placeholder="https://" {...form.getInputProps('website')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select label={t('partners.fields.segment')} allowDeselect={false} data={options(segments, 'segment')} {...form.getInputProps('segment')} />
            <Select label={t('partners.fields.package')} allowDeselect={false} data={options(packages, 'package')} {...form.getInputProps('package')} />
            <Select label={t('partners.fields.track')} allowDeselect={false} data={options(tracks, 'track')} {...form.getInputProps('track')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select label={t('partners.fields.owner')} allowDeselect={false} data={owners.map((o) => ({ value: o.id, label: o.name }))} {...form.getInputProps('ownerId')} />
            <NumberInput label={t('partners.fields.expectedValue')} min={0} thousandSeparator="," {...form.getInputProps('expectedValue')} />
            <TextInput label={t('partners.fields.currency')} maxLength={3} {...form.getInputProps('currency')} />
          </SimpleGrid>
          {!partner && <Select label={t('partners.fields.stage')} allowDeselect={false} data={options(stages.filter((s) => s !== 'LOST'), 'stage')} {...form.getInputProps('stage')} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('partners.fields.nextStep')} {...form.getInputProps('nextStep')} />
            <DateInput label={t('partners.fields.nextStepDue')} valueFormat="YYYY-MM-DD" clearable {...form.getInputProps('nextStepDue')} />
          </SimpleGrid>
          <TagsInput label={t('partners.fields.tags')} {...form.getInputProps('tags')} />
          <Text size="sm" fw={500}>
            {t('partners.fields.contacts')}
          </Text>
          {form.values.contacts.map((_, i) => (
            <Group key={i} align="flex-end" gap="xs" wrap="nowrap">
              <TextInput label={t('partners.fields.contactName')} style={{ flex: 1 }} {...form.getInputProps(`contacts.${i}.name`)} />
              <TextInput label={t('partners.fields.contactRole')} style={{ flex: 1 }} {...form.getInputProps(`contacts.${i}.role`)} />
              <TextInput label={t('partners.fields.contactEmail')} type="email" style={{ flex: 1 }} {...form.getInputProps(`contacts.${i}.email`)} />
              <ActionIcon variant="subtle" color="red" mb={4} aria-label={t('partners.fields.removeContact')} onClick={() => form.removeListItem('contacts', i)}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('contacts', { name: '', role: '', email: '' })}>
              {t('partners.fields.addContact')}
            </Button>
          </Group>
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
