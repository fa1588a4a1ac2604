import { Alert, Modal, Select, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { claimFormSchema, type ClaimChannel, type ClaimLayer } from '@server/modules/claims/claims.schema';
import { FormActions } from '../../components/ui/form-actions';
import { ConflictAlert, useVersionedEdit } from '../../components/ui/conflict-alert';
import { fieldErrorsOf, validateWith } from '../../lib/api-errors';
import { channels, layers, type ClaimDetail } from './claim-kinds';
import { useSaveClaim } from './use-claim-mutations';

interface Values {
  statement: string;
  channel: ClaimChannel;
  layer: ClaimLayer;
  boundary: string;
}

export interface ClaimFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The claim to edit; absent to write a new draft. */
  claim?: ClaimDetail | undefined;
  /** Called with the new claim's id after a create. */
  onCreated?: (id: string) => void;
}

export function ClaimFormModal(props: ClaimFormModalProps) {
  // Remount per claim so the form starts from the claim's current values (not per version: after a
  // conflict the form stays, with the reader's edits and the current value beside them).
  return props.opened ? <ClaimForm key={props.claim?.id ?? 'new'} {...props} /> : null;
}

function ClaimForm({ onClose, claim, onCreated }: ClaimFormModalProps) {
  const { t } = useTranslation();
  const save = useSaveClaim(claim);
  const versioned = useVersionedEdit(claim?.version ?? 0);
  const form = useForm<Values>({
    initialValues: {
      statement: claim?.statement ?? '',
      channel: claim?.channel ?? 'WEBSITE',
      layer: claim?.layer ?? 'CLOUD',
      boundary: claim?.boundary ?? '',
    },
    validate: (values) => validateWith(claimFormSchema, values, t),
  });

  const submit = form.onSubmit((values) => {
    const fields = { ...values, statement: values.statement.trim(), boundary: values.boundary.trim() };
    const onError = (error: unknown) => {
      form.setErrors(fieldErrorsOf(error));
      versioned.caught(error);
    };
    if (claim) save.update.mutate({ id: claim.id, version: versioned.version, ...fields }, { onSuccess: onClose, onError });
    else
      save.create.mutate(fields, {
        onSuccess: (created) => {
          onCreated?.(created.id);
          onClose();
        },
        onError,
      });
  });

  const options = <T extends string>(values: readonly T[], ns: 'channel' | 'layer') =>
    values.map((v) => ({ value: v, label: t(`claims.${ns}.${v}` as 'claims.channel.WEBSITE') }));

  return (
    <Modal opened onClose={onClose} title={claim ? t('claims.edit') : t('claims.add')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {claim?.status === 'APPROVED' && (
            <Alert color="yellow" variant="light">
              {t('claims.editApprovedWarning')}
            </Alert>
          )}
          <ConflictAlert
            conflict={versioned.conflict}
            fields={[
              { key: 'statement', label: t('claims.fields.statement') },
              { key: 'channel', label: t('claims.fields.channel'), format: (v) => t(`claims.channel.${v as ClaimChannel}`) },
              { key: 'layer', label: t('claims.fields.layer'), format: (v) => t(`claims.layer.${v as ClaimLayer}`) },
              { key: 'boundary', label: t('claims.fields.boundary') },
            ]}
          />
          <Textarea label={t('claims.fields.statement')} required autosize minRows={2} maxRows={6} data-autofocus {...form.getInputProps('statement')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <Select label={t('claims.fields.channel')} allowDeselect={false} data={options(channels, 'channel')} {...form.getInputProps('channel')} />
            <Select label={t('claims.fields.layer')} allowDeselect={false} data={options(layers, 'layer')} {...form.getInputProps('layer')} />
          </SimpleGrid>
          <Textarea
            label={t('claims.fields.boundary')}
            description={t('claims.fields.boundaryHint')}
            autosize
            minRows={2}
            maxRows={8}
            {...form.getInputProps('boundary')}
          />
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
