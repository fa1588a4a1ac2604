import { Alert, Badge, Button, Card, FileInput, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/api-errors';
import { trpc, trpcClient, type RouterOutputs } from '../../../lib/trpc';

type Preview = RouterOutputs['partners']['importPreview'];
const MAX_BYTES = 5 * 1024 * 1024;

export const Route = createFileRoute('/_app/partners/import')({
  component: ImportPage,
});

function ImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const choose = async (file: File | null) => {
    setPreview(null);
    setProblem(null);
    setCsv(null);
    if (!file) return;
    if (file.size > MAX_BYTES) return setProblem(t('partners.import.tooBig'));
    const text = await file.text();
    setBusy(true);
    try {
      setPreview(await trpcClient.partners.importPreview.mutate({ csv: text }));
      setCsv(text);
    } catch (error) {
      setProblem(errorMessage(error, t));
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!csv) return;
    setBusy(true);
    try {
      const { imported } = await trpcClient.partners.importCommit.mutate({ csv });
      notifications.show({ message: t('partners.import.committed', { count: imported }) });
      await queryClient.invalidateQueries({ queryKey: trpc.partners.pathKey() });
      await navigate({ to: '/partners', search: { view: 'table' } });
    } catch (error) {
      setProblem(errorMessage(error, t));
    } finally {
      setBusy(false);
    }
  };

  const bad = preview?.rows.filter((r) => r.errors.length > 0) ?? [];
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('partners.import.pageTitle')}
      </Title>
      <Text size="sm">{t('partners.import.intro')}</Text>
      <FileInput label={t('partners.import.choose')} accept=".csv,text/csv" leftSection={<IconUpload size={16} />} onChange={(f) => void choose(f)} clearable w={{ base: '100%', sm: 420 }} />
      {problem && (
        <Alert color="red" variant="light" role="alert">
          {problem}
        </Alert>
      )}
      {preview && (
        <Card withBorder padding="md">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              {t('partners.import.preview')}: {t('partners.import.rows', { count: preview.rows.length })}
            </Title>
            {bad.length > 0 ? (
              <Badge color="red" variant="light" style={{ textTransform: 'none' }}>
                {t('partners.import.errors', { count: bad.length })}
              </Badge>
            ) : (
              <Button onClick={() => void commit()} loading={busy}>
                {t('partners.import.commit')}
              </Button>
            )}
          </Group>
          {bad.length > 0 && (
            <Alert color="yellow" variant="light" mb="sm">
              {t('partners.import.fixFirst')}
            </Alert>
          )}
          <Table.ScrollContainer minWidth={520}>
            <Table fz="sm" data-testid="import-preview">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('partners.import.row')}</Table.Th>
                  <Table.Th>{t('partners.fields.company')}</Table.Th>
                  <Table.Th>{t('partners.import.problems')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(bad.length > 0 ? bad : preview.rows.slice(0, 200)).map((r) => (
                  <Table.Tr key={r.row}>
                    <Table.Td>{r.row}</Table.Td>
                    <Table.Td>{r.company}</Table.Td>
                    <Table.Td>{r.errors.length ? <Text size="sm" className="text-overdue">{r.errors.map((e) => e.message).join('; ')}</Text> : t('partners.import.ok')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}
