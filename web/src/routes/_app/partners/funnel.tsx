import { Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AnchorLink } from '../../../components/ui/links';
import { EmptyState } from '../../../components/ui/page-states';
import { type Stage } from '../../../features/partners/partner-kinds';
import { trpc } from '../../../lib/trpc';

export const Route = createFileRoute('/_app/partners/funnel')({
  loader: ({ context }) => context.queryClient.ensureQueryData(context.trpc.partners.funnel.queryOptions({})),
  component: FunnelPage,
});

const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

function FunnelPage() {
  const { t } = useTranslation();
  const { data: f } = useSuspenseQuery(trpc.partners.funnel.queryOptions({}));
  const stageLabel = (s: string) => t(`partners.stage.${s as Stage}`);
  const conversion = f.conversions.map((c) => ({ ...c, name: `${stageLabel(c.from)} → ${stageLabel(c.to)}`, rate: c.rate === null ? 0 : Math.round(c.rate * 100) }));
  const targetLabels = { hostedPoc: t('partners.funnel.hostedPoc'), paidTrial: t('partners.funnel.paidTrial'), platformDesignPartners: t('partners.funnel.platformPartners') };
  const targets = f.targets.map((target) => ({ label: targetLabels[target.key], value: target.count, target: target.target }));

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('partners.funnel.pageTitle')}
        </Title>
        <AnchorLink to="/partners" size="sm">
          {t('partners.pageTitle')}
        </AnchorLink>
      </Group>

      <Card withBorder padding="md" data-testid="funnel-targets">
        <Title order={2} size="h4" mb="sm">
          {t('partners.funnel.targets')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {targets.map((target) => (
            <Stack gap={4} key={target.label}>
              <Text size="sm">{target.label}</Text>
              <Text size="xl" fw={700} data-testid="target-value">
                {t('partners.funnel.ofTarget', { value: target.value, target: target.target })}
              </Text>
              <Progress value={Math.min(100, (target.value / Math.max(1, target.target)) * 100)} color={target.value >= target.target ? 'teal' : 'indigo'} aria-label={target.label} />
            </Stack>
          ))}
        </SimpleGrid>
      </Card>

      {f.conversions.every((c) => c.reached === 0) ? (
        <EmptyState>{t('partners.funnel.empty')}</EmptyState>
      ) : (
        <>
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="sm">
              {t('partners.funnel.conversion')}
            </Title>
            <div style={{ width: '100%', height: 260 }} role="img" aria-label={t('partners.funnel.conversion')}>
              <ResponsiveContainer>
                <BarChart data={conversion} margin={{ left: 0, right: 8, top: 8, bottom: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
                  <YAxis unit="%" domain={[0, 100]} tick={{ fontSize: 11 }} width={40} />
                  <Tooltip formatter={(v) => `${String(v)}%`} />
                  <Bar dataKey="rate" fill="var(--mantine-color-indigo-6)" radius={[4, 4, 0, 0]} />
                </BarChart>
              </ResponsiveContainer>
            </div>
            <Table mt="sm" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  <Table.Th>{t('partners.funnel.reached')}</Table.Th>
                  <Table.Th>{t('partners.funnel.converted')}</Table.Th>
                  <Table.Th>{t('partners.funnel.rate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {f.conversions.map((c) => (
                  <Table.Tr key={c.from}>
                    <Table.Td>
                      {stageLabel(c.from)} → {stageLabel(c.to)}
                    </Table.Td>
                    <Table.Td>{c.reached}</Table.Td>
                    <Table.Td>{c.converted}</Table.Td>
                    <Table.Td>{pct(c.rate)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>

          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Card withBorder padding="md">
              <Title order={2} size="h4" mb="sm">
                {t('partners.funnel.medianDays')}
              </Title>
              <Table fz="sm">
                <Table.Tbody>
                  {f.daysInStage.map((m) => (
                    <Table.Tr key={m.stage}>
                      <Table.Td>{stageLabel(m.stage)}</Table.Td>
                      <Table.Td>{m.medianDays === null ? '—' : `${m.medianDays} ${t('partners.funnel.days')}`}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
            <Card withBorder padding="md">
              <Title order={2} size="h4" mb="sm">
                {t('partners.funnel.lostReasons')}
              </Title>
              {f.lostReasons.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('partners.funnel.noLost')}
                </Text>
              ) : (
                <Table fz="sm">
                  <Table.Tbody>
                    {f.lostReasons.map((r) => (
                      <Table.Tr key={r.reason}>
                        <Table.Td>{r.reason}</Table.Td>
                        <Table.Td>{r.count}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          </SimpleGrid>

          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="sm">
              {t('partners.funnel.cohorts')}
            </Title>
            <Table.ScrollContainer minWidth={520}>
              <Table fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('partners.funnel.cohort')}</Table.Th>
                    {f.conversions.map((c) => (
                      <Table.Th key={c.from}>
                        {stageLabel(c.from)} → {stageLabel(c.to)}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {f.cohorts.map((cohort) => (
                    <Table.Tr key={cohort.month}>
                      <Table.Td>{cohort.month}</Table.Td>
                      {cohort.conversions.map((c) => (
                        <Table.Td key={c.from}>
                          {pct(c.rate)} <Text span size="xs" c="dimmed">({c.converted}/{c.reached})</Text>
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        </>
      )}
    </Stack>
  );
}
