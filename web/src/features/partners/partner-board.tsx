import {
  DndContext,
  KeyboardCode,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Badge, Box, Group, Menu, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { IconArrowsRightLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import { formatDate } from '../../lib/dates';
import { MoveReasonDialog, type PendingMove } from './move-dialog';
import { formatMoney, formatTotals, moveNeedsReason, stageColors, stages, type Stage } from './partner-kinds';
import { useMoveStage, type PartnerCard } from './use-move-stage';

/**
 * Arrow keys jump a picked-up card straight to the next column rather than nudging it by pixels, so
 * the board works by keyboard alone: space to pick up, ← → to choose a stage, space to drop.
 */
const columnJump: KeyboardCoordinateGetter = (event, { context }) => {
  const { active, droppableRects } = context;
  const collisionRect = context.collisionRect ?? active?.rect.current.translated ?? active?.rect.current.initial;
  if (!active || !collisionRect) return undefined;
  const direction = event.code === KeyboardCode.Right ? 1 : event.code === KeyboardCode.Left ? -1 : 0;
  if (!direction) return undefined;
  event.preventDefault();
  const centre = collisionRect.left + collisionRect.width / 2;
  const columns = stages.map((s) => droppableRects.get(s)).filter((r): r is NonNullable<typeof r> => !!r);
  const target = columns
    .filter((r) => (direction > 0 ? r.left > centre : r.left + r.width < centre))
    .sort((a, b) => (direction > 0 ? a.left - b.left : b.left - a.left))[0];
  return target ? { x: target.left + 8, y: target.top + 40 } : undefined;
};

export function PartnerBoard({ cards, editable }: { cards: PartnerCard[]; editable: (card: PartnerCard) => boolean }) {
  const { t, i18n } = useTranslation();
  const move = useMoveStage();
  const [pending, setPending] = useState<(PendingMove & { card: PartnerCard }) | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnJump }),
  );
  const byId = new Map(cards.map((c) => [c.id, c]));
  const stageName = (id: unknown) => (typeof id === 'string' && (stages as readonly string[]).includes(id) ? t(`partners.stage.${id as Stage}`) : '');

  const requestMove = (card: PartnerCard, to: Stage) => {
    if (card.stage === to) return;
    const kind = moveNeedsReason(card.stage as Stage, to);
    if (kind) setPending({ card, company: card.company, to, kind });
    else move.mutate({ card, to });
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const card = byId.get(String(active.id));
    if (card && over) requestMove(card, over.id as Stage);
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => `${byId.get(String(active.id))?.company ?? ''}: ${t('partners.card.dragHint')}`,
    onDragOver: ({ over }) => stageName(over?.id),
    onDragEnd: ({ active, over }) => `${byId.get(String(active.id))?.company ?? ''} → ${stageName(over?.id)}`,
    onDragCancel: () => '',
  };

  return (
    <>
      <DndContext sensors={sensors} onDragEnd={onDragEnd} accessibility={{ announcements, screenReaderInstructions: { draggable: t('partners.card.dragHint') } }}>
        <ScrollArea type="auto" offsetScrollbars>
          <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm">
            {stages.map((stage) => {
              const column = cards.filter((c) => c.stage === stage);
              return (
                <Column key={stage} stage={stage} label={t(`partners.stage.${stage}`)} count={column.length} total={formatTotals(column, i18n.language)}>
                  {column.map((card) => (
                    <Card key={card.id} card={card} editable={editable(card)} onMove={(to) => requestMove(card, to)} />
                  ))}
                </Column>
              );
            })}
          </Group>
        </ScrollArea>
      </DndContext>
      <MoveReasonDialog
        pending={pending}
        onCancel={() => setPending(null)}
        onConfirm={(reason) => {
          if (pending) move.mutate({ card: pending.card, to: pending.to, reason });
          setPending(null);
        }}
      />
    </>
  );
}

function Column({ stage, label, count, total, children }: { stage: Stage; label: string; count: number; total: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="xs"
      miw={160}
      bg={isOver ? 'var(--mantine-color-default-hover)' : undefined}
      component="section"
      aria-label={label}
      data-testid={`column-${stage}`}
      style={{ minHeight: 160, flex: '1 1 0' }}
    >
      <Group justify="space-between" mb="xs" wrap="wrap" gap={4}>
        <Badge color={stageColors[stage]} variant="light" style={{ textTransform: 'none' }}>
          {label}
        </Badge>
        <Text size="xs" c="dimmed" data-testid="column-count">
          {t('partners.column.count', { count })}
        </Text>
      </Group>
      {total && (
        <Text size="xs" c="dimmed" mb="xs">
          {total}
        </Text>
      )}
      <Stack gap={6}>{children}</Stack>
    </Paper>
  );
}

function Card({ card, editable, onMove }: { card: PartnerCard; editable: boolean; onMove: (to: Stage) => void }) {
  const { t, i18n } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: card.id, disabled: !editable });
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p={8}
      shadow={isDragging ? 'md' : undefined}
      style={{ transform: CSS.Translate.toString(transform), zIndex: isDragging ? 10 : undefined, cursor: editable ? 'grab' : undefined, touchAction: 'manipulation' }}
      data-testid="partner-card"
      {...(editable ? { ...attributes, ...listeners } : {})}
    >
      <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
        <AnchorLink to="/partners/$id" params={{ id: card.id }} size="sm" fw={600} style={{ overflowWrap: 'anywhere' }} onPointerDown={(e) => e.stopPropagation()}>
          {card.company}
        </AnchorLink>
        {editable && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon size="sm" variant="subtle" color="gray" aria-label={`${t('partners.move.keyboard')}: ${card.company}`}
                // The menu button handles its own keys and pointer; the card's drag listeners must not.
                onPointerDown={(e) => e.stopPropagation()}
                onKeyDown={(e) => e.stopPropagation()}
              >
                <IconArrowsRightLeft size={14} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {stages
                .filter((s) => s !== card.stage)
                .map((s) => (
                  <Menu.Item key={s} onClick={() => onMove(s)}>
                    {t(`partners.stage.${s}`)}
                  </Menu.Item>
                ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t(`partners.track.${card.track as 'HOSTED'}`)} · {card.ownerName}
        {card.expectedValue ? ` · ${formatMoney(card.expectedValue, card.currency, i18n.language)}` : ''}
      </Text>
      {card.nextStep && (
        <Box mt={4}>
          <Text size="xs" className={card.nextStepOverdue ? 'text-overdue' : undefined} fw={card.nextStepOverdue ? 600 : undefined}>
            {t('partners.card.next')}: {card.nextStep}
            {card.nextStepDue ? ` · ${formatDate(card.nextStepDue)}` : ''}
            {card.nextStepOverdue ? ` · ${t('partners.card.overdue')}` : ''}
          </Text>
        </Box>
      )}
    </Paper>
  );
}
