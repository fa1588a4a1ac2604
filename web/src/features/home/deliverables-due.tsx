import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import { formatDate, formatShortDate } from '../../lib/dates';
import { badColor, type HomeDeliverable } from './home-kinds';

type DeliverableStatus = HomeDeliverable['status'];

interface Props {
  kind: 'week' | 'overdue';
  items: HomeDeliverable[];
  /** Monday and Sunday of this week, for the week's list. */
  week?: { start: string; end: string };
  statusColor: (status: DeliverableStatus) => string;
}

/** Deliverables due this week, or the overdue ones: each links to its phase. */
export function DeliverablesDue({ kind, items, week, statusColor }: Props) {
  const { t } = useTranslation();
  const titleId = `home-due-${kind}-title`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={titleId} data-testid={`home-due-${kind}`}>
      <Group justify="space-between" align="baseline" gap="xs">
        <Title order={2} size="h4" id={titleId} style={kind === 'overdue' && items.length > 0 ? { color: badColor } : undefined}>
          {kind === 'week' ? t('home.due.weekTitle') : t('home.due.overdueTitle')} ({items.length})
        </Title>
        {week && (
          <Text size="sm" c="dimmed">
            {t('home.due.weekRange', { from: formatShortDate(week.start), to: formatShortDate(week.end) })}
          </Text>
        )}
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          {kind === 'week' ? t('home.due.noneThisWeek') : t('home.due.noneOverdue')}
        </Text>
      ) : (
        <Stack component="ul" gap="xs" mt="sm" p={0} style={{ listStyle: 'none' }}>
          {items.map((item) => (
            <li key={item.id} data-testid="home-due-item">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <AnchorLink to="/phases/$key" params={{ key: item.phaseKey }} size="sm" fw={500} lineClamp={2}>
                    {item.title}
                  </AnchorLink>
                  <Text size="xs" c="dimmed">
                    {t('home.due.item', { key: item.phaseKey, date: item.dueDate ? formatDate(item.dueDate) : '' })} · {item.ownerName || t('home.due.noOwner')}
                  </Text>
                </Stack>
                <Badge variant="light" color={statusColor(item.status)} radius="sm" style={{ textTransform: 'none', flexShrink: 0 }}>
                  {t(`status.deliverable.${item.status}`)}
                </Badge>
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Card>
  );
}
