import dayjs from 'dayjs';
import { Alert, Badge, Button, Card, Code, CopyButton, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, redirect } from '@tanstack/react-router';
import { tokenCreateInput } from '@server/modules/tokens/tokens.schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ui/confirm-modal';
import { EmptyState } from '../../../components/ui/page-states';
import { FormActions } from '../../../components/ui/form-actions';
import { errorMessage, fieldErrorsOf, validateWith } from '../../../lib/api-errors';
import { formatDate } from '../../../lib/dates';
import { can } from '../../../lib/roles';
import { trpc, trpcClient, type RouterOutputs } from '../../../lib/trpc';
import { ServiceTokenFields, serviceTokenDefaults, type ServiceTokenValues } from '../../../features/tokens/service-token-fields';
import { useAdminAction } from './-components/use-admin-action';

type TokenRow = RouterOutputs['tokens']['list'][number];
type Created = RouterOutputs['tokens']['create'];

export const Route = createFileRoute('/_app/admin/tokens')({
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.fetchQuery(trpc.users.me.queryOptions());
    if (!can.manageTokens(me?.role)) throw redirect({ to: '/' });
  },
  loader: ({ context }) => context.queryClient.ensureQueryData(trpc.tokens.list.queryOptions()),
  component: TokensPage,
});

const formatInstant = (iso: string) => formatDate(dayjs(iso).format('YYYY-MM-DD'));

function TokensPage() {
  const { t } = useTranslation();
  const { data: tokens } = useSuspenseQuery(trpc.tokens.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [revoking, setRevoking] = useState<TokenRow | null>(null);
  const { run, refresh } = useAdminAction(trpc.tokens.pathKey());

  const revoke = (token: TokenRow) => {
    setRevoking(null);
    void run(() => trpcClient.tokens.revoke.mutate({ id: token.id }), t('metrics.tokens.revokedDone', { name: token.name }));
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {t('metrics.tokens.pageTitle')}
          </Title>
          <Text size="sm" c="dimmed" maw={720}>
            {t('metrics.tokens.intro')}
          </Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          {t('metrics.tokens.create')}
        </Button>
      </Group>

      {tokens.length === 0 ? (
        <EmptyState>{t('metrics.tokens.empty')}</EmptyState>
      ) : (
        <Card withBorder padding={0}>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" data-testid="tokens-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('metrics.tokens.name')}</Table.Th>
                  <Table.Th>{t('metrics.tokens.prefix')}</Table.Th>
                  <Table.Th>{t('metrics.tokens.createdBy')}</Table.Th>
                  <Table.Th>{t('metrics.tokens.lastUsed')}</Table.Th>
                  <Table.Th>{t('metrics.tokens.status')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.map((token) => (
                  <Table.Tr key={token.id} data-testid="token-row">
                    <Table.Td fw={500}>{token.name}</Table.Td>
                    <Table.Td>
                      <Code>{token.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{token.createdBy}</Text>
                      <Text size="xs" c="dimmed">
                        {formatInstant(token.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{token.lastUsedAt ? formatInstant(token.lastUsedAt) : t('metrics.tokens.never')}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={token.revokedAt ? 'gray' : 'teal'} style={{ textTransform: 'none' }}>
                        {token.revokedAt ? t('metrics.tokens.revoked', { date: formatInstant(token.revokedAt) }) : t('metrics.tokens.active')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {!token.revokedAt && (
                        <Button size="xs" variant="light" color="red" onClick={() => setRevoking(token)} aria-label={`${t('metrics.tokens.revoke')}: ${token.name}`}>
                          {t('metrics.tokens.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}

      {creating && (
        <CreateTokenModal
          onClose={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setCreated(token);
            void refresh();
          }}
        />
      )}

      <ConfirmModal
        opened={revoking !== null}
        title={revoking ? t('metrics.tokens.revokeTitle', { name: revoking.name }) : ''}
        confirmLabel={t('metrics.tokens.revoke')}
        onConfirm={() => revoking && revoke(revoking)}
        onCancel={() => setRevoking(null)}
      >
        {t('metrics.tokens.revokeBody')}
      </ConfirmModal>

      <Modal opened={created !== null} onClose={() => setCreated(null)} title={created ? t('metrics.tokens.createdTitle', { name: created.name }) : ''} closeOnClickOutside={false} size="lg">
        {created && <RevealedToken token={created.token} onDone={() => setCreated(null)} />}
      </Modal>
    </Stack>
  );
}

function RevealedToken({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation();
  const example = [
    `curl -X POST ${window.location.origin}/api/metrics/values \\`,
    `  -H "Authorization: Bearer ${token}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"values":[{"metric":"contact_submit","week":"${new Date().toISOString().slice(0, 10)}","value":12}]}'`,
  ].join('\n');
  return (
    <Stack gap="sm">
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
        {t('metrics.tokens.shownOnce')}
      </Alert>
      <Group wrap="nowrap" gap="xs">
        <TextInput readOnly value={token} style={{ flex: 1 }} ff="monospace" aria-label={t('metrics.tokens.prefix')} data-testid="revealed-token" onFocus={(e) => e.currentTarget.select()} />
        <CopyButton value={token}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy}>
              {copied ? t('metrics.tokens.copied') : t('metrics.tokens.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm">{t('metrics.tokens.usage')}</Text>
      <Code block fz="xs">
        {example}
      </Code>
      <Group justify="flex-end">
        <Button onClick={onDone}>{t('metrics.tokens.done')}</Button>
      </Group>
    </Stack>
  );
}

function CreateTokenModal({ onClose, onCreated }: { onClose: () => void; onCreated: (token: Created) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const form = useForm<ServiceTokenValues>({ initialValues: serviceTokenDefaults, validate: (values) => validateWith(tokenCreateInput, values, t) });
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    try {
      onCreated(await trpcClient.tokens.create.mutate(values));
    } catch (error) {
      form.setErrors(fieldErrorsOf(error));
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    } finally {
      setBusy(false);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('metrics.tokens.create')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('metrics.tokens.name')} placeholder={t('metrics.tokens.namePlaceholder')} required data-autofocus {...form.getInputProps('name')} />
          <ServiceTokenFields form={form} />
          <FormActions onCancel={onClose} saving={busy} />
        </Stack>
      </form>
    </Modal>
  );
}
