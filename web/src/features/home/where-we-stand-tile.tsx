import { Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import { formatShortDate } from '../../lib/dates';
import type { HomePlan } from './home-kinds';

/** "Day 47 of 180", "Starts in 12 days" or "Ended 96 days ago". */
function useDayLabel(timeline: HomePlan['timeline']) {
  const { t } = useTranslation();
  if (timeline.state === 'before') return t('timeline.startsIn', { count: timeline.daysUntilStart });
  if (timeline.state === 'after') return t('timeline.endedAgo', { count: timeline.daysSinceEnd });
  return t('timeline.dayOf', { day: timeline.day, length: timeline.lengthDays });
}

/** Where today falls: the day of the plan, the phase running and the days left in it, as a bar of the plan's days. */
export function WhereWeStandTile({ plan }: { plan: HomePlan }) {
  const { t } = useTranslation();
  const { timeline, currentPhase } = plan;
  const dayLabel = useDayLabel(timeline);

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="home-where-title" data-testid="home-where">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Title order={2} size="h4" id="home-where-title">
          {t('home.where.title')}
        </Title>
        <AnchorLink to="/plan" size="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          {t('home.where.openPlan')} <IconArrowRight size={14} aria-hidden />
        </AnchorLink>
      </Group>
      <Group align="baseline" gap="md" mt="xs" wrap="wrap">
        <Text fz={28} fw={700} lh={1.2} data-testid="home-day">
          {dayLabel}
        </Text>
        {currentPhase ? (
          <Stack gap={0}>
            <AnchorLink to="/phases/$key" params={{ key: currentPhase.key }} fw={600} data-testid="home-phase">
              {t('home.where.phase', { key: currentPhase.key, name: currentPhase.name })}
            </AnchorLink>
            <Text size="sm" c="dimmed">
              {currentPhase.daysLeft === 0
                ? t('home.where.lastDay', { key: currentPhase.key })
                : t('home.where.daysLeft', { count: currentPhase.daysLeft, key: currentPhase.key })}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed" data-testid="home-phase">
            {t('home.where.noPhase')}
          </Text>
        )}
      </Group>
      <Progress.Root size="lg" mt="sm" aria-hidden>
        {plan.phases.map((phase, i) => {
          const next = plan.phases[i + 1];
          const end = next ? next.startDay : timeline.lengthDays;
          const span = end - phase.startDay;
          const gone = Math.min(Math.max(timeline.day - phase.startDay, 0), span);
          return (
            <Progress.Section key={phase.key} value={(gone / timeline.lengthDays) * 100} color={['indigo', 'teal', 'grape', 'orange'][i % 4]}>
              {gone / timeline.lengthDays > 0.06 && <Progress.Label>{phase.key}</Progress.Label>}
            </Progress.Section>
          );
        })}
      </Progress.Root>
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          {formatShortDate(timeline.startDate)}
        </Text>
        <Text size="xs" c="dimmed" className="visually-hidden">
          {t('home.where.progress', { day: timeline.day, length: timeline.lengthDays })}
        </Text>
        <Text size="xs" c="dimmed">
          {formatShortDate(timeline.endDate)}
        </Text>
      </Group>
    </Card>
  );
}
