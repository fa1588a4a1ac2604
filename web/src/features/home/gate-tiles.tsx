import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import { formatDate } from '../../lib/dates';
import { badColor, type HomeGate, type HomePlan } from './home-kinds';

type GateStatus = HomeGate['status'];

interface Props {
  phases: HomePlan['phases'];
  /** The badge colour of a gate status (the plan items' palette, handed in by the page). */
  statusColor: (status: GateStatus) => string;
}

/** Every gate of the plan as a tile, by phase: set status, the suggested health when it differs, criteria met. */
export function GateTiles({ phases, statusColor }: Props) {
  const { t } = useTranslation();
  const all = phases.flatMap((p) => p.gates);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="home-gates-title">
      <Group justify="space-between" align="baseline" gap="xs">
        <Title order={2} size="h4" id="home-gates-title">
          {t('home.gates.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('home.gates.count', { passed: all.filter((g) => g.status === 'PASSED').length, total: all.length })}
        </Text>
      </Group>
      <Stack gap="md" mt="sm">
        {phases.map((phase) => (
          <section key={phase.key} aria-labelledby={`home-gates-${phase.key}`}>
            <Title order={3} size="h6" id={`home-gates-${phase.key}`} mb={6}>
              <AnchorLink to="/phases/$key" params={{ key: phase.key }} c="inherit">
                {t('home.where.phase', { key: phase.key, name: phase.name })}
              </AnchorLink>
            </Title>
            {phase.gates.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('home.gates.none')}
              </Text>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
                {phase.gates.map((gate) => (
                  <GateTile key={gate.id} gate={gate} statusColor={statusColor} />
                ))}
              </SimpleGrid>
            )}
          </section>
        ))}
      </Stack>
    </Card>
  );
}

function GateTile({ gate, statusColor }: { gate: HomeGate; statusColor: Props['statusColor'] }) {
  const { t } = useTranslation();
  const differs = gate.health !== gate.status;
  return (
    <Card withBorder padding="sm" radius="sm" data-testid="home-gate-tile" data-gate-id={gate.id}>
      <Title order={4} size="sm" fw={600} lineClamp={3}>
        <AnchorLink to="/gates/$id" params={{ id: gate.id }} c="inherit">
          {gate.title}
        </AnchorLink>
      </Title>
      <Group gap={6} mt={8}>
        <Badge variant="light" color={statusColor(gate.status)} radius="sm" style={{ textTransform: 'none' }} data-testid="home-gate-status">
          {t(`status.gate.${gate.status}`)}
        </Badge>
        {differs && (
          <Badge variant="light" color={statusColor(gate.health)} radius="sm" style={{ textTransform: 'none' }} data-testid="home-gate-suggested">
            {t('home.gates.suggested', { status: t(`status.gate.${gate.health}`) })}
          </Badge>
        )}
      </Group>
      <Group justify="space-between" gap="xs" mt={8}>
        <Text size="xs" c="dimmed">
          {gate.criteriaTotal ? t('gates.criteriaCount', { met: gate.criteriaMet, total: gate.criteriaTotal }) : t('gates.noCriteriaShort')}
        </Text>
        {gate.dueDate && (
          <Text size="xs" c={gate.overdue ? undefined : 'dimmed'} fw={gate.overdue ? 600 : undefined} style={gate.overdue ? { color: badColor } : undefined}>
            {gate.overdue ? `${t('home.gates.overdue')} · ` : ''}
            {t('home.gates.due', { date: formatDate(gate.dueDate) })}
          </Text>
        )}
      </Group>
    </Card>
  );
}
