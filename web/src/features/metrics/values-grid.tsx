import { Alert, Button, Card, Group, Modal, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useBlocker } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorData, errorMessage } from '../../lib/api-errors';
import { formatDate } from '../../lib/dates';
import type { MetricsList } from './metric-kinds';
import { useSetMetricValues } from './use-metric-mutations';

type Cell = number | string;
const cellKey = (metricId: string, week: string) => `${metricId}|${week}`;

/**
 * Weeks as rows (newest first), metrics as columns. Edits stay in the page until Save, which sends only
 * the cells that differ from what is stored (an emptied cell deletes its value), all or nothing.
 * Leaving with unsaved edits asks first.
 */
export function ValuesGrid({ list }: { list: MetricsList }) {
  const { t } = useTranslation();
  const setValues = useSetMetricValues();
  const [draft, setDraft] = useState<ReadonlyMap<string, Cell>>(new Map());
  const [cellErrors, setCellErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const saving = setValues.isPending;
  const weeks = [...list.weeks].reverse();
  const currentWeek = list.weeks.at(-1);

  const stored = useMemo(() => {
    const map = new Map<string, number>();
    for (const m of list.metrics) for (const v of m.values) map.set(cellKey(m.id, v.week), v.value);
    return map;
  }, [list]);

  const changes = [...draft].filter(([key, value]) => (value === '' ? stored.has(key) : stored.get(key) !== value));
  const invalid = changes.filter(([, value]) => typeof value === 'string' && value !== '');
  const dirty = changes.length > 0;
  const blocker = useBlocker({ shouldBlockFn: () => dirty, enableBeforeUnload: dirty, withResolver: true });

  const setCell = (key: string, value: Cell) => {
    setDraft((prev) => new Map(prev).set(key, value));
    if (cellErrors.has(key)) {
      setCellErrors((prev) => {
        const next = new Map(prev);
        next.delete(key);
        return next;
      });
    }
  };

  const save = () => {
    const cells = changes.map(([key, value]) => {
      const [metricId = '', week = ''] = key.split('|');
      return { key, metricId, week, value: value === '' ? null : Number(value) };
    });
    setValues.mutate(
      { values: cells.map(({ key: _key, ...cell }) => cell) },
      {
        onSuccess: () => {
          setDraft(new Map());
          setCellErrors(new Map());
        },
        onError: (error) => {
          const issues = errorData(error).fieldIssues ?? [];
          const errors = new Map<string, string>();
          for (const issue of issues) {
            const index = Number(/^values\.(\d+)\./.exec(issue.path)?.[1]);
            const cell = cells[index];
            if (cell && !errors.has(cell.key)) errors.set(cell.key, issue.message);
          }
          setCellErrors(errors);
          notifications.show({ color: 'red', message: errors.size > 0 ? t('metrics.grid.failed') : errorMessage(error, t) });
        },
      },
    );
  };

  return (
    <Card withBorder padding="md">
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {t('metrics.grid.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('metrics.grid.hint')}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button variant="default" disabled={changes.length === 0 || saving} onClick={() => { setDraft(new Map()); setCellErrors(new Map()); }}>
            {t('metrics.grid.discard')}
          </Button>
          <Button onClick={save} loading={saving} disabled={changes.length === 0 || invalid.length > 0}>
            {changes.length === 0 ? t('metrics.grid.noChanges') : t('metrics.grid.save', { count: changes.length })}
          </Button>
        </Group>
      </Group>
      {cellErrors.size > 0 && (
        <Alert color="red" variant="light" mb="sm" role="alert">
          {t('metrics.grid.failed')}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={150 + 130 * list.metrics.length}>
        <Table fz="sm" verticalSpacing={6} data-testid="values-grid" stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={150}>{t('metrics.grid.week')}</Table.Th>
              {list.metrics.map((m) => (
                <Table.Th key={m.id} title={m.key} style={{ verticalAlign: 'bottom' }}>
                  <Text size="sm" fw={600} lineClamp={2}>
                    {m.name}
                  </Text>
                  {m.unit && (
                    <Text size="xs" c="dimmed" fw={400}>
                      {m.unit}
                    </Text>
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {weeks.map((week) => (
              <Table.Tr key={week} data-week={week}>
                <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(week)}
                  {week === currentWeek && (
                    <Text size="xs" c="dimmed" fw={400}>
                      {t('metrics.grid.current')}
                    </Text>
                  )}
                </Table.Th>
                {list.metrics.map((m) => {
                  const key = cellKey(m.id, week);
                  const value = draft.has(key) ? draft.get(key)! : (stored.get(key) ?? '');
                  const changed = changes.some(([k]) => k === key);
                  return (
                    <Table.Td key={m.id}>
                      <NumberInput
                        size="xs"
                        hideControls
                        thousandSeparator=","
                        value={value}
                        onChange={(v) => setCell(key, v)}
                        error={cellErrors.get(key) ?? (typeof value === 'string' && value !== '' ? t('validation.invalid') : undefined)}
                        aria-label={t('metrics.grid.cell', { metric: m.name, date: formatDate(week) })}
                        styles={changed ? { input: { background: 'var(--mantine-color-yellow-light)' } } : undefined}
                        data-changed={changed || undefined}
                      />
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Modal opened={blocker.status === 'blocked'} onClose={() => blocker.reset?.()} title={t('metrics.grid.unsavedTitle')}>
        <Text size="sm">{t('metrics.grid.unsavedBody', { count: changes.length })}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
            {t('metrics.grid.stay')}
          </Button>
          <Button color="red" onClick={() => blocker.proceed?.()}>
            {t('metrics.grid.leave')}
          </Button>
        </Group>
      </Modal>
    </Card>
  );
}
