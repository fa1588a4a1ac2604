import { Grid, SimpleGrid, Stack, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, redirect } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { DeliverablesDue } from '../../features/home/deliverables-due';
import { FunnelBrief } from '../../features/home/funnel-brief';
import { GateTiles } from '../../features/home/gate-tiles';
import { KpiSparklines } from '../../features/home/kpi-sparklines';
import { WhereWeStandTile } from '../../features/home/where-we-stand-tile';
import { NoPlanState } from '../../features/plan/no-plan-state';
import { OpenActionItemsCard } from '../../features/reviews/open-action-items-card';
import { statusColor } from '../../features/plan-items/item-kinds';
import { trpc } from '../../lib/trpc';

// The plan overview used to live here: an old link to /?plan=<id> still reaches that plan.
const search = z.object({ plan: z.catch(z.optional(z.uuid()), undefined) });

export const Route = createFileRoute('/_app/')({
  validateSearch: search,
  beforeLoad: ({ search }) => {
    if (search.plan) throw redirect({ to: '/plan', search: { plan: search.plan }, replace: true });
  },
  loader: ({ context }) => context.queryClient.ensureQueryData(context.trpc.home.overview.queryOptions()),
  component: HomePage,
});

/** The leadership home: where the current plan stands, in one look. */
function HomePage() {
  const { t } = useTranslation();
  const { data } = useSuspenseQuery(trpc.home.overview.queryOptions());
  const { plan } = data;

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {plan ? plan.name : t('home.pageTitle')}
      </Title>
      {plan ? (
        <>
          <WhereWeStandTile plan={plan} />
          <GateTiles phases={plan.phases} statusColor={statusColor} />
          <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }} spacing="md">
            <DeliverablesDue kind="overdue" items={plan.overdue} statusColor={statusColor} />
            <DeliverablesDue kind="week" items={plan.dueThisWeek} week={data.week} statusColor={statusColor} />
            <OpenActionItemsCard />
          </SimpleGrid>
        </>
      ) : (
        <NoPlan />
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <FunnelBrief funnel={data.funnel} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <KpiSparklines kpis={data.kpis} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** No current plan: the plan page's empty state, offering to create one; the funnel and KPIs still show. */
function NoPlan() {
  const { t } = useTranslation();
  const { data: plans } = useSuspenseQuery(trpc.plans.list.queryOptions());
  return (
    <NoPlanState plans={plans}>
      {t('home.noPlan')} {t('plan.emptyHint')}
    </NoPlanState>
  );
}
