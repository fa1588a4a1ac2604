import { Alert, Modal, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { disagrees, gateStatuses, type GateDecisionValue, type GateStatus } from '@server/modules/gates/gates.schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/ui/form-actions';
import { ConflictAlert, useVersionedEdit } from '../../components/ui/conflict-alert';
import { conflictOf, errorData, errorMessage, fieldErrorsOf } from '../../lib/api-errors';
import { can } from '@server/modules/users/rights';
import { useMe } from '../../lib/session';
import { useSetGateStatus } from './use-plan-item-mutations';

export interface GateStatusTarget {
  id: string;
  version: number;
  title: string;
  status: GateStatus;
  /** The data's suggestion, when the page has it; the server checks against its own in any case. */
  suggested?: GateStatus | undefined;
  /** Titles of unmet criteria, offered as the outstanding list of a Conditional Go. */
  unmetCriteria?: string[] | undefined;
}

export interface GateStatusDialogProps {
  gate: GateStatusTarget | null;
  /** The status to start from (e.g. the one picked in a status menu). */
  initialStatus?: GateStatus | undefined;
  onClose: () => void;
}

/** Sets a gate's status: a working status with an optional reason, or leadership's Go / Conditional Go / No-go. */
export function GateStatusDialog(props: GateStatusDialogProps) {
  return props.gate ? <GateStatusForm key={`${props.gate.id}:${props.initialStatus ?? ''}`} {...props} gate={props.gate} /> : null;
}

function GateStatusForm({ gate, initialStatus, onClose }: GateStatusDialogProps & { gate: GateStatusTarget }) {
  const { t } = useTranslation();
  const role = useMe().role;
  const mayDecide = can(role, 'decideGates');
  const [status, setStatus] = useState<GateStatus>(initialStatus ?? gate.status);
  const [decision, setDecision] = useState<GateDecisionValue>(status === 'FAILED' ? 'NO_GO' : 'GO');
  const [reason, setReason] = useState('');
  const [outstanding, setOutstanding] = useState((gate.unmetCriteria ?? []).join('\n'));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const versioned = useVersionedEdit(gate.version);

  const deciding = status === 'PASSED' || status === 'FAILED';
  const effectiveDecision: GateDecisionValue | null = status === 'FAILED' ? 'NO_GO' : status === 'PASSED' ? decision : null;
  const overriding = gate.suggested !== undefined && !deciding && disagrees(status, gate.suggested);
  const reasonRequired = deciding || status === 'BLOCKED' || overriding || gate.status === 'PASSED' || gate.status === 'FAILED';
  const statusLabel = (s: GateStatus) => t(`status.gate.${s}`);

  const save = useSetGateStatus(gate);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (reasonRequired && !reason.trim()) {
      setErrors({ reason: overriding && gate.suggested ? t('gates.statusDialog.reasonOverride', { status: statusLabel(gate.suggested) }) : t('validation.required') });
      return;
    }
    save.mutate(
      {
        id: gate.id,
        version: versioned.version,
        status,
        decision: effectiveDecision,
        reason,
        outstanding: effectiveDecision === 'CONDITIONAL_GO' ? outstanding.split('\n').map((l) => l.trim()).filter(Boolean) : [],
      },
      {
        onSuccess: onClose,
        onError: (error) => {
          setErrors(fieldErrorsOf(error));
          versioned.caught(error);
        },
      },
    );
  };

  // Field problems show beside their fields, a stale version in the conflict alert; anything else (a rule in the way) shows here.
  const failure = save.error && errorData(save.error).code !== 'BAD_REQUEST' && !conflictOf(save.error) ? errorMessage(save.error, t) : null;

  return (
    <Modal opened onClose={onClose} title={t(deciding ? 'gates.statusDialog.decideTitle' : 'gates.statusDialog.title', { title: gate.title })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Select
            label={t('gates.statusDialog.status')}
            allowDeselect={false}
            data={gateStatuses.map((s) => ({
              value: s,
              label: statusLabel(s),
              disabled: (s === 'PASSED' || s === 'FAILED') && !mayDecide,
            }))}
            value={status}
            onChange={(v) => {
              if (!v) return;
              setStatus(v as GateStatus);
              if (v === 'FAILED') setDecision('NO_GO');
              else if (decision === 'NO_GO') setDecision('GO');
              setErrors({});
            }}
            error={errors.status}
            data-autofocus
          />
          {!mayDecide && (
            <Text size="xs" c="dimmed">
              {t('gates.statusDialog.decisionsAreLeadership')}
            </Text>
          )}
          {status === 'PASSED' && (
            <Radio.Group
              label={t('gates.statusDialog.decision')}
              value={decision}
              onChange={(v) => setDecision(v as GateDecisionValue)}
              error={errors.decision}
              description={t('gates.statusDialog.goNeeds')}
            >
              <Stack gap={6} mt={6}>
                <Radio value="GO" label={t('gates.decision.GO')} />
                <Radio value="CONDITIONAL_GO" label={t('gates.decision.CONDITIONAL_GO')} />
              </Stack>
            </Radio.Group>
          )}
          {status === 'FAILED' && (
            <Text size="sm">
              {t('gates.statusDialog.decision')}: <strong>{t('gates.decision.NO_GO')}</strong>
            </Text>
          )}
          {overriding && gate.suggested && (
            <Alert color="yellow" variant="light" p="xs">
              <Text size="sm">{t('gates.statusDialog.reasonOverride', { status: statusLabel(gate.suggested) })}</Text>
            </Alert>
          )}
          <Textarea
            label={t('gates.statusDialog.reason')}
            description={t('gates.statusDialog.reasonHint')}
            required={reasonRequired}
            autosize
            minRows={2}
            maxRows={8}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
          />
          {effectiveDecision === 'CONDITIONAL_GO' && (
            <Textarea
              label={t('gates.statusDialog.outstanding')}
              description={t('gates.statusDialog.outstandingHint')}
              required
              autosize
              minRows={2}
              maxRows={10}
              value={outstanding}
              onChange={(e) => setOutstanding(e.currentTarget.value)}
              error={errors.outstanding}
            />
          )}
          <ConflictAlert
            conflict={versioned.conflict}
            fields={[
              { key: 'status', label: t('gates.statusDialog.status'), format: (v) => statusLabel(v as GateStatus) },
              { key: 'ownerName', label: t('common.owner') },
            ]}
          />
          {failure && (
            <Alert color="red" variant="light" role="alert">
              {failure}
            </Alert>
          )}
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
