import { ActionIcon, Alert, Badge, Box, Button, Group, Menu, Modal, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCircleDashed, IconDots, IconPencil, IconPlus, IconSquareCheck, IconSquare, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/ui/confirm-modal';
import { EmptyState } from '../../components/ui/page-states';
import { showUndoToast } from '../../components/ui/undo-toast';
import { errorMessage } from '../../lib/api-errors';
import { formatDateTime } from '../../lib/dates';
import { trpcClient, type RouterOutputs } from '../../lib/trpc';
import { criterionSummary, formatValue } from './criterion-text';
import { CriterionFormModal, type CriterionOwner } from './criterion-form-modal';

export type CriterionView = RouterOutputs['gates']['byId']['criteria'][number];

export interface CriteriaListProps {
  criteria: CriterionView[];
  owner: CriterionOwner;
  canEdit: boolean;
  /**
   * The evidence picker of a manual tick. A prop because features do not import each other: the page
   * hands in the evidence feature's picker.
   */
  renderEvidencePicker: (value: string[], onChange: (ids: string[]) => void) => ReactNode;
}

export function CriteriaList({ criteria, owner, canEdit, renderEvidencePicker }: CriteriaListProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<CriterionView | 'new' | null>(null);
  const [ticking, setTicking] = useState<CriterionView | null>(null);
  const [deleting, setDeleting] = useState<CriterionView | null>(null);

  const refresh = () => queryClient.invalidateQueries();
  const untick = useMutation({
    mutationFn: (c: CriterionView) => trpcClient.criteria.tick.mutate({ id: c.id, version: c.version, checked: false }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (c: CriterionView) => trpcClient.criteria.delete.mutate({ id: c.id }),
    onSuccess: (_d, c) =>
      showUndoToast(`criterion-deleted-${c.id}`, t('gates.criteria.deleted', { title: c.title }), t, async () => {
        try {
          await trpcClient.criteria.restore.mutate({ id: c.id });
          notifications.show({ message: t('gates.criteria.restored', { title: c.title }) });
        } catch (error) {
          notifications.show({ color: 'red', message: errorMessage(error, t) });
        }
        await refresh();
      }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
    onSettled: async () => {
      setDeleting(null);
      await refresh();
    },
  });

  return (
    <Stack gap="xs">
      {criteria.length === 0 ? (
        <EmptyState>{t('gates.criteria.empty')}</EmptyState>
      ) : (
        <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('gates.criteria.title')}>
          {criteria.map((c) => (
            <Box component="li" key={c.id} py={10} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }} data-testid="criterion-row" data-met={c.met}>
              <Group align="flex-start" wrap="nowrap" gap="sm">
                <Tooltip label={c.met ? t('gates.criteria.met') : t('gates.criteria.unmet')}>
                  <ThemeIcon size="md" radius="xl" variant={c.met ? 'filled' : 'light'} color={c.met ? 'teal' : 'gray'} aria-hidden>
                    {c.met ? <IconCheck size={16} /> : <IconCircleDashed size={16} />}
                  </ThemeIcon>
                </Tooltip>
                <Box style={{ flex: 1, minWidth: 0 }}>
                  <Group gap="xs" wrap="wrap">
                    <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                      {c.title}
                    </Text>
                    <Badge size="xs" variant="light" color={c.met ? 'teal' : 'gray'} style={{ textTransform: 'none' }} data-testid="criterion-state">
                      {c.met ? t('gates.criteria.met') : t('gates.criteria.unmet')}
                    </Badge>
                    {c.targetValue !== null && c.kind !== 'MANUAL' && (
                      <Badge size="xs" variant="outline" color="gray" style={{ textTransform: 'none' }} data-testid="criterion-value">
                        {t('gates.criteria.valueOf', { current: formatValue(c.currentValue), target: formatValue(c.targetValue) })}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed" mt={2}>
                    {t(`gates.criteria.kind.${c.kind}`)} · {criterionSummary(c.spec, t)}
                  </Text>
                  {/* The server's note is English; other languages read the summary and the value. */}
                  {i18n.language.startsWith('en') && (
                    <Text size="xs" mt={2}>
                      {c.detail}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed" mt={2}>
                    {c.evaluatedAt ? t('gates.criteria.evaluated', { when: formatDateTime(c.evaluatedAt) }) : t('gates.criteria.notEvaluated')}
                    {c.kind === 'MANUAL' && c.checked && c.checkedByName && c.checkedAt && ` · ${t('gates.criteria.tickedBy', { name: c.checkedByName, when: formatDateTime(c.checkedAt) })}`}
                  </Text>
                </Box>
                {canEdit && (
                  <Group gap={4} wrap="nowrap">
                    {c.kind === 'MANUAL' &&
                      (c.checked ? (
                        <Button size="compact-xs" variant="subtle" leftSection={<IconSquareCheck size={14} />} onClick={() => untick.mutate(c)} loading={untick.isPending}>
                          {t('gates.criteria.untick')}
                        </Button>
                      ) : (
                        <Button size="compact-xs" variant="light" leftSection={<IconSquare size={14} />} onClick={() => setTicking(c)}>
                          {t('gates.criteria.tick')}
                        </Button>
                      ))}
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={`${t('common.actions')}: ${c.title}`}>
                          <IconDots size={16} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(c)}>
                          {t('common.edit')}
                        </Menu.Item>
                        <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setDeleting(c)}>
                          {t('common.delete')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Group>
                )}
              </Group>
            </Box>
          ))}
        </Box>
      )}
      {canEdit && (
        <Group>
          <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
            {t('gates.criteria.add')}
          </Button>
        </Group>
      )}

      <CriterionFormModal owner={owner} criterion={editing === 'new' ? null : editing} opened={editing !== null} onClose={() => setEditing(null)} />
      <TickDialog criterion={ticking} onClose={() => setTicking(null)} renderEvidencePicker={renderEvidencePicker} />

      <ConfirmModal
        opened={deleting !== null}
        title={deleting ? t('gates.criteria.confirmDelete', { title: deleting.title }) : ''}
        loading={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting)}
      >
        {t('gates.criteria.confirmDeleteBody')}
      </ConfirmModal>
    </Stack>
  );
}

function TickDialog({
  criterion,
  onClose,
  renderEvidencePicker,
}: {
  criterion: CriterionView | null;
  onClose: () => void;
  renderEvidencePicker: CriteriaListProps['renderEvidencePicker'];
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [evidenceIds, setEvidenceIds] = useState<string[]>([]);
  const tick = useMutation({
    mutationFn: (c: CriterionView) => trpcClient.criteria.tick.mutate({ id: c.id, version: c.version, checked: true, evidenceIds }),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      setEvidenceIds([]);
      onClose();
    },
  });
  return (
    <Modal
      opened={criterion !== null}
      onClose={() => {
        tick.reset();
        setEvidenceIds([]);
        onClose();
      }}
      title={criterion ? t('gates.criteria.tickTitle', { title: criterion.title }) : ''}
      size="lg"
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('gates.criteria.tickHint')}
        </Text>
        {renderEvidencePicker(evidenceIds, setEvidenceIds)}
        {tick.error && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(tick.error, t)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={evidenceIds.length === 0} loading={tick.isPending} onClick={() => criterion && tick.mutate(criterion)}>
            {t('gates.criteria.tick')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
