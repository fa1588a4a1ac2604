import { Breadcrumbs, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { AnchorLink, ButtonLink } from '../../../components/ui/links';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { PhaseSummary } from '../../../features/plan/phase-summary';
import { useTimelineLabel } from '../../../features/plan/plan-timeline';
import { HistoryPanel } from '../../../features/audit/history-panel';
import { EvidencePanel } from '../../../features/evidence/evidence-panel';
import { ItemList } from '../../../features/plan-items/item-list';
import { PhaseScorecard } from '../../../features/scorecard/phase-scorecard';
import { phaseScorecardQuery } from '../../../features/scorecard/scorecard-query';
import { can } from '@server/modules/users/rights';
import { useMe } from '../../../lib/session';
import { trpc, type Trpc } from '../../../lib/trpc';
import { PhaseFormModal } from './-components/phase-form-modal';

const search = z.object({ plan: z.catch(z.optional(z.uuid()), undefined) });

// The history drawer of a row: the audit feature's panel, handed to the plan-items list.
const deliverableHistory = (item: { id: string }) => <HistoryPanel entityType="deliverable" entityId={item.id} />;
const gateHistory = (item: { id: string }) => <HistoryPanel entityType="gate" entityId={item.id} />;
// Its evidence: the evidence feature's panel, handed in the same way.
const deliverableEvidence = (canEdit: boolean) => (item: { id: string }) => <EvidencePanel targetType="deliverable" targetId={item.id} canEdit={canEdit} />;

const phaseQuery = (api: Trpc, key: string, planId: string | undefined) =>
  api.phases.byKey.queryOptions({ key: key.toUpperCase(), ...(planId && { planId }) });

export const Route = createFileRoute('/_app/phases/$key')({
  validateSearch: search,
  loaderDeps: ({ search }) => ({ planId: search.plan }),
  loader: async ({ context, params, deps }) => {
    // The scorecard comes with the page; if it fails, its card says so and the rest still works.
    const [phase] = await Promise.all([
      context.queryClient.ensureQueryData(phaseQuery(context.trpc, params.key, deps.planId)),
      context.queryClient.prefetchQuery(phaseScorecardQuery(params.key, deps.planId)),
    ]);
    return phase;
  },
  component: PhasePage,
});

function PhasePage() {
  const { t } = useTranslation();
  const { key } = Route.useParams();
  const { plan: planId } = Route.useSearch();
  const { data } = useSuspenseQuery(phaseQuery(trpc, key, planId));
  const { plan, phase } = data;
  const [editing, setEditing] = useState(false);
  const me = useMe();
  const timelineLabel = useTimelineLabel(plan.timeline);
  const planSearch = plan.isCurrent ? {} : { plan: plan.id as string | undefined };

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <AnchorLink to="/plan" search={planSearch} size="sm">
          {plan.name}
        </AnchorLink>
        <Text size="sm">{t('app.nav.phase', { key: phase.key })}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <div style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Title order={1} size="h2">
            {t('phase.pageTitle', { key: phase.key, name: phase.name })}
          </Title>
          <Text size="sm" c="dimmed" mt={2}>
            {timelineLabel}
          </Text>
        </div>
        <Group gap="xs" className="no-print">
          {plan.phaseKeys.map((k) => (
            <ButtonLink
              key={k}
              size="compact-sm"
              variant={k === phase.key ? 'filled' : 'default'}
              to="/phases/$key"
              params={{ key: k }}
              search={planSearch}
              aria-current={k === phase.key ? 'page' : undefined}
            >
              {k}
            </ButtonLink>
          ))}
          {can(me.role, 'editPlan') && (
            <Button size="compact-sm" variant="light" leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)}>
              {t('phase.editGoal')}
            </Button>
          )}
        </Group>
      </Group>

      <Card withBorder padding="md">
        <Text size="sm" fw={600}>
          {t('phase.goal')}
        </Text>
        <Text size="sm" mb="sm" data-testid="phase-goal">
          {phase.goal || t('common.none')}
        </Text>
        <PhaseSummary phase={phase} />
      </Card>

      <PhaseScorecard phaseKey={phase.key} planId={planId} />

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Card withBorder padding="md" component="section" aria-labelledby="deliverables-title">
          <Title order={2} size="h4" id="deliverables-title" mb="xs">
            {t('plan.deliverables')} ({phase.deliverables.length})
          </Title>
          <ItemList kind="deliverable" phaseId={phase.id} items={phase.deliverables} controls="full" renderHistory={deliverableHistory} renderEvidence={deliverableEvidence(can(me.role, 'recordEvidence'))} />
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="gates-title">
          <Title order={2} size="h4" id="gates-title" mb="xs">
            {t('plan.gates')} ({phase.gates.length})
          </Title>
          <ItemList kind="gate" phaseId={phase.id} items={phase.gates} controls="full" renderHistory={gateHistory} />
        </Card>
      </SimpleGrid>
      <PhaseFormModal phase={phase} opened={editing} onClose={() => setEditing(false)} />
    </Stack>
  );
}
