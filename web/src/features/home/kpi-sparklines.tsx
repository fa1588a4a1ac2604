import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Line, LineChart, ReferenceLine, ResponsiveContainer, YAxis } from 'recharts';
import { AnchorLink } from '../../components/ui/links';
import { badColor, formatNumber, goodColor, type HomeKpi, type HomeOverview } from './home-kinds';

/** Each KPI's last weeks as a tiny line against its dashed target, with the latest value and the gap. */
export function KpiSparklines({ kpis }: { kpis: HomeOverview['kpis'] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="home-kpis-title" data-testid="home-kpis" h="100%">
      <Group justify="space-between" align="baseline" gap="xs">
        <Title order={2} size="h4" id="home-kpis-title">
          {t('home.kpis.title')}
        </Title>
        <AnchorLink to="/metrics" size="sm" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          {t('home.kpis.open')} <IconArrowRight size={14} aria-hidden />
        </AnchorLink>
      </Group>
      {kpis.metrics.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('home.kpis.none')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="sm">
          {kpis.metrics.map((kpi) => (
            <Sparkline key={kpi.id} kpi={kpi} weeks={kpis.weeks.length} />
          ))}
        </SimpleGrid>
      )}
    </Card>
  );
}

function Sparkline({ kpi, weeks }: { kpi: HomeKpi; weeks: number }) {
  const { t } = useTranslation();
  const unit = kpi.unit ? ` ${kpi.unit}` : '';
  const values = kpi.values.map((v) => (v.value === null ? t('home.kpis.noValueShort') : formatNumber(v.value))).join(', ');
  const label =
    kpi.target === null
      ? t('home.kpis.chart', { name: kpi.name, weeks, values })
      : t('home.kpis.chartTarget', { name: kpi.name, weeks, values, target: formatNumber(kpi.target) });
  const hasValues = kpi.values.some((v) => v.value !== null);

  return (
    <Card withBorder padding="xs" radius="sm" data-testid="home-kpi" data-metric={kpi.key}>
      <Title order={3} size="sm" fw={600} lineClamp={1}>
        <AnchorLink to="/metrics" c="inherit">
          {kpi.name}
        </AnchorLink>
      </Title>
      <Group justify="space-between" align="flex-end" wrap="nowrap" gap="xs" mt={4}>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={700} size="lg" lh={1.2}>
            {kpi.latest ? `${formatNumber(kpi.latest.value)}${unit}` : <Text span size="sm" c="dimmed" fw={400}>{t('home.kpis.noValue')}</Text>}
          </Text>
          <Text size="xs" c="dimmed">
            {kpi.target === null ? t('home.kpis.noTarget') : t('home.kpis.target', { target: formatNumber(kpi.target) })}
            {kpi.vsTarget && (
              <Text span size="xs" fw={600} style={{ color: kpi.vsTarget.met ? goodColor : badColor }}>
                {' · '}
                {kpi.vsTarget.met ? t('home.kpis.met') : t('home.kpis.missed', { gap: formatNumber(Math.abs(kpi.vsTarget.gap)) })}
              </Text>
            )}
          </Text>
        </Stack>
        <div style={{ width: 110, height: 44, flexShrink: 0 }} role="img" aria-label={label}>
          {hasValues && (
            <ResponsiveContainer>
              <LineChart data={kpi.values} margin={{ left: 2, right: 2, top: 4, bottom: 4 }}>
                <YAxis hide domain={['auto', 'auto']} />
                {kpi.target !== null && <ReferenceLine y={kpi.target} stroke="var(--mantine-color-orange-6)" strokeDasharray="4 3" ifOverflow="extendDomain" />}
                <Line type="monotone" dataKey="value" stroke="var(--mantine-color-indigo-6)" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          )}
        </div>
      </Group>
    </Card>
  );
}
