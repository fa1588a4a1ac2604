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
import { ActionIcon, Badge, Box, Button, Group, Menu, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { IconArrowsRightLeft } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import { formatDate } from '../../lib/dates';
import { trpc, type RouterInputs, type RouterOutputs } from '../../lib/trpc';
import { MoveReasonDialog, type PendingMove } from './move-dialog';
import { formatMoney, formatTotals, moveNeedsReason, stageColors, stages, type Stage } from './partner-kinds';
import { useMoveStage, type PartnerCard } from './use-partner-mutations';

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

type Board = RouterOutputs['partners']['board'];
type BoardColumn = Board['columns'][number];
/** The filters the board was loaded with; a column's "Show more" pages with the same. */
export type BoardFilters = Omit<RouterInputs['partners']['boardColumn'], 'stage' | 'cursor' | 'limit'>;

const cardOf = (data: unknown) => (data as { card?: PartnerCard } | undefined)?.card;

export function PartnerBoard({ board, filters, editable }: { board: Board; filters: BoardFilters; editable: (card: PartnerCard) => boolean }) {
  const { t } = useTranslation();
  const move = useMoveStage();
  const [pending, setPending] = useState<(PendingMove & { card: PartnerCard }) | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnJump }),
  );
  const stageName = (id: unknown) => (typeof id === 'string' && (stages as readonly string[]).includes(id) ? t(`partners.stage.${id as Stage}`) : '');

  const requestMove = (card: PartnerCard, to: Stage) => {
    if (card.stage === to) return;
    const kind = moveNeedsReason(card.stage as Stage, to);
    if (kind) setPending({ card, company: card.company, to, kind });
    else move.mutate({ card, to });
  };

  // The dragged card travels in dnd-kit's data: columns hold pages the board itself does not.
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const card = cardOf(active.data.current);
    if (card && over) requestMove(card, over.id as Stage);
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => `${cardOf(active.data.current)?.company ?? ''}: ${t('partners.card.dragHint')}`,
    onDragOver: ({ over }) => stageName(over?.id),
    onDragEnd: ({ active, over }) => `${cardOf(active.data.current)?.company ?? ''} → ${stageName(over?.id)}`,
    onDragCancel: () => '',
  };

  return (
    <>
      <DndContext sensors={sensors} onDragEnd={onDragEnd} accessibility={{ announcements, screenReaderInstructions: { draggable: t('partners.card.dragHint') } }}>
        <ScrollArea type="auto" offsetScrollbars>
          <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm">
            {board.columns.map((column) => (
              <Column key={column.stage} column={column} filters={filters} editable={editable} onMove={requestMove} />
            ))}
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

/**
 * A stage: its total and value over all its partners, its first page of cards from the board, and
 * further pages on "Show more" (by cursor, the board's order), so no column loads the whole stage.
 */
function Column({ column, filters, editable, onMove }: { column: BoardColumn; filters: BoardFilters; editable: (card: PartnerCard) => boolean; onMove: (card: PartnerCard, to: Stage) => void }) {
  const { t, i18n } = useTranslation();
  const { stage } = column;
  const label = t(`partners.stage.${stage}`);
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  const [expanded, setExpanded] = useState(false);
  const more = useInfiniteQuery({
    ...trpc.partners.boardColumn.infiniteQueryOptions(
      { ...filters, stage },
      { initialCursor: column.nextCursor, getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
    enabled: expanded && column.nextCursor !== null,
  });
  const seen = new Set<string>();
  const cards = [...column.cards, ...(expanded ? (more.data?.pages.flatMap((p) => p.cards) ?? []) : [])].filter((c) => c.stage === stage && !seen.has(c.id) && seen.add(c.id));
  const hasMore = expanded ? more.hasNextPage || more.isPending : column.nextCursor !== null;
  const total = formatTotals(column.values.map((v) => ({ expectedValue: v.amount, currency: v.currency })), i18n.language);
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
          {t('partners.column.count', { count: column.total })}
        </Text>
      </Group>
      {total && (
        <Text size="xs" c="dimmed" mb="xs">
          {total}
        </Text>
      )}
      <Stack gap={6}>
        {cards.map((card) => (
          <Card key={card.id} card={card} editable={editable(card)} onMove={(to) => onMove(card, to)} />
        ))}
        {hasMore && (
          <Button
            size="compact-xs"
            variant="subtle"
            loading={more.isFetching}
            onClick={() => (expanded ? void more.fetchNextPage() : setExpanded(true))}
          >
            {t('partners.column.showMore', { count: Math.max(0, column.total - cards.length) })}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

function Card({ card, editable, onMove }: { card: PartnerCard; editable: boolean; onMove: (to: Stage) => void }) {
  const { t, i18n } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: card.id, disabled: !editable, data: { card } });
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
