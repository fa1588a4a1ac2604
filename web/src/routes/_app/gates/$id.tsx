import { Alert, Badge, Box, Breadcrumbs, Button, Card, Grid, Group, List, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconAlertTriangle, IconGavel, IconFlag } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import type { GateStatus } from '@server/modules/gates/gates.schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../../components/ui/links';
import { CriteriaList } from '../../../features/criteria/criteria-list';
import { EvidencePanel } from '../../../features/evidence/evidence-panel';
import { EvidencePicker } from '../../../features/evidence/evidence-picker';
import { GateStatusDialog } from '../../../features/plan-items/gate-status-dialog';
import { statusColor } from '../../../features/plan-items/item-kinds';
import { StatusBadge } from '../../../features/plan-items/status-menu';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { can } from '@server/modules/users/rights';
import { useMe } from '../../../lib/session';
import { trpc, type RouterOutputs, type Trpc } from '../../../lib/trpc';
import { FollowButton } from '../../../features/notifications/follow-button';

type Gate = RouterOutputs['gates']['byId'];
type Reason = Gate['health']['reasons'][number];

const gateQuery = (api: Trpc, id: string) => api.gates.byId.queryOptions({ id });

export const Route = createFileRoute('/_app/gates/$id')({
  loader: ({ context, params }) => context.queryClient.ensureQueryData(gateQuery(context.trpc, params.id)),
  component: GatePage,
});

function useReasonText() {
  const { t } = useTranslation();
  return (r: Reason): string => {
    switch (r.code) {
      case 'decided':
        return t('gates.reason.decided', { status: t(`status.gate.${r.status}`) });
      case 'overdue':
        return t('gates.reason.overdue', { date: formatDate(r.dueDate) });
      case 'gateRunFailed':
        return t('gates.reason.gateRunFailed', { date: formatDate(r.capturedOn) });
      case 'brokenEvidence':
        return t('gates.reason.brokenEvidence', { count: r.count });
      case 'dueSoon':
        return t('gates.reason.dueSoon', { days: r.days, met: r.met, total: r.total });
      case 'unmet':
        return t('gates.reason.unmet', { met: r.met, total: r.total });
      case 'stale':
        return t('gates.reason.stale', { days: r.days });
      default:
        return t(`gates.reason.${r.code}`);
    }
  };
}

function GatePage() {
  const { t } = useTranslation();
  const { id } = Route.useParams();
  const { data: gate } = useSuspenseQuery(gateQuery(trpc, id));
  const role = useMe().role;
  const [settingStatus, setSettingStatus] = useState(false);
  const reasonText = useReasonText();
  const planner = can(role, 'editPlan');
  const phaseSearch = gate.phase.plan.isCurrent ? {} : { plan: gate.phase.plan.id as string | undefined };
  const unmet = gate.criteria.filter((c) => !c.met).map((c) => c.title);

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <AnchorLink to="/plan" search={phaseSearch} size="sm">
          {gate.phase.plan.name}
        </AnchorLink>
        <AnchorLink to="/phases/$key" params={{ key: gate.phase.key }} search={phaseSearch} size="sm">
          {t('app.nav.phase', { key: gate.phase.key })}
        </AnchorLink>
        <Text size="sm" lineClamp={1}>
          {gate.title}
        </Text>
      </Breadcrumbs>

      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Box style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('gates.phaseGate', { key: gate.phase.key })} · {gate.phase.name}
          </Text>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            {gate.title}
          </Title>
          <Group gap="xs" mt={4}>
            <FollowButton entityType="gate" entityId={gate.id} />
            {gate.ownerName && (
              <Text size="sm" c="dimmed">
                {t('common.owner')}: {gate.ownerName}
              </Text>
            )}
            {gate.dueDate && (
              <Text size="sm" c={gate.overdue ? undefined : 'dimmed'} className={gate.overdue ? 'text-overdue' : undefined} fw={gate.overdue ? 600 : undefined}>
                {t('common.due')} {formatDate(gate.dueDate)}
              </Text>
            )}
            {gate.overdue && (
              <Badge size="sm" color="red" variant="filled">
                {t('items.overdue')}
              </Badge>
            )}
          </Group>
          {gate.description && (
            <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {gate.description}
            </Text>
          )}
        </Box>
        {planner && (
          <Button leftSection={can(role, 'decideGates') ? <IconGavel size={16} /> : <IconFlag size={16} />} onClick={() => setSettingStatus(true)}>
            {t('gates.setStatus')}
          </Button>
        )}
      </Group>

      <Card withBorder padding="md" component="section" aria-labelledby="gate-health-title">
        <Title order={2} size="h4" id="gate-health-title" className="visually-hidden">
          {t('common.status')}
        </Title>
        <Group gap="lg" wrap="wrap" align="flex-start">
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t('common.status')}
            </Text>
            <span data-testid="gate-status">
              <StatusBadge kind="gate" status={gate.status} />
            </span>
          </Stack>
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t('gates.suggested')}
            </Text>
            <Badge color={statusColor(gate.health.health)} variant="light" radius="sm" style={{ textTransform: 'none' }} data-testid="gate-suggested">
              {t(`status.gate.${gate.health.health}`)}
            </Badge>
          </Stack>
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t('gates.criteria.title')}
            </Text>
            <Text size="sm" fw={600} data-testid="gate-criteria-count">
              {gate.health.criteriaTotal ? t('gates.criteriaCount', { met: gate.health.criteriaMet, total: gate.health.criteriaTotal }) : t('gates.noCriteriaShort')}
            </Text>
          </Stack>
          <List size="sm" spacing={2} style={{ flex: '1 1 240px' }} aria-label={t('gates.suggested')}>
            {gate.health.reasons.map((r) => (
              <List.Item key={r.code}>{reasonText(r)}</List.Item>
            ))}
          </List>
        </Group>
        {gate.health.flagged && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} mt="sm" data-testid="gate-flagged">
            {t('gates.disagree')}
          </Alert>
        )}
      </Card>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Card withBorder padding="md" component="section" aria-labelledby="criteria-title">
            <Title order={2} size="h4" id="criteria-title" mb="xs">
              {t('gates.criteria.title')}
            </Title>
            <CriteriaList
              criteria={gate.criteria}
              owner={{ gateId: gate.id }}
              canEdit={planner}
              renderEvidencePicker={(value, onChange) => (
                <EvidencePicker value={value} onChange={onChange} suggestFrom={{ targetType: 'gate', targetId: gate.id }} />
              )}
            />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <Card withBorder padding="md" component="section">
              <EvidencePanel targetType="gate" targetId={gate.id} canEdit={can(role, 'recordEvidence')} />
            </Card>
            <Card withBorder padding="md" component="section" aria-labelledby="history-title">
              <Title order={2} size="h4" id="history-title" mb="sm">
                {t('gates.history.title')}
              </Title>
              <StatusHistory history={gate.history} />
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>

      <GateStatusDialog
        gate={settingStatus ? { id: gate.id, version: gate.version, title: gate.title, status: gate.status, suggested: gate.health.health, unmetCriteria: unmet } : null}
        onClose={() => setSettingStatus(false)}
      />
    </Stack>
  );
}

function StatusHistory({ history }: { history: Gate['history'] }) {
  const { t } = useTranslation();
  const label = (s: GateStatus) => t(`status.gate.${s}`);
  if (history.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('gates.history.empty')}
      </Text>
    );
  }
  return (
    <Timeline bulletSize={14} lineWidth={2} active={0} data-testid="gate-history">
      {history.map((h) => (
        <Timeline.Item
          key={h.id}
          title={
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={600}>
                {h.fromStatus ? t('gates.history.change', { from: label(h.fromStatus), to: label(h.toStatus) }) : t('gates.history.created', { to: label(h.toStatus) })}
              </Text>
              {h.decision && (
                <Badge size="sm" variant="filled" color={h.decision === 'NO_GO' ? 'red' : h.decision === 'GO' ? 'green' : 'yellow'} style={{ textTransform: 'none' }}>
                  {t(`gates.decision.${h.decision}`)}
                </Badge>
              )}
            </Group>
          }
        >
          <Text size="xs" c="dimmed">
            {h.byName} · {formatDateTime(h.at)}
            {h.overrode && h.suggested && ` · ${t('gates.history.overrode', { status: label(h.suggested) })}`}
            {h.evidenceIds.length > 0 && ` · ${t('gates.history.evidence', { count: h.evidenceIds.length })}`}
          </Text>
          {h.reason && (
            <Text size="sm" mt={2} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {h.reason}
            </Text>
          )}
          {h.outstanding.length > 0 && (
            <>
              <Text size="xs" fw={600} mt={4}>
                {t('gates.history.outstanding')}
              </Text>
              <List size="sm" spacing={0}>
                {h.outstanding.map((o) => (
                  <List.Item key={o}>{o}</List.Item>
                ))}
              </List>
            </>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
