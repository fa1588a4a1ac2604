import { Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { deliverableFormSchema } from '@server/modules/deliverables/deliverables.schema';
import { gateFormSchema } from '@server/modules/gates/gates.schema';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, validateWith } from '../../lib/api-errors';
import { itemKinds, type ItemKind, type ItemView } from './item-kinds';
import { useSaveItem, type ItemFields } from './use-plan-item-mutations';
import { FormActions } from '../../components/ui/form-actions';
import { ConflictAlert, useVersionedEdit } from '../../components/ui/conflict-alert';
import { formatDate } from '../../lib/dates';

const formSchemas = { deliverable: deliverableFormSchema, gate: gateFormSchema } as const;

type FormValues = ItemFields;

export interface ItemFormModalProps {
  kind: ItemKind;
  opened: boolean;
  onClose: () => void;
  phaseId: string;
  /** The item to edit; absent to create one. */
  item?: ItemView | undefined;
}

export function ItemFormModal(props: ItemFormModalProps) {
  // Remount per item so the form starts from the item's current values.
  return props.opened ? <ItemForm key={props.item?.id ?? 'new'} {...props} /> : null;
}

function ItemForm({ kind, onClose, phaseId, item }: ItemFormModalProps) {
  const { t } = useTranslation();
  const save = useSaveItem(kind);
  const spec = itemKinds[kind];
  const versioned = useVersionedEdit(item?.version ?? 0);
  const form = useForm<FormValues>({
    mode: 'controlled',
    initialValues: {
      title: item?.title ?? '',
      description: item?.description ?? '',
      ownerName: item?.ownerName ?? '',
      dueDate: item?.dueDate ?? null,
      status: item?.status ?? spec.defaultStatus,
    },
    validate: (values) => validateWith(formSchemas[kind], values, t),
  });

  const title = item
    ? t(kind === 'deliverable' ? 'items.editDeliverable' : 'items.editGate')
    : t(kind === 'deliverable' ? 'items.newDeliverable' : 'items.newGate');

  const submit = form.onSubmit((values) => {
    const callbacks = {
      onSuccess: onClose,
      onError: (error: unknown) => {
        const fields = fieldErrorsOf(error);
        if (Object.keys(fields).length) form.setErrors(fields);
        versioned.caught(error);
      },
    };
    if (item) save.update({ id: item.id, version: versioned.version }, values, callbacks);
    else save.create(phaseId, values, callbacks);
  });

  return (
    <Modal opened onClose={onClose} title={title} size="lg" fullScreen={false}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ConflictAlert
            conflict={versioned.conflict}
            fields={[
              { key: 'title', label: t('common.title') },
              { key: 'description', label: t('common.description') },
              { key: 'ownerName', label: t('common.owner') },
              { key: 'dueDate', label: t('common.dueDate'), format: (v) => formatDate(String(v)) },
              { key: 'status', label: t('common.status'), format: (v) => t(`status.${kind}.${String(v)}` as 'status.gate.PENDING') },
            ]}
          />
          <TextInput label={t('common.title')} required data-autofocus {...form.getInputProps('title')} />
          <Textarea label={t('common.description')} autosize minRows={2} maxRows={8} {...form.getInputProps('description')} />
          <Group grow align="flex-start">
            <TextInput label={t('common.owner')} {...form.getInputProps('ownerName')} />
            <DateInput
              label={t('common.dueDate')}
              placeholder={t('common.noDueDate')}
              valueFormat="YYYY-MM-DD"
              clearable
              {...form.getInputProps('dueDate')}
            />
          </Group>
          {/* A gate's status changes through its status dialog (reasons, decisions); a new gate starts in a working status. */}
          {(kind === 'deliverable' || !item) && (
            <Select
              label={t('common.status')}
              allowDeselect={false}
              data={spec.statuses
                .filter((s) => kind === 'deliverable' || (s !== 'PASSED' && s !== 'FAILED'))
                .map((s) => ({ value: s, label: t(`status.${kind}.${s}` as 'status.gate.PENDING') }))}
              {...form.getInputProps('status')}
            />
          )}
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
