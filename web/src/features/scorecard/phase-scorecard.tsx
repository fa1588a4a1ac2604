import { Alert, Badge, Box, Button, Card, Group, Paper, Progress, SimpleGrid, Stack, Text, ThemeIcon, Title, VisuallyHidden } from '@mantine/core';
import { IconAlertOctagon, IconAlertTriangle, IconCheck, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../components/ui/page-states';
import { errorMessage } from '../../lib/api-errors';
import { BurnUpChart } from './burn-up-chart';
import { phaseScorecardQuery, type HealthReason, type PhaseScorecard as Scorecard } from './scorecard-query';

const healthColor = { ON_TRACK: 'teal', AT_RISK: 'yellow', OFF_TRACK: 'red' } as const;

/**
 * The phase scorecard: whether the phase can exit (one line), its counts, health with reasons, the
 * exit checklist and the burn-up. Loads on its own so a failure here leaves the rest of the page usable.
 */
export function PhaseScorecard({ phaseKey, planId }: { phaseKey: string; planId: string | undefined }) {
  const { t } = useTranslation();
  const query = useQuery(phaseScorecardQuery(phaseKey, planId));
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="scorecard-title" data-testid="phase-scorecard">
      <Title order={2} size="h4" id="scorecard-title" mb="sm">
        {t('scorecard.title')}
      </Title>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <Alert color="red" icon={<IconAlertTriangle />} title={t('scorecard.error')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{errorMessage(query.error, t)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void query.refetch()}>
              {t('common.retry')}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <ScorecardBody scorecard={query.data} />
      )}
    </Card>
  );
}

function ScorecardBody({ scorecard }: { scorecard: Scorecard }) {
  return (
    <Stack gap="md">
      <ExitVerdict scorecard={scorecard} />
      <StatTiles scorecard={scorecard} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="md">
          <HealthSection health={scorecard.health} />
          <ReadinessChecklist readiness={scorecard.readiness} />
        </Stack>
        <BurnUpChart scorecard={scorecard} />
      </SimpleGrid>
    </Stack>
  );
}

/** "Phase A can exit" / "Phase A cannot exit yet: 3 of 5 checks open". */
function ExitVerdict({ scorecard }: { scorecard: Scorecard }) {
  const { t } = useTranslation();
  const { canExit, open, items } = scorecard.readiness;
  const color = canExit ? 'teal' : 'orange';
  return (
    <Group gap="sm" wrap="nowrap" p="sm" style={{ borderRadius: 'var(--mantine-radius-md)', background: `var(--mantine-color-${color}-light)` }}>
      <ThemeIcon color={color} radius="xl" size="md" aria-hidden>
        {canExit ? <IconCheck size={18} /> : <IconX size={18} />}
      </ThemeIcon>
      <Text fw={650} data-testid="exit-verdict">
        {canExit
          ? t('scorecard.canExit', { key: scorecard.phase.key })
          : t('scorecard.cannotExit', { key: scorecard.phase.key, count: open, total: items.length })}
      </Text>
    </Group>
  );
}

function Tile({ label, value, testId, children }: { label: string; value: string; testId: string; children?: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fz={22} fw={700} lh={1.3} data-testid={testId}>
        {value}
      </Text>
      {children}
    </Paper>
  );
}

function StatTiles({ scorecard }: { scorecard: Scorecard }) {
  const { t } = useTranslation();
  const { deliverables: d, gates: g, criteria: c, days } = scorecard;
  const of = (count: number, total: number) => t('scorecard.tile.of', { count, total });
  const daysNote =
    days.state === 'before'
      ? t('timeline.startsIn', { count: days.untilStart })
      : days.state === 'after'
        ? t('timeline.endedAgo', { count: days.sinceEnd })
        : t('scorecard.tile.elapsed', { elapsed: days.elapsed, total: days.total });
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      <Tile label={t('scorecard.tile.deliverables')} value={of(d.done, d.total)} testId="scorecard-deliverables">
        <Progress value={d.total ? (d.done / d.total) * 100 : 0} color="teal" size="sm" my={6} aria-label={t('scorecard.tile.deliverables')} />
        <Text size="xs" c="dimmed">
          {d.dropped > 0 ? t('scorecard.tile.dropped', { count: d.dropped }) : t('scorecard.tile.noneDropped')}
        </Text>
        {d.overdue > 0 && (
          <Badge color="red" variant="light" size="sm" mt={4} style={{ textTransform: 'none' }}>
            {t('scorecard.tile.overdue', { count: d.overdue })}
          </Badge>
        )}
      </Tile>
      <Tile label={t('scorecard.tile.gates')} value={of(g.passed, g.total)} testId="scorecard-gates">
        {g.blocked > 0 && (
          <Badge color="red" variant="light" size="sm" mt={4} style={{ textTransform: 'none' }}>
            {t('scorecard.tile.gatesBlocked', { count: g.blocked })}
          </Badge>
        )}
      </Tile>
      <Tile label={t('scorecard.tile.criteria')} value={c.total ? of(c.met, c.total) : t('common.none')} testId="scorecard-criteria">
        {c.total === 0 && (
          <Text size="xs" c="dimmed">
            {t('scorecard.tile.noCriteria')}
          </Text>
        )}
      </Tile>
      <Tile label={t('scorecard.tile.daysLeft')} value={String(days.left)} testId="scorecard-days-left">
        <Progress value={(days.elapsed / days.total) * 100} color="indigo" size="sm" my={6} aria-label={daysNote} />
        <Text size="xs" c="dimmed">
          {daysNote}
        </Text>
      </Tile>
    </SimpleGrid>
  );
}

function useReasonText() {
  const { t } = useTranslation();
  return (reason: HealthReason): string => {
    switch (reason.code) {
      case 'behindSchedule':
        return t('scorecard.health.reason.behindSchedule', reason.params);
      case 'criteriaUnmet':
        return reason.params.daysLeft === 0
          ? t('scorecard.health.reason.criteriaUnmetAfter', { count: reason.params.count })
          : t('scorecard.health.reason.criteriaUnmet', {
              count: reason.params.count,
              left: t('scorecard.health.reason.daysLeft', { count: reason.params.daysLeft }),
            });
      default:
        return t(`scorecard.health.reason.${reason.code}`, { count: reason.params.count });
    }
  };
}

function HealthSection({ health }: { health: Scorecard['health'] }) {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const status = t(`scorecard.health.status.${health.status}`);
  return (
    <Box>
      <Group gap="xs" mb={6}>
        <Title order={3} size="h5">
          {t('scorecard.health.title')}
        </Title>
        <Badge color={healthColor[health.status]} variant="light" style={{ textTransform: 'none' }} data-testid="scorecard-health">
          <VisuallyHidden>{t('scorecard.health.title')}: </VisuallyHidden>
          {status}
        </Badge>
      </Group>
      {health.reasons.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('scorecard.health.allClear')}
        </Text>
      ) : (
        <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }} data-testid="health-reasons">
          {health.reasons.map((reason) => (
            <Group component="li" key={reason.code} gap={6} wrap="nowrap" align="flex-start">
              <ThemeIcon variant="transparent" color={healthColor[reason.severity]} size="sm" aria-hidden>
                {reason.severity === 'OFF_TRACK' ? <IconAlertOctagon size={16} /> : <IconAlertTriangle size={16} />}
              </ThemeIcon>
              <Text size="sm">
                <VisuallyHidden>{t(`scorecard.health.status.${reason.severity}`)}: </VisuallyHidden>
                {reasonText(reason)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Box>
  );
}

function ReadinessChecklist({ readiness }: { readiness: Scorecard['readiness'] }) {
  const { t } = useTranslation();
  // Evidence and blocked gates name what is wrong ("1 of 4 broken"); the others what is done.
  const countText = (item: Scorecard['readiness']['items'][number]) => {
    if (item.total === 0) return t('common.none');
    const wrong = item.key === 'evidenceHealthy' || item.key === 'noGateBlocked';
    return t(`scorecard.readiness.count.${item.key}`, { count: wrong ? item.total - item.count : item.count, total: item.total });
  };
  return (
    <Box>
      <Title order={3} size="h5" mb={6}>
        {t('scorecard.readiness.title')}
      </Title>
      <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} data-testid="exit-checklist">
        {readiness.items.map((item) => (
          <Group component="li" key={item.key} gap="xs" wrap="nowrap" justify="space-between" data-ok={item.ok}>
            <Group gap="xs" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
              <ThemeIcon color={item.ok ? 'teal' : 'red'} radius="xl" size="sm" aria-hidden>
                {item.ok ? <IconCheck size={14} /> : <IconX size={14} />}
              </ThemeIcon>
              <Text size="sm">
                <VisuallyHidden>{item.ok ? t('scorecard.readiness.ok') : t('scorecard.readiness.open')}: </VisuallyHidden>
                {t(`scorecard.readiness.item.${item.key}`)}
              </Text>
            </Group>
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {countText(item)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Box>
  );
}
