import dayjs from 'dayjs';
import { Alert, Badge, Button, Card, Code, CopyButton, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, redirect } from '@tanstack/react-router';
import { tokenCreateInput } from '@server/modules/tokens/tokens.schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ui/confirm-modal';
import { EmptyState } from '../../../components/ui/page-states';
import { FormActions } from '../../../components/ui/form-actions';
import { fieldErrorsOf, validateWith } from '../../../lib/api-errors';
import { formatDate } from '../../../lib/dates';
import { can } from '@server/modules/users/rights';
import { trpc, type RouterOutputs } from '../../../lib/trpc';
import { useCreateToken, useRevokeToken } from '../../../features/tokens/use-token-mutations';
import { ServiceTokenFields, serviceTokenDefaults, type ServiceTokenValues } from '../../../features/tokens/service-token-fields';

type TokenRow = RouterOutputs['tokens']['list'][number];
type Created = RouterOutputs['tokens']['create'];

export const Route = createFileRoute('/_app/admin/tokens')({
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.fetchQuery(context.trpc.users.me.queryOptions());
    if (!can(me?.role, 'manageTokens')) throw redirect({ to: '/' });
  },
  loader: ({ context }) => context.queryClient.ensureQueryData(context.trpc.tokens.list.queryOptions()),
  component: TokensPage,
});

const formatInstant = (iso: string) => formatDate(dayjs(iso).format('YYYY-MM-DD'));

function TokensPage() {
  const { t } = useTranslation();
  const { data: tokens } = useSuspenseQuery(trpc.tokens.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [revoking, setRevoking] = useState<TokenRow | null>(null);
  const revokeToken = useRevokeToken();

  const revoke = (token: TokenRow) => {
    setRevoking(null);
    revokeToken(token);
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {t('tokens.pageTitle')}
          </Title>
          <Text size="sm" c="dimmed" maw={720}>
            {t('tokens.intro')}
          </Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </Button>
      </Group>

      {tokens.length === 0 ? (
        <EmptyState>{t('tokens.empty')}</EmptyState>
      ) : (
        <Card withBorder padding={0}>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" data-testid="tokens-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tokens.name')}</Table.Th>
                  <Table.Th>{t('tokens.prefix')}</Table.Th>
                  <Table.Th>{t('tokens.createdBy')}</Table.Th>
                  <Table.Th>{t('tokens.lastUsed')}</Table.Th>
                  <Table.Th>{t('tokens.status')}</Table.Th>
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
                    <Table.Td>{token.lastUsedAt ? formatInstant(token.lastUsedAt) : t('tokens.never')}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={token.revokedAt ? 'gray' : 'teal'} style={{ textTransform: 'none' }}>
                        {token.revokedAt ? t('tokens.revoked', { date: formatInstant(token.revokedAt) }) : t('tokens.active')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {!token.revokedAt && (
                        <Button size="xs" variant="light" color="red" onClick={() => setRevoking(token)} aria-label={`${t('tokens.revoke')}: ${token.name}`}>
                          {t('tokens.revoke')}
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
          }}
        />
      )}

      <ConfirmModal
        opened={revoking !== null}
        title={revoking ? t('tokens.revokeTitle', { name: revoking.name }) : ''}
        confirmLabel={t('tokens.revoke')}
        onConfirm={() => revoking && revoke(revoking)}
        onCancel={() => setRevoking(null)}
      >
        {t('tokens.revokeBody')}
      </ConfirmModal>

      <Modal opened={created !== null} onClose={() => setCreated(null)} title={created ? t('tokens.createdTitle', { name: created.name }) : ''} closeOnClickOutside={false} size="lg">
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
        {t('tokens.shownOnce')}
      </Alert>
      <Group wrap="nowrap" gap="xs">
        <TextInput readOnly value={token} style={{ flex: 1 }} ff="monospace" aria-label={t('tokens.prefix')} data-testid="revealed-token" onFocus={(e) => e.currentTarget.select()} />
        <CopyButton value={token}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy}>
              {copied ? t('tokens.copied') : t('tokens.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm">{t('tokens.usage')}</Text>
      <Code block fz="xs">
        {example}
      </Code>
      <Group justify="flex-end">
        <Button onClick={onDone}>{t('tokens.done')}</Button>
      </Group>
    </Stack>
  );
}

function CreateTokenModal({ onClose, onCreated }: { onClose: () => void; onCreated: (token: Created) => void }) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const form = useForm<ServiceTokenValues>({ initialValues: serviceTokenDefaults, validate: (values) => validateWith(tokenCreateInput, values, t) });
  const submit = form.onSubmit((values) => create.mutate(values, { onSuccess: onCreated, onError: (error) => form.setErrors(fieldErrorsOf(error)) }));
  return (
    <Modal opened onClose={onClose} title={t('tokens.create')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('tokens.name')} placeholder={t('tokens.namePlaceholder')} required data-autofocus {...form.getInputProps('name')} />
          <ServiceTokenFields form={form} />
          <FormActions onCancel={onClose} saving={create.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
