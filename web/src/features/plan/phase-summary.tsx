import { Badge, Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/dates';
import type { PhaseView } from '../../lib/trpc';

const stateColor = { before: 'gray', inside: 'blue', after: 'dark' } as const;

/** Dates, state and progress of a phase: the line under its title. */
export function PhaseSummary({ phase }: { phase: PhaseView }) {
  const { t } = useTranslation();
  const { done, total } = phase.progress;
  const overdue = phase.progress.overdue + phase.overdueGates;
  return (
    <>
      <Group gap="xs" wrap="wrap">
        <Badge variant="light" color={stateColor[phase.state]} style={{ textTransform: 'none' }}>
          {t(`phase.state.${phase.state}`)}
        </Badge>
        <Text size="sm" c="dimmed">
          {t('plan.range', { start: formatDate(phase.startDate), end: formatDate(phase.endDate) })} ·{' '}
          {t('timeline.days', { from: phase.startDay, to: phase.endDay })}
        </Text>
        {overdue > 0 && (
          <Badge color="red" variant="light" style={{ textTransform: 'none' }}>
            {t('plan.overdue', { count: overdue })}
          </Badge>
        )}
      </Group>
      <Group gap="sm" mt="xs" wrap="nowrap">
        <Progress
          value={total ? (done / total) * 100 : 0}
          style={{ flex: 1 }}
          aria-label={t('plan.progress', { done, total })}
          color="teal"
        />
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {t('plan.progress', { done, total })} · {t('plan.gatesPassed', { passed: phase.gatesPassed, total: phase.gates.length })}
        </Text>
      </Group>
    </>
  );
}
