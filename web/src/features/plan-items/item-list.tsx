import { ActionIcon, Badge, Box, Button, Drawer, Group, Menu, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconDots, IconFileCertificate, IconHistory, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/dates';
import { can } from '@server/modules/users/rights';
import { useMe } from '../../lib/session';
import { ConfirmModal } from '../../components/ui/confirm-modal';
import { AnchorLink } from '../../components/ui/links';
import { statusColor, type ItemKind, type ItemView } from './item-kinds';
import { StatusMenu } from './status-menu';
import { useArchive, useReorder } from './use-plan-item-mutations';

// The edit form (date picker, validation) is fetched when first opened, not with the page (decision 015).
const ItemFormModal = lazy(() => import('./item-form-modal').then((m) => ({ default: m.ItemFormModal })));

export interface ItemListProps {
  kind: ItemKind;
  phaseId: string;
  items: ItemView[];
  /**
   * What the reader may do here: `view` only; `edit` changes status inline and edits or deletes from a
   * row's menu (the plan overview); `full` also adds and reorders (the phase page).
   */
  controls: 'view' | 'edit' | 'full';
  /**
   * The item's change history, shown in a drawer from the row's menu (for every role). A prop rather
   * than an import because features do not import each other: the page passes the audit panel in.
   */
  renderHistory?: ((item: ItemView) => ReactNode) | undefined;
  /** The item's evidence (attach, add, detach), in a drawer from the row's menu; handed in like the history. */
  renderEvidence?: ((item: ItemView) => ReactNode) | undefined;
}

export function ItemList({ kind, phaseId, items, controls: wanted, renderHistory, renderEvidence }: ItemListProps) {
  // The page says what it offers; the reader's role may allow less (the server checks again).
  const controls = can(useMe().role, 'editPlan') ? wanted : 'view';
  const editable = controls !== 'view';
  const full = controls === 'full';
  const { t } = useTranslation();
  const [editing, setEditing] = useState<ItemView | 'new' | null>(null);
  const [confirming, setConfirming] = useState<ItemView | null>(null);
  const [historyOf, setHistoryOf] = useState<ItemView | null>(null);
  const [evidenceOf, setEvidenceOf] = useState<ItemView | null>(null);
  const archive = useArchive(kind);
  const reorder = useReorder(kind);

  const move = (index: number, delta: -1 | 1) => {
    const ids = items.map((i) => i.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + delta, 0, moved!);
    reorder.mutate({ phaseId, orderedIds: ids });
  };

  return (
    <Stack gap={6}>
      {items.length === 0 && (
        <Text c="dimmed" size="sm" py="xs">
          {t(kind === 'deliverable' ? 'items.noDeliverables' : 'items.noGates')}
        </Text>
      )}
      <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t(kind === 'deliverable' ? 'plan.deliverables' : 'plan.gates')}>
        {items.map((item, index) => (
          <Box
            component="li"
            key={item.id}
            data-testid={`${kind}-row`}
            py={8}
            style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
          >
            <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
              <Box style={{ flex: '1 1 260px', minWidth: 0 }}>
                {kind === 'gate' ? (
                  <AnchorLink to="/gates/$id" params={{ id: item.id }} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }} data-testid="item-title">
                    {item.title}
                  </AnchorLink>
                ) : (
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }} data-testid="item-title">
                    {item.title}
                  </Text>
                )}
                <Group gap="xs" mt={2}>
                  {item.ownerName && (
                    <Text size="xs" c="dimmed">
                      {item.ownerName}
                    </Text>
                  )}
                  {item.dueDate && (
                    <Text size="xs" c={item.overdue ? undefined : 'dimmed'} className={item.overdue ? 'text-overdue' : undefined} fw={item.overdue ? 600 : undefined}>
                      {t('common.due')} {formatDate(item.dueDate)}
                    </Text>
                  )}
                  {item.overdue && (
                    <Badge size="xs" color="red" variant="filled">
                      {t('items.overdue')}
                    </Badge>
                  )}
                  <ItemChecks kind={kind} item={item} />
                </Group>
              </Box>
              <Group gap={4} wrap="nowrap">
                <StatusMenu kind={kind} item={item} editable={editable} />
                {full && (
                  <>
                    <ActionIcon variant="subtle" color="gray" aria-label={`${t('common.moveUp')}: ${item.title}`} disabled={index === 0} onClick={() => move(index, -1)}>
                      <IconArrowUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`${t('common.moveDown')}: ${item.title}`}
                      disabled={index === items.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                  </>
                )}
                {(editable || renderHistory || renderEvidence) && (
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <ActionIcon variant="subtle" color="gray" aria-label={`${t('common.actions')}: ${item.title}`}>
                        <IconDots size={16} />
                      </ActionIcon>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {editable && (
                        <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(item)}>
                          {t('common.edit')}
                        </Menu.Item>
                      )}
                      {renderEvidence && (
                        <Menu.Item leftSection={<IconFileCertificate size={14} />} onClick={() => setEvidenceOf(item)}>
                          {t('evidence.panel.title')}
                        </Menu.Item>
                      )}
                      {renderHistory && (
                        <Menu.Item leftSection={<IconHistory size={14} />} onClick={() => setHistoryOf(item)}>
                          {t('audit.history')}
                        </Menu.Item>
                      )}
                      {editable && (
                        <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setConfirming(item)}>
                          {t('common.delete')}
                        </Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                )}
              </Group>
            </Group>
          </Box>
        ))}
      </Box>
      {full && (
        <Group>
          <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} data-shortcut={kind === 'deliverable' ? 'create' : undefined}>
            {t(kind === 'deliverable' ? 'items.addDeliverable' : 'items.addGate')}
          </Button>
        </Group>
      )}

      {editing !== null && (
        <Suspense fallback={null}>
          <ItemFormModal kind={kind} phaseId={phaseId} opened item={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
        </Suspense>
      )}

      {renderEvidence && (
        <Drawer opened={evidenceOf !== null} onClose={() => setEvidenceOf(null)} position="right" size="md" title={evidenceOf?.title ?? ''}>
          {evidenceOf && renderEvidence(evidenceOf)}
        </Drawer>
      )}

      {renderHistory && (
        <Drawer
          opened={historyOf !== null}
          onClose={() => setHistoryOf(null)}
          position="right"
          size="md"
          title={historyOf ? t('audit.historyOf', { title: historyOf.title }) : ''}
        >
          {historyOf && renderHistory(historyOf)}
        </Drawer>
      )}

      <ConfirmModal
        opened={confirming !== null}
        title={confirming ? t('items.confirmDeleteTitle', { title: confirming.title }) : ''}
        loading={archive.isPending}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) archive.mutate(confirming, { onSettled: () => setConfirming(null) });
        }}
      >
        {t('items.confirmDeleteBody')}
      </ConfirmModal>
    </Stack>
  );
}

/** What checks an item: a gate's criteria met and its suggested health; a deliverable's measurable target. */
function ItemChecks({ kind, item }: { kind: ItemKind; item: ItemView }) {
  const { t } = useTranslation();
  const health = 'health' in item ? (item.health as { health: ItemView['status']; flagged: boolean }) : null;
  return (
    <>
      {kind === 'gate' && (
        <Text size="xs" c="dimmed" data-testid="criteria-count">
          {item.criteriaTotal ? t('gates.criteriaCount', { met: item.criteriaMet, total: item.criteriaTotal }) : t('gates.noCriteriaShort')}
        </Text>
      )}
      {health?.flagged && (
        <Badge size="xs" variant="light" color={statusColor(health.health)} style={{ textTransform: 'none' }} data-testid="suggested-health">
          {t('gates.suggestedHealth', { status: t(`status.gate.${health.health}` as 'status.gate.PENDING') })}
        </Badge>
      )}
      {kind === 'deliverable' && item.target && (
        <Badge size="xs" variant="light" color={item.target.met ? 'teal' : 'blue'} style={{ textTransform: 'none' }} data-testid="deliverable-target">
          {t('gates.target.label', { current: item.target.current, target: item.target.target })}
        </Badge>
      )}
    </>
  );
}
