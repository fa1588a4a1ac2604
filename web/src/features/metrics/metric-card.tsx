import { ActionIcon, Badge, Card, Group, Menu, Stack, Text, Title, Tooltip as HoverTip } from '@mantine/core';
import { IconArrowDownRight, IconArrowRight, IconArrowUpRight, IconDots } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, formatShortDate } from '../../lib/dates';
import { formatValue, valuesByWeek, type MetricView } from './metric-kinds';

// Small text on the card: dark enough for WCAG AA in both colour schemes.
const metColor = 'light-dark(var(--mantine-color-teal-9), var(--mantine-color-teal-3))';
const missedColor = 'light-dark(var(--mantine-color-orange-9), var(--mantine-color-orange-3))';

interface Props {
  metric: MetricView;
  /** The Mondays shown, oldest first. */
  weeks: string[];
  onEdit?: (() => void) | undefined;
  onArchive?: (() => void) | undefined;
}

/** One metric: its latest value, the change against the week before, and its weekly line with the target. */
export function MetricCard({ metric, weeks, onEdit, onArchive }: Props) {
  const { t } = useTranslation();
  const byWeek = valuesByWeek(metric);
  const data = weeks.map((week) => ({ week, value: byWeek.get(week) ?? null }));
  const { latest, change, changeRatio, improving, target } = metric.trend;
  const unit = metric.unit ? ` ${metric.unit}` : '';

  return (
    <Card withBorder padding="md" data-testid="metric-card" data-metric={metric.key}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Title order={2} size="h5" lineClamp={2}>
            {metric.name}
          </Title>
          <Text size="xs" c="dimmed" ff="monospace" truncate>
            {metric.key}
          </Text>
        </Stack>
        {(onEdit || onArchive) && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={t('metrics.card.menu', { name: metric.name })}>
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {onEdit && <Menu.Item onClick={onEdit}>{t('common.edit')}</Menu.Item>}
              {onArchive && (
                <Menu.Item color="red" onClick={onArchive}>
                  {t('metrics.archive.action')}
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>

      <Group justify="space-between" align="flex-end" mt="sm" gap="xs">
        <Stack gap={0}>
          {latest ? (
            <>
              <Text size="xl" fw={700} lh={1.2} data-testid="metric-latest">
                {formatValue(latest.value)}
                <Text span size="sm" c="dimmed" fw={400}>
                  {unit}
                </Text>
              </Text>
              <Text size="xs" c="dimmed">
                {t('metrics.card.latest')} · {t('metrics.card.weekOf', { date: formatDate(latest.week) })}
              </Text>
            </>
          ) : (
            <Text size="sm" c="dimmed" data-testid="metric-latest">
              {t('metrics.card.noValue')}
            </Text>
          )}
        </Stack>
        <Stack gap={4} align="flex-end">
          {latest && <ChangeBadge change={change} ratio={changeRatio} improving={improving} />}
          <Text size="xs" c={target ? undefined : 'dimmed'} style={target ? { color: target.met ? metColor : missedColor } : undefined} ta="right" data-testid="metric-target">
            {metric.target === null
              ? t('metrics.card.noTarget')
              : `${t('metrics.card.target', { target: formatValue(metric.target) })}${target ? ` · ${target.met ? t('metrics.card.targetMet') : t('metrics.card.targetMissed', { gap: formatValue(Math.abs(target.gap)) })}` : ''}`}
          </Text>
        </Stack>
      </Group>

      <div style={{ width: '100%', height: 160, marginTop: 8 }} role="img" aria-label={t('metrics.card.chartLabel', { name: metric.name })}>
        <ResponsiveContainer>
          <LineChart data={data} margin={{ left: 0, right: 12, top: 12, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--mantine-color-default-border)" />
            <XAxis dataKey="week" tickFormatter={formatShortDate} tick={{ fontSize: 11 }} minTickGap={16} />
            <YAxis tick={{ fontSize: 11 }} width={44} tickFormatter={(v: number) => formatValue(v, { notation: 'compact' })} allowDecimals={false} />
            <Tooltip
              labelFormatter={(week) => t('metrics.card.weekOf', { date: formatDate(String(week)) })}
              formatter={(value) => [`${formatValue(Number(value))}${unit}`, metric.name]}
            />
            {metric.target !== null && (
              <ReferenceLine
                y={metric.target}
                stroke="var(--mantine-color-orange-6)"
                strokeDasharray="6 4"
                ifOverflow="extendDomain"
                label={{ value: t('metrics.card.targetLine'), position: 'insideTopLeft', fontSize: 11, fill: 'var(--mantine-color-orange-8)' }}
              />
            )}
            <Line type="monotone" dataKey="value" stroke="var(--mantine-color-indigo-6)" strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </Card>
  );
}

function ChangeBadge({ change, ratio, improving }: { change: number | null; ratio: number | null; improving: boolean | null }) {
  const { t } = useTranslation();
  if (change === null) {
    return (
      <Text size="xs" c="dimmed">
        {t('metrics.card.noPrevious')}
      </Text>
    );
  }
  const Icon = change > 0 ? IconArrowUpRight : change < 0 ? IconArrowDownRight : IconArrowRight;
  const sign = change > 0 ? '+' : '';
  const text = change === 0 ? t('metrics.card.flat') : `${sign}${formatValue(change)}${ratio === null ? '' : ` (${sign}${formatValue(ratio * 100, { maximumFractionDigits: 0 })}%)`}`;
  return (
    <HoverTip label={t('metrics.card.vsPrevious')}>
      <Badge
        variant="light"
        color={improving === null ? 'gray' : improving ? 'teal' : 'red'}
        leftSection={<Icon size={12} />}
        style={{ textTransform: 'none' }}
        data-testid="metric-change"
      >
        {text} <span className="visually-hidden">{t('metrics.card.vsPrevious')}</span>
      </Badge>
    </HoverTip>
  );
}
