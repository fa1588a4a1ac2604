import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowRight, IconPlus } from '@tabler/icons-react';
import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { AnchorLink } from '../../components/ui/links';
import { NewPlanModal } from '../../features/plan/new-plan-modal';
import { ExportMarkdownButton } from '../../features/plan-document/export-markdown-button';
import { NoPlanState } from '../../features/plan/no-plan-state';
import { PhaseSummary } from '../../features/plan/phase-summary';
import { PlanTimeline } from '../../features/plan/plan-timeline';
import { HistoryPanel } from '../../features/audit/history-panel';
import { ItemList } from '../../features/plan-items/item-list';
import { errorMessage } from '../../lib/api-errors';
import { can } from '@server/modules/users/rights';
import { useMe } from '../../lib/session';
import { trpc, trpcClient, type PlanView } from '../../lib/trpc';

const search = z.object({ plan: z.catch(z.optional(z.uuid()), undefined) });

// The history drawer of a row: the audit feature's panel, handed to the plan-items list.
const deliverableHistory = (item: { id: string }) => <HistoryPanel entityType="deliverable" entityId={item.id} />;
const gateHistory = (item: { id: string }) => <HistoryPanel entityType="gate" entityId={item.id} />;

// The plan overview: every phase with its deliverables and gates, editable in place.
export const Route = createFileRoute('/_app/plan')({
  validateSearch: search,
  loaderDeps: ({ search }) => ({ planId: search.plan }),
  loader: ({ context, deps }) =>
    Promise.all([
      deps.planId
        ? context.queryClient.ensureQueryData(context.trpc.plans.byId.queryOptions({ id: deps.planId }))
        : context.queryClient.ensureQueryData(context.trpc.plans.current.queryOptions()),
      context.queryClient.ensureQueryData(context.trpc.plans.list.queryOptions()),
    ]),
  component: PlanRoute,
});

// A shared link names its plan (?plan=); without one the page shows the current plan.
function PlanRoute() {
  const { plan: planId } = Route.useSearch();
  return planId ? <PlanById id={planId} /> : <CurrentPlan />;
}

function PlanById({ id }: { id: string }) {
  const { data } = useSuspenseQuery(trpc.plans.byId.queryOptions({ id }));
  return <PlanPage plan={data} />;
}

function CurrentPlan() {
  const { data } = useSuspenseQuery(trpc.plans.current.queryOptions());
  return <PlanPage plan={data} />;
}

function PlanPage({ plan }: { plan: PlanView | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate({ from: Route.fullPath });
  const queryClient = useQueryClient();
  const { data: plans } = useSuspenseQuery(trpc.plans.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const mayEdit = can(useMe().role, 'editPlan');

  if (!plan) {
    return (
      <Stack>
        <Title order={1}>{t('plan.pageTitle')}</Title>
        <NoPlanState plans={plans}>
          {t('plan.empty')} {t('plan.emptyHint')}
        </NoPlanState>
      </Stack>
    );
  }

  const makeCurrent = async () => {
    try {
      await trpcClient.plans.setCurrent.mutate({ id: plan.id });
      await queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() });
      notifications.show({ message: t('plan.madeCurrent', { name: plan.name }) });
      await navigate({ search: {} });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    }
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <div>
          <Title order={1} size="h2">
            {plan.name}
          </Title>
          <Group gap="xs" mt={4}>
            <Badge variant="light" color={plan.isCurrent ? 'indigo' : 'gray'} style={{ textTransform: 'none' }}>
              {plan.isCurrent ? t('plan.current') : t('plan.notCurrent')}
            </Badge>
            {!plan.isCurrent && mayEdit && (
              <Button size="compact-xs" variant="subtle" onClick={() => void makeCurrent()}>
                {t('plan.makeCurrent')}
              </Button>
            )}
          </Group>
        </div>
        <Group gap="xs" className="no-print">
          {plans.length > 1 && (
            <Select
              aria-label={t('plan.switch')}
              size="sm"
              w={240}
              allowDeselect={false}
              value={plan.id}
              data={plans.map((p) => ({ value: p.id, label: p.isCurrent ? `${p.name} ★` : p.name }))}
              onChange={(id) => {
                const target = plans.find((p) => p.id === id);
                void navigate({ search: target?.isCurrent ? {} : { plan: id ?? undefined } });
              }}
            />
          )}
          <ExportMarkdownButton planId={plan.id} />
          {mayEdit && (
            <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('plan.create')}
            </Button>
          )}
        </Group>
      </Group>

      <Card withBorder padding="md">
        <PlanTimeline plan={plan} />
      </Card>

      {plan.phases.map((phase) => (
        <Card withBorder padding="md" key={phase.id} component="section" aria-labelledby={`phase-${phase.key}`}>
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <Title order={2} size="h3" id={`phase-${phase.key}`}>
              {phase.key} · {phase.name}
            </Title>
            <AnchorLink
              to="/phases/$key"
              params={{ key: phase.key }}
              search={plan.isCurrent ? {} : { plan: plan.id }}
              size="sm"
              style={{ whiteSpace: 'nowrap', display: 'inline-flex', alignItems: 'center', gap: 4 }}
            >
              {t('plan.openPhase', { key: phase.key })} <IconArrowRight size={14} />
            </AnchorLink>
          </Group>
          {phase.goal && (
            <Text size="sm" mt={4}>
              <Text span fw={600}>
                {t('plan.goal')}:
              </Text>{' '}
              {phase.goal}
            </Text>
          )}
          <Stack gap={0} mt="sm">
            <PhaseSummary phase={phase} />
          </Stack>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" mt="md">
            <div>
              <Title order={3} size="h5" mb={4}>
                {t('plan.deliverables')} ({phase.deliverables.length})
              </Title>
              <ItemList kind="deliverable" phaseId={phase.id} items={phase.deliverables} controls="edit" renderHistory={deliverableHistory} />
            </div>
            <div>
              <Title order={3} size="h5" mb={4}>
                {t('plan.gates')} ({phase.gates.length})
              </Title>
              <ItemList kind="gate" phaseId={phase.id} items={phase.gates} controls="edit" renderHistory={gateHistory} />
            </div>
          </SimpleGrid>
        </Card>
      ))}
      <NewPlanModal opened={creating} onClose={() => setCreating(false)} plans={plans} />
    </Stack>
  );
}
