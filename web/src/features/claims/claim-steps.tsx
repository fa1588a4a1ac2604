import { Alert, Box, Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp, IconCheck, IconPencil, IconSend, IconTrash } from '@tabler/icons-react';
import { Fragment, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { claimReason } from '@server/modules/claims/claims.schema';
import { validateWith } from '../../lib/api-errors';
import { ClaimFormModal } from './claim-form-modal';
import { describeBlocker, type ClaimDetail, type ClaimStep } from './claim-kinds';
import { useClaimSteps } from './use-claim-mutations';

type Dialog = 'edit' | 'retract' | 'override' | null;

/**
 * The next steps open to the reader on this claim: each shown when the reader's role and the claim's
 * status allow it, disabled with the reasons beside it while something is missing (the server's rules
 * decide both; it checks again on every step).
 */
export function ClaimSteps({ claim, onDeleted }: { claim: ClaimDetail; onDeleted: () => void }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const baseId = useId();
  const { actions } = claim;
  const { approve, publish, retract, restore, archive } = useClaimSteps(claim);

  const held = actions.publish.blockers.find((b) => b.code === 'held');
  const heldId = `${baseId}-held`;
  const blockersId = (key: string) => `${baseId}-blockers-${key}`;
  // The hold has its own notice above the buttons; the list beside a step names what else is missing.
  const listed = (step: ClaimStep) => step.blockers.filter((b) => b.code !== 'held');
  const describedBy = (key: string, step: ClaimStep) =>
    [key === 'publish' && held ? heldId : null, listed(step).length > 0 ? blockersId(key) : null].filter(Boolean).join(' ') || undefined;

  if (claim.archivedAt) {
    return (
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t('claims.actions.deletedNotice')}</Text>
        {actions.restore.available && (
          <Button variant="light" leftSection={<IconArrowBackUp size={16} />} loading={restore.isPending} onClick={() => restore.mutate()}>
            {t('claims.actions.restore')}
          </Button>
        )}
      </Stack>
    );
  }

  const steps: { key: string; step: ClaimStep; button: (describedBy: string | undefined) => ReactNode; label: string }[] = [
    {
      key: 'approve',
      step: actions.approve,
      label: t('claims.actions.approve'),
      button: (describedBy) => (
        <Button leftSection={<IconCheck size={16} />} disabled={actions.approve.blockers.length > 0} aria-describedby={describedBy} loading={approve.isPending} onClick={() => approve.mutate()}>
          {t('claims.actions.approve')}
        </Button>
      ),
    },
    {
      key: 'publish',
      step: actions.publish,
      label: t('claims.actions.publish'),
      button: (describedBy) => (
        <Button leftSection={<IconSend size={16} />} disabled={actions.publish.blockers.length > 0} aria-describedby={describedBy} loading={publish.isPending && dialog === null} onClick={() => publish.mutate(undefined, { onSuccess: () => setDialog(null) })}>
          {t('claims.actions.publish')}
        </Button>
      ),
    },
  ];
  const shown = steps.filter((s) => s.step.available);
  const anything = shown.length > 0 || actions.edit.available || actions.retract.available || actions.archive.available || actions.canOverride;

  return (
    <Stack gap="sm">
      {held && (
        <Alert id={heldId} color="orange" variant="light" icon={<IconAlertTriangle />} title={describeBlocker(held, t)} data-testid="publish-held">
          <Text size="sm">{t('claims.blocker.heldHint')}</Text>
        </Alert>
      )}
      {anything ? (
        <Group gap="xs">
          {shown.map((s) => (
            <Fragment key={s.key}>{s.button(describedBy(s.key, s.step))}</Fragment>
          ))}
          {actions.canOverride && (
            <Button color="orange" variant="light" onClick={() => setDialog('override')}>
              {t('claims.actions.publishAnyway')}
            </Button>
          )}
          {actions.edit.available && (
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setDialog('edit')}>
              {t('claims.edit')}
            </Button>
          )}
          {actions.retract.available && (
            <Button color="red" variant="light" leftSection={<IconArrowBackUp size={16} />} onClick={() => setDialog('retract')}>
              {t('claims.actions.retract')}
            </Button>
          )}
          {actions.archive.available && (
            <Button color="red" variant="subtle" leftSection={<IconTrash size={16} />} loading={archive.isPending} onClick={() => archive.mutate({ onSuccess: onDeleted })}>
              {t('claims.actions.delete')}
            </Button>
          )}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {claim.status === 'RETRACTED' ? t('claims.actions.noneRetracted') : t('claims.actions.none')}
        </Text>
      )}
      {shown
        .filter((s) => listed(s.step).length > 0)
        .map((s) => (
          <Box key={s.key} id={blockersId(s.key)} data-testid={`blockers-${s.key}`}>
            <Text size="sm" fw={600}>
              {s.label} · {t('claims.actions.blockedBy')}
            </Text>
            <List size="sm" spacing={2}>
              {listed(s.step).map((b, i) => (
                <List.Item key={i}>{describeBlocker(b, t)}</List.Item>
              ))}
            </List>
          </Box>
        ))}

      <ClaimFormModal opened={dialog === 'edit'} onClose={() => setDialog(null)} claim={claim} />
      <ReasonDialog
        opened={dialog === 'retract'}
        onClose={() => setDialog(null)}
        title={t('claims.retractDialog.title')}
        body={t('claims.retractDialog.body')}
        label={t('claims.retractDialog.reason')}
        confirm={t('claims.retractDialog.confirm')}
        color="red"
        busy={retract.isPending}
        onConfirm={(reason) => retract.mutate(reason, { onSuccess: () => setDialog(null) })}
      />
      <ReasonDialog
        opened={dialog === 'override'}
        onClose={() => setDialog(null)}
        title={t('claims.overrideDialog.title')}
        body={t('claims.overrideDialog.body')}
        label={t('claims.overrideDialog.reason')}
        confirm={t('claims.overrideDialog.confirm')}
        color="orange"
        busy={publish.isPending}
        onConfirm={(reason) => publish.mutate(reason, { onSuccess: () => setDialog(null) })}
      />
    </Stack>
  );

}

interface ReasonDialogProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  body: string;
  label: string;
  confirm: string;
  color: string;
  busy: boolean;
  onConfirm: (reason: string) => void;
}

/** Asks why, for a step that is recorded with its reason (retracting; publishing over the hold). */
function ReasonDialog(props: ReasonDialogProps) {
  return props.opened ? <ReasonForm {...props} /> : null;
}

function ReasonForm({ onClose, title, body, label, confirm, color, busy, onConfirm }: ReasonDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const bodyId = useId();
  return (
    <Modal opened onClose={onClose} title={title} aria-describedby={bodyId}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const problem = validateWith(claimReason, reason, t)[''];
          if (problem) return setError(problem);
          onConfirm(reason.trim());
        }}
      >
        <Stack gap="sm">
          <Text size="sm" id={bodyId}>
            {body}
          </Text>
          <Textarea label={label} required autosize minRows={2} maxRows={6} data-autofocus value={reason} error={error} onChange={(e) => setReason(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={color} loading={busy}>
              {confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
