import { Badge, Button, Card, Group, Stack, Table, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { AnchorLink } from '../../../components/ui/links';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/ui/page-states';
import { NewPlanModal } from '../../../features/plan/new-plan-modal';
import { FromDocumentButton, PlanDocumentModal } from '../../../features/plan-document/plan-document-modal';
import { formatDate } from '../../../lib/dates';
import { can } from '@server/modules/users/rights';
import { useMe } from '../../../lib/session';
import { trpc } from '../../../lib/trpc';

export const Route = createFileRoute('/_app/plans/')({
  loader: ({ context }) => context.queryClient.ensureQueryData(context.trpc.plans.list.queryOptions()),
  component: PlansPage,
});

const stateColor = { before: 'blue', inside: 'teal', after: 'gray' } as const;

function PlansPage() {
  const { t } = useTranslation();
  const { data: plans } = useSuspenseQuery(trpc.plans.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const mayEdit = can(useMe().role, 'editPlan');

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('plans.pageTitle')}
        </Title>
        {mayEdit && (
          <Group gap="xs">
            <FromDocumentButton onClick={() => setImporting(true)} />
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-shortcut="create">
              {t('plan.create')}
            </Button>
          </Group>
        )}
      </Group>
      {plans.length === 0 ? (
        <EmptyState>{t('plan.empty')}</EmptyState>
      ) : (
        <Card withBorder padding={0}>
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('plans.name')}</Table.Th>
                  <Table.Th>{t('plans.startDate')}</Table.Th>
                  <Table.Th>{t('plans.lengthDays')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plans.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Group gap="xs">
                        <AnchorLink to="/plan" search={p.isCurrent ? {} : { plan: p.id }} fw={500}>
                          {p.name}
                        </AnchorLink>
                        {p.isCurrent && (
                          <Badge size="sm" variant="light" style={{ textTransform: 'none' }}>
                            {t('plan.current')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatDate(p.startDate)}</Table.Td>
                    <Table.Td>{p.lengthDays}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={stateColor[p.timeline.state]} style={{ textTransform: 'none' }}>
                        {t(`plans.state.${p.timeline.state}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      <NewPlanModal opened={creating} onClose={() => setCreating(false)} plans={plans} />
      <PlanDocumentModal opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}
