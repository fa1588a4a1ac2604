import { Box, Text, useComputedColorScheme, useMantineTheme } from '@mantine/core';
import dayjs from 'dayjs';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate, formatShortDate } from '../../lib/dates';
import type { PhaseScorecard } from './scorecard-query';

const addDays = (iso: string, days: number) => dayjs(iso).add(days, 'day').format('YYYY-MM-DD');

/**
 * Strokes at 3:1 or more against the card in either scheme (WCAG non-text contrast); due, done and scope
 * also differ by dash and fill, not by colour alone.
 */
function useChartColors() {
  const theme = useMantineTheme();
  const dark = useComputedColorScheme('light') === 'dark';
  const c = theme.colors;
  return dark
    ? { done: c.teal[4]!, due: c.orange[4]!, scope: c.gray[4]!, today: c.grape[3]!, grid: c.dark[4]!, text: c.gray[4]! }
    : { done: c.teal[8]!, due: c.orange[9]!, scope: c.gray[7]!, today: c.grape[8]!, grid: c.gray[3]!, text: c.gray[7]! };
}

/** Due (plan), done (history) and scope over the phase, with today marked; a sentence says the same. */
export function BurnUpChart({ scorecard }: { scorecard: PhaseScorecard }) {
  const { t } = useTranslation();
  const colors = useChartColors();
  const summaryId = useId();
  const { phase, days, burnUp } = scorecard;
  const points = burnUp.points;
  const last = points.at(-1);
  const lastDay = last?.day ?? 0;
  const todayDay = days.state === 'inside' ? days.elapsed : null;
  const latest = points.filter((p) => p.done !== null).at(-1);
  const dateOf = (day: number) => addDays(phase.startDate, day);
  // About five labels whatever the phase's length, so a phone's width holds them.
  const step = Math.max(7, Math.ceil(lastDay / 4 / 7) * 7);
  const ticks = [...Array.from({ length: Math.floor(lastDay / step) + 1 }, (_, i) => i * step).filter((d) => lastDay - d >= step / 2), lastDay];

  const summary = latest
    ? t('scorecard.burnUp.summary', {
        date: formatDate(latest.date),
        done: latest.done,
        scope: latest.scope,
        due: latest.due,
        total: last?.due ?? 0,
        end: formatDate(phase.endDate),
      })
    : t('scorecard.burnUp.summaryBefore', { start: formatDate(phase.startDate), end: formatDate(phase.endDate), total: last?.due ?? 0 });

  return (
    <Box>
      <Box h={240} role="img" aria-label={t('scorecard.burnUp.title')} aria-describedby={summaryId} data-testid="burn-up-chart">
        <ResponsiveContainer>
          <ComposedChart data={points} margin={{ top: 16, right: 12, bottom: 0, left: -16 }}>
            <CartesianGrid stroke={colors.grid} strokeDasharray="2 4" vertical={false} />
            <XAxis
              dataKey="day"
              type="number"
              domain={[0, lastDay]}
              ticks={ticks}
              tickFormatter={(day: number) => formatShortDate(dateOf(day))}
              tick={{ fontSize: 11, fill: colors.text }}
              stroke={colors.grid}
            />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: colors.text }} stroke={colors.grid} width={44} />
            <Tooltip
              labelFormatter={(day) => formatDate(dateOf(Number(day)))}
              formatter={(value, name) => [value ?? '—', name]}
              contentStyle={{ fontSize: 12 }}
            />
            <Legend wrapperStyle={{ fontSize: 12, color: colors.text }} />
            <Area
              type="linear"
              dataKey="done"
              name={t('scorecard.burnUp.done')}
              stroke={colors.done}
              strokeWidth={2}
              fill={colors.done}
              fillOpacity={0.18}
              isAnimationActive={false}
            />
            <Line
              type="linear"
              dataKey="due"
              name={t('scorecard.burnUp.due')}
              stroke={colors.due}
              strokeWidth={2}
              strokeDasharray="6 4"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="linear"
              dataKey="scope"
              name={t('scorecard.burnUp.scope')}
              stroke={colors.scope}
              strokeWidth={2}
              strokeDasharray="2 3"
              dot={false}
              isAnimationActive={false}
            />
            {todayDay !== null && (
              <ReferenceLine
                x={todayDay}
                stroke={colors.today}
                strokeWidth={1.5}
                label={{ value: t('scorecard.burnUp.today'), position: 'top', fill: colors.today, fontSize: 11 }}
              />
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </Box>
      <Text size="xs" c="dimmed" mt={4} id={summaryId} data-testid="burn-up-summary">
        {t('scorecard.burnUp.caption', { summary, note: burnUp.granularity === 'day' ? t('scorecard.burnUp.perDay') : t('scorecard.burnUp.perWeek') })}
      </Text>
    </Box>
  );
}
