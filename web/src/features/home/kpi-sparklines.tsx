import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
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
        <div style={{ width: sparkWidth, height: sparkHeight, flexShrink: 0 }} role="img" aria-label={label}>
          {hasValues && <SparklineSvg values={kpi.values.map((v) => v.value)} target={kpi.target} />}
        </div>
      </Group>
    </Card>
  );
}

const sparkWidth = 110;
const sparkHeight = 44;
const sparkPad = { x: 2, y: 4 };

/**
 * The weeks' values as a line (gaps bridged) against the dashed target, scaled so both fit. Plain SVG:
 * a chart library for six points would be most of the home page's JavaScript (decision 015).
 */
function SparklineSvg({ values, target }: { values: (number | null)[]; target: number | null }) {
  const points = values.flatMap((value, i) => (value === null ? [] : [{ i, value }]));
  const all = target === null ? points.map((p) => p.value) : [...points.map((p) => p.value), target];
  let min = Math.min(...all);
  let max = Math.max(...all);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const x = (i: number) => sparkPad.x + (values.length > 1 ? (i / (values.length - 1)) * (sparkWidth - 2 * sparkPad.x) : (sparkWidth - 2 * sparkPad.x) / 2);
  const y = (v: number) => sparkPad.y + (1 - (v - min) / (max - min)) * (sparkHeight - 2 * sparkPad.y);
  const line = points.map((p) => `${x(p.i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <svg width={sparkWidth} height={sparkHeight} viewBox={`0 0 ${sparkWidth} ${sparkHeight}`} aria-hidden focusable="false" style={{ display: 'block', overflow: 'visible' }}>
      {target !== null && (
        <line x1={0} x2={sparkWidth} y1={y(target)} y2={y(target)} stroke="var(--mantine-color-orange-6)" strokeDasharray="4 3" />
      )}
      {points.length === 1 ? (
        <circle cx={x(points[0]!.i)} cy={y(points[0]!.value)} r={2.5} fill="var(--mantine-color-indigo-6)" />
      ) : (
        <polyline points={line} fill="none" stroke="var(--mantine-color-indigo-6)" strokeWidth={2} strokeLinejoin="round" strokeLinecap="round" />
      )}
    </svg>
  );
}
