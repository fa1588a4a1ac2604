import { Group, Modal, Radio, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { evidenceFormSchema, type EvidenceForm } from '@server/modules/evidence/evidence.schema';
import { FormActions } from '../../components/ui/form-actions';
import { ConflictAlert, useVersionedEdit } from '../../components/ui/conflict-alert';
import { fieldErrorsOf, validateWith } from '../../lib/api-errors';
import { formatDate, localToday } from '../../lib/dates';
import { evidenceResults, kindLabel, kindOptions, type EvidenceKind, type EvidenceResult, type EvidenceTarget, type EvidenceView } from './evidence-kinds';
import { useSaveEvidence } from './use-evidence-mutations';

interface FormValues {
  title: string;
  url: string;
  kind: EvidenceKind | null;
  capturedOn: string | null;
  result: EvidenceResult | null;
  note: string;
}

type Editable = Pick<EvidenceView, 'id' | 'version' | 'title' | 'url' | 'kind' | 'capturedOn' | 'result' | 'note'>;

export interface EvidenceFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The evidence to edit; absent to add new evidence. */
  evidence?: Editable | undefined;
  /** On create: attach the new evidence to this record at once. */
  attachTo?: EvidenceTarget | undefined;
  /** After a save, with the evidence's id (the picker selects what was just added). */
  onSaved?: (id: string) => void;
}

/** Adds or edits one piece of evidence; a new one can be attached to a record in the same step. */
export function EvidenceFormModal(props: EvidenceFormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.evidence ? t('evidence.editTitle') : t('evidence.newTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {/* Remount per evidence so the form starts from its current values. */}
      {props.opened && <EvidenceFormBody key={props.evidence?.id ?? 'new'} {...props} />}
    </Modal>
  );
}

/** The form's values as the shared schema reads them: a result only for gate runs. */
const toInput = (v: FormValues): EvidenceForm => ({
  title: v.title,
  url: v.url.trim(),
  kind: v.kind as EvidenceKind,
  capturedOn: v.capturedOn ?? '',
  result: v.kind === 'GATE_RUN' ? v.result : null,
  note: v.note,
});

function EvidenceFormBody({ onClose, evidence, attachTo, onSaved }: EvidenceFormModalProps) {
  const { t } = useTranslation();
  const save = useSaveEvidence();
  const versioned = useVersionedEdit(evidence?.version ?? 0);
  const form = useForm<FormValues>({
    mode: 'controlled',
    initialValues: {
      title: evidence?.title ?? '',
      url: evidence?.url ?? '',
      kind: evidence?.kind ?? null,
      capturedOn: evidence?.capturedOn ?? localToday(),
      result: evidence?.result ?? null,
      note: evidence?.note ?? '',
    },
    validate: (values) => {
      const errors = validateWith(evidenceFormSchema, toInput(values), t);
      if (errors.url && values.url.trim()) errors.url = t('evidence.validation.url');
      if (values.kind === 'GATE_RUN' && !values.result) errors.result = t('evidence.validation.result');
      return errors;
    },
  });

  const submit = form.onSubmit((values) => {
    const input = toInput(values);
    const callbacks = {
      onSuccess: ({ id }: { id: string }) => {
        onSaved?.(id);
        onClose();
      },
      onError: (error: unknown) => {
        const fields = fieldErrorsOf(error);
        if (Object.keys(fields).length) form.setErrors(fields);
        versioned.caught(error);
      },
    };
    if (evidence) save.update.mutate({ id: evidence.id, version: versioned.version, ...input }, callbacks);
    else save.create.mutate({ ...input, ...(attachTo && { attachTo }) }, callbacks);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ConflictAlert
          conflict={versioned.conflict}
          fields={[
            { key: 'title', label: t('evidence.fields.title') },
            { key: 'url', label: t('evidence.fields.url') },
            { key: 'kind', label: t('evidence.fields.kind'), format: (v) => kindLabel(v as EvidenceKind, t) },
            { key: 'capturedOn', label: t('evidence.fields.capturedOn'), format: (v) => formatDate(String(v)) },
            { key: 'result', label: t('evidence.fields.result'), format: (v) => t(`evidence.result.${v as EvidenceResult}`) },
            { key: 'note', label: t('evidence.fields.note') },
          ]}
        />
        <TextInput label={t('evidence.fields.title')} required data-autofocus {...form.getInputProps('title')} />
        <TextInput
          label={t('evidence.fields.url')}
          placeholder={t('evidence.fields.urlPlaceholder')}
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          required
          {...form.getInputProps('url')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Select
            label={t('evidence.fields.kind')}
            placeholder={t('evidence.fields.kindPlaceholder')}
            required
            allowDeselect={false}
            data={kindOptions(t)}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('kind')}
          />
          <DateInput
            label={t('evidence.fields.capturedOn')}
            valueFormat="YYYY-MM-DD"
            maxDate={localToday()}
            required
            {...form.getInputProps('capturedOn')}
          />
        </SimpleGrid>
        {form.values.kind === 'GATE_RUN' && (
          <Radio.Group label={t('evidence.fields.result')} required {...form.getInputProps('result')} value={form.values.result ?? ''}>
            <Group gap="lg" mt={6}>
              {evidenceResults.map((r) => (
                <Radio key={r} value={r} label={t(`evidence.result.${r}`)} color={r === 'FAILED' ? 'red' : 'teal'} />
              ))}
            </Group>
          </Radio.Group>
        )}
        <Textarea label={t('evidence.fields.note')} autosize minRows={2} maxRows={6} {...form.getInputProps('note')} />
        <FormActions onCancel={onClose} saving={save.isPending} />
      </Stack>
    </form>
  );
}
