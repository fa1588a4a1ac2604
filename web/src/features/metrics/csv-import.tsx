import { Alert, Badge, Button, Card, FileInput, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { parseCsv, toCsv } from '@server/lib/csv';
import { MAX_CSV_BYTES, metricImportColumns } from '@server/modules/metrics/metrics.schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorData, errorMessage } from '../../lib/api-errors';
import { formatDate } from '../../lib/dates';
import { mondayOf } from '../../lib/weeks';
import type { MetricView } from './metric-kinds';
import { useImportMetricValues } from './use-metric-mutations';

interface PreviewRow {
  row: number;
  metric: string;
  week: string;
  weekStart: string | null;
  value: string;
  problems: string[];
}

const PREVIEW_LIMIT = 500;

/**
 * Reads the file in the browser for a preview with quick checks (known metric, a date, a number); the
 * server checks every row again on import and writes all or nothing. Its per-row problems are shown
 * against the rows.
 */
export function CsvImport({ metrics, currentWeek, onImported }: { metrics: MetricView[]; currentWeek: string; onImported: () => void }) {
  const { t } = useTranslation();
  const importCsv = useImportMetricValues();
  const [csv, setCsv] = useState<string | null>(null);
  const [rows, setRows] = useState<PreviewRow[]>([]);
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  const keys = new Set(metrics.map((m) => m.key));

  const choose = async (file: File | null) => {
    setCsv(null);
    setRows([]);
    setFileProblems([]);
    if (!file) return;
    if (file.size > MAX_CSV_BYTES) return setFileProblems([t('metrics.import.tooBig')]);
    const text = await file.text();
    const parsed = parseCsv(text);
    const fields = parsed.meta.fields ?? [];
    if (!metricImportColumns.every((c) => fields.includes(c))) return setFileProblems([t('metrics.import.missingColumns')]);
    setRows(
      parsed.data.map((record, index) => {
        const metric = (record.metric ?? '').trim();
        const week = (record.week ?? '').trim();
        const value = (record.value ?? '').trim();
        const weekStart = mondayOf(week);
        const problems: string[] = [];
        if (!keys.has(metric.toLowerCase())) problems.push(t('metrics.import.unknownMetric'));
        if (!weekStart) problems.push(t('metrics.import.badWeek'));
        if (value === '' || !Number.isFinite(Number(value.replace(/,/g, '')))) problems.push(t('metrics.import.badValue'));
        return { row: index + 1, metric, week, weekStart, value, problems };
      }),
    );
    setCsv(text);
  };

  const commit = () => {
    if (csv) importCsv.mutate({ csv }, { onSuccess: onImported, onError: showRefusal });
  };

  // Row problems go beside their rows; anything else is a toast.
  const showRefusal = (error: unknown) => {
    const issues = errorData(error).fieldIssues ?? [];
    if (issues.length === 0) {
      notifications.show({ color: 'red', message: errorMessage(error, t) });
      return;
    }
    const byRow = new Map<number, string[]>();
    const whole: string[] = [];
    for (const issue of issues) {
      const row = Number(/^rows\.(\d+)\./.exec(issue.path)?.[1]);
      if (Number.isInteger(row) && row > 0) byRow.set(row, [...(byRow.get(row) ?? []), issue.message]);
      else whole.push(issue.message);
    }
    setRows((prev) => prev.map((r) => (byRow.has(r.row) ? { ...r, problems: [...new Set([...r.problems, ...byRow.get(r.row)!])] } : r)));
    setFileProblems([t('metrics.import.failed'), ...whole]);
  };

  const downloadTemplate = () => {
    const csv = toCsv(metrics.map((m) => ({ metric: m.key, week: currentWeek, value: '' })), metricImportColumns);
    const url = URL.createObjectURL(new Blob([`${csv}\n`], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'metrics-template.csv';
    a.click();
    URL.revokeObjectURL(url);
  };

  const bad = rows.filter((r) => r.problems.length > 0);
  const shown = bad.length > 0 ? bad : rows.slice(0, PREVIEW_LIMIT);
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('metrics.import.title')}
        </Title>
        <Text size="sm">{t('metrics.import.intro')}</Text>
        <Group align="flex-end" gap="sm">
          <FileInput label={t('metrics.import.choose')} accept=".csv,text/csv" leftSection={<IconUpload size={16} />} onChange={(f) => void choose(f)} clearable w={{ base: '100%', sm: 360 }} />
          <Button variant="subtle" leftSection={<IconDownload size={16} />} onClick={downloadTemplate}>
            {t('metrics.import.template')}
          </Button>
        </Group>
        {fileProblems.length > 0 && (
          <Alert color="red" variant="light" role="alert">
            {fileProblems.map((p) => (
              <Text size="sm" key={p}>
                {p}
              </Text>
            ))}
          </Alert>
        )}
        {rows.length > 0 && (
          <>
            <Group justify="space-between">
              <Text fw={600}>
                {t('metrics.import.preview')}: {t('metrics.import.rows', { count: rows.length })}
              </Text>
              {bad.length > 0 ? (
                <Badge color="red" variant="light" style={{ textTransform: 'none' }}>
                  {t('metrics.import.fixFirst')}
                </Badge>
              ) : (
                <Button onClick={commit} loading={importCsv.isPending}>
                  {t('metrics.import.commit', { count: rows.length })}
                </Button>
              )}
            </Group>
            <Table.ScrollContainer minWidth={560}>
              <Table fz="sm" data-testid="import-preview">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('metrics.import.row')}</Table.Th>
                    <Table.Th>{t('metrics.import.metric')}</Table.Th>
                    <Table.Th>{t('metrics.import.week')}</Table.Th>
                    <Table.Th>{t('metrics.import.value')}</Table.Th>
                    <Table.Th>{t('metrics.import.problems')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((r) => (
                    <Table.Tr key={r.row}>
                      <Table.Td>{r.row}</Table.Td>
                      <Table.Td ff="monospace">{r.metric}</Table.Td>
                      <Table.Td>
                        {r.week}
                        {r.weekStart && r.weekStart !== r.week && (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            → {formatDate(r.weekStart)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{r.value}</Table.Td>
                      <Table.Td>
                        {r.problems.length > 0 ? (
                          <Text size="sm" className="text-overdue">
                            {r.problems.join('; ')}
                          </Text>
                        ) : (
                          t('metrics.import.ok')
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Card>
  );
}
