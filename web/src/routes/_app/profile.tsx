import { Alert, Badge, Button, Card, Code, CopyButton, Group, Modal, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { personalTokenCreateInput, type PersonalAccess } from '@server/modules/tokens/tokens.schema';
import { roles, type Role } from '@server/modules/users/users.schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../components/ui/confirm-modal';
import { FormActions } from '../../components/ui/form-actions';
import { EmptyState } from '../../components/ui/page-states';
import { useCreatePersonalToken, useRevokeToken, type CreatedToken, type PersonalToken } from '../../features/tokens/use-tokens-mutations';
import { errorMessage, fieldErrorsOf, validateWith } from '../../lib/api-errors';
import { formatDate, formatDateTime } from '../../lib/dates';
import { useMe } from '../../lib/session';
import { trpc } from '../../lib/trpc';

export const Route = createFileRoute('/_app/profile')({
  loader: ({ context }) => context.queryClient.ensureQueryData(trpc.tokens.mine.queryOptions()),
  component: ProfilePage,
});

function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { data: tokens } = useSuspenseQuery(trpc.tokens.mine.queryOptions());
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<PersonalToken | null>(null);
  const { revoke } = useRevokeToken();

  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <Title order={1} size="h2">
          {t('profile.pageTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {me.name} · {me.email} · {t('profile.role', { role: t(`auth.role.${me.role}`) })}
        </Text>
      </Stack>

      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2} size="h3">
            {t('profile.tokens.title')}
          </Title>
          <Text size="sm" c="dimmed" maw={720}>
            {t('profile.tokens.intro', { name: me.name })}
          </Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          {t('profile.tokens.create')}
        </Button>
      </Group>

      {tokens.length === 0 ? (
        <EmptyState>{t('profile.tokens.empty')}</EmptyState>
      ) : (
        <Card withBorder padding={0}>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" data-testid="my-tokens-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('profile.tokens.name')}</Table.Th>
                  <Table.Th>{t('profile.tokens.prefix')}</Table.Th>
                  <Table.Th>{t('profile.tokens.access')}</Table.Th>
                  <Table.Th>{t('profile.tokens.expires')}</Table.Th>
                  <Table.Th>{t('profile.tokens.lastUsed')}</Table.Th>
                  <Table.Th>{t('profile.tokens.status')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.map((token) => {
                  const expired = token.expiresAt !== null && token.expiresAt < new Date().toISOString();
                  return (
                    <Table.Tr key={token.id} data-testid="my-token-row">
                      <Table.Td fw={500}>{token.name}</Table.Td>
                      <Table.Td>
                        <Code>{token.prefix}…</Code>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{token.scopes.includes('write') ? t('profile.tokens.accessReadWrite') : t('profile.tokens.accessRead')}</Text>
                        <Text size="xs" c="dimmed">
                          {t(`auth.role.${token.role}`)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{token.expiresAt ? formatDate(token.expiresAt.slice(0, 10)) : t('profile.tokens.noExpiry')}</Table.Td>
                      <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('profile.tokens.never')}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={token.revokedAt || expired ? 'gray' : 'teal'} style={{ textTransform: 'none' }}>
                          {token.revokedAt
                            ? t('profile.tokens.revoked', { date: formatDate(token.revokedAt.slice(0, 10)) })
                            : expired
                              ? t('profile.tokens.expired')
                              : t('profile.tokens.active')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {!token.revokedAt && (
                          <Button size="xs" variant="light" color="red" onClick={() => setRevoking(token)} aria-label={`${t('profile.tokens.revoke')}: ${token.name}`}>
                            {t('profile.tokens.revoke')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}

      {creating && (
        <CreateTokenModal
          role={me.role}
          onClose={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setCreated(token);
          }}
        />
      )}

      <ConfirmModal
        opened={revoking !== null}
        title={revoking ? t('profile.tokens.revokeTitle', { name: revoking.name }) : ''}
        confirmLabel={t('profile.tokens.revoke')}
        onConfirm={() => {
          if (revoking) revoke(revoking);
          setRevoking(null);
        }}
        onCancel={() => setRevoking(null)}
      >
        {t('profile.tokens.revokeBody')}
      </ConfirmModal>

      <Modal opened={created !== null} onClose={() => setCreated(null)} title={created ? t('profile.tokens.createdTitle', { name: created.name }) : ''} closeOnClickOutside={false} size="lg">
        {created && <RevealedToken token={created.token} onDone={() => setCreated(null)} />}
      </Modal>
    </Stack>
  );
}

function RevealedToken({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation();
  const example = `curl ${window.location.origin}/api/v1/me \\\n  -H "Authorization: Bearer ${token}"`;
  return (
    <Stack gap="sm">
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
        {t('profile.tokens.shownOnce')}
      </Alert>
      <Group wrap="nowrap" gap="xs">
        <TextInput readOnly value={token} style={{ flex: 1 }} ff="monospace" aria-label={t('profile.tokens.prefix')} data-testid="revealed-token" onFocus={(e) => e.currentTarget.select()} />
        <CopyButton value={token}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy}>
              {copied ? t('profile.tokens.copied') : t('profile.tokens.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm">{t('profile.tokens.usage')}</Text>
      <Code block fz="xs">
        {example}
      </Code>
      <Text size="xs" c="dimmed">
        {t('profile.tokens.docs')}
      </Text>
      <Group justify="flex-end">
        <Button onClick={onDone}>{t('profile.tokens.done')}</Button>
      </Group>
    </Stack>
  );
}

interface TokenFormValues {
  name: string;
  access: PersonalAccess;
  role: Role;
  expiresOn: string;
}

function CreateTokenModal({ role, onClose, onCreated }: { role: Role; onClose: () => void; onCreated: (token: CreatedToken) => void }) {
  const { t } = useTranslation();
  // The roles a token may take: the person's own or viewer's; an admin's, any (tokens.rules: mayActAs).
  const allowed = role === 'admin' ? [...roles] : [...new Set<Role>([role, 'viewer'])];
  const form = useForm<TokenFormValues>({
    initialValues: { name: '', access: 'read', role, expiresOn: '' },
    validate: (values) => validateWith(personalTokenCreateInput, toInput(values), t),
  });
  const create = useCreatePersonalToken(onCreated);
  const submit = form.onSubmit((values) =>
    create.mutate(toInput(values), {
      onError: (error) => {
        form.setErrors(fieldErrorsOf(error));
        notifications.show({ color: 'red', message: errorMessage(error, t) });
      },
    }),
  );
  return (
    <Modal opened onClose={onClose} title={t('profile.tokens.create')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('profile.tokens.name')} placeholder={t('profile.tokens.namePlaceholder')} required data-autofocus {...form.getInputProps('name')} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('profile.tokens.access')}
            </Text>
            <SegmentedControl
              data={[
                { value: 'read', label: t('profile.tokens.accessRead') },
                { value: 'read-write', label: t('profile.tokens.accessReadWrite') },
              ]}
              {...form.getInputProps('access')}
            />
          </Stack>
          {allowed.length > 1 && (
            <Select
              label={t('profile.tokens.role')}
              description={t('profile.tokens.roleHelp')}
              allowDeselect={false}
              data={allowed.map((r) => ({ value: r, label: t(`auth.role.${r}`) }))}
              {...form.getInputProps('role')}
            />
          )}
          <TextInput type="date" label={t('profile.tokens.expiresOn')} description={t('profile.tokens.expiresHelp')} {...form.getInputProps('expiresOn')} />
          <FormActions onCancel={onClose} saving={create.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

const toInput = (values: TokenFormValues) => ({ name: values.name, access: values.access, role: values.role, expiresOn: values.expiresOn || null });
