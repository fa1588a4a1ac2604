import { Alert, Badge, Button, Card, FileInput, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api-errors';
import type { RouterOutputs } from '../../lib/trpc';
import { usePartnerImport } from './use-partner-mutations';

type Preview = RouterOutputs['partners']['importPreview'];
// partners.schema's MAX_IMPORT_BYTES; not imported, so the page does not load zod for one number.
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * Partners from a CSV: the server checks every row and shows the preview (nothing written), then
 * imports all rows or none.
 */
export function PartnerImport() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { preview: check, commit: save, isPending: busy } = usePartnerImport();
  const [csv, setCsv] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const onError = (error: unknown) => setProblem(errorMessage(error, t));

  const choose = async (file: File | null) => {
    setPreview(null);
    setProblem(null);
    setCsv(null);
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) return setProblem(t('partners.import.tooBig'));
    const text = await file.text();
    check.mutate(
      { csv: text },
      {
        onSuccess: (result) => {
          setPreview(result);
          setCsv(text);
        },
        onError,
      },
    );
  };

  const commit = () => {
    if (csv) save.mutate({ csv }, { onSuccess: () => void navigate({ to: '/partners', search: { view: 'table' } }), onError });
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
              <Button onClick={commit} loading={busy}>
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
