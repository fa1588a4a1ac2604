import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from './partner-kinds';

export interface PendingMove {
  company: string;
  to: Stage;
  kind: 'lost' | 'back';
}

/** Asks why, when a partner is lost or moves back; the move happens only with a reason. */
export function MoveReasonDialog({ pending, onCancel, onConfirm }: { pending: PendingMove | null; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setReason('');
    setError(null);
    onCancel();
  };
  return (
    <Modal opened={pending !== null} onClose={close} title={pending ? t('partners.move.title', { company: pending.company, stage: t(`partners.stage.${pending.to}`) }) : ''}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) return setError(t('validation.required'));
          onConfirm(reason.trim());
          setReason('');
          setError(null);
        }}
      >
        <Stack gap="sm">
          <Textarea
            label={pending?.kind === 'lost' ? t('partners.move.reasonLost') : t('partners.move.reasonBack')}
            required
            autosize
            minRows={2}
            value={reason}
            error={error}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={pending?.kind === 'lost' ? 'red' : undefined}>
              {t('partners.move.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
