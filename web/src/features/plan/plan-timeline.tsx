import { Box, Group, Text, Tooltip } from '@mantine/core';
import { AnchorLink } from '../../components/ui/links';
import { useTranslation } from 'react-i18next';
import { formatShortDate } from '../../lib/dates';
import type { PlanView } from '../../lib/trpc';

const bandColors = ['indigo', 'teal', 'grape', 'orange', 'cyan'];

/** "Day 47 of 180", "Starts in 12 days" or "Ended 96 days ago". */
export function useTimelineLabel(timeline: PlanView['timeline']) {
  const { t } = useTranslation();
  if (timeline.state === 'before') return t('timeline.startsIn', { count: timeline.daysUntilStart });
  if (timeline.state === 'after') return t('timeline.endedAgo', { count: timeline.daysSinceEnd });
  return t('timeline.dayOf', { day: timeline.day, length: timeline.lengthDays });
}

/** The plan's days as a bar: phases as bands, and a marker where today falls. */
export function PlanTimeline({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const { timeline } = plan;
  const label = useTimelineLabel(timeline);
  const pct = (day: number) => `${(day / timeline.lengthDays) * 100}%`;
  const markerLeft = timeline.state === 'before' ? '0%' : timeline.state === 'after' ? '100%' : pct(timeline.day);

  return (
    <Box role="group" aria-label={t('timeline.label')}>
      <Group justify="space-between" mb={6}>
        <Text size="xs" c="dimmed">
          {formatShortDate(timeline.startDate)}
        </Text>
        <Text size="sm" fw={600} data-testid="timeline-label">
          {label}
        </Text>
        <Text size="xs" c="dimmed">
          {formatShortDate(timeline.endDate)}
        </Text>
      </Group>
      <Box pos="relative" h={44}>
        {plan.phases.map((phase, i) => {
          const next = plan.phases[i + 1];
          const end = next ? next.startDay : timeline.lengthDays;
          const color = bandColors[i % bandColors.length];
          return (
            <Tooltip key={phase.id} label={`${phase.name} · ${formatShortDate(phase.startDate)} – ${formatShortDate(phase.endDate)}`}>
              <AnchorLink
                to="/phases/$key"
                params={{ key: phase.key }}
                search={plan.isCurrent ? {} : { plan: plan.id }}
                underline="never"
                c="inherit"
                style={{
                  position: 'absolute',
                  top: 0,
                  height: 44,
                  left: pct(phase.startDay),
                  width: `calc(${pct(end - phase.startDay)} - 2px)`,
                  padding: '0 8px',
                  background: `var(--mantine-color-${color}-light)`,
                  borderLeft: `3px solid var(--mantine-color-${color}-filled)`,
                  borderRadius: 4,
                  overflow: 'hidden',
                  display: 'flex',
                  alignItems: 'center',
                }}
              >
                <Text size="sm" fw={600} truncate>
                  {phase.key}
                  <Text span size="xs" c="dimmed" ml={6} visibleFrom="sm">
                    {phase.name}
                  </Text>
                </Text>
              </AnchorLink>
            </Tooltip>
          );
        })}
        <Box
          pos="absolute"
          top={-4}
          h={52}
          left={markerLeft}
          w={2}
          bg={timeline.state === 'inside' ? 'red' : 'gray'}
          style={{ transform: 'translateX(-1px)', borderRadius: 1 }}
          aria-hidden
          data-testid="today-marker"
        />
      </Box>
    </Box>
  );
}
