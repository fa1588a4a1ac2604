import { ActionIcon, Badge, Button, Card, CopyButton, Group, Menu, Modal, Radio, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, redirect } from '@tanstack/react-router';
import { roles, userCreateInput, type Role } from '@server/modules/users/users.schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrorsOf, validateWith } from '../../../lib/api-errors';
import { can } from '@server/modules/users/rights';
import { useMe } from '../../../lib/session';
import { trpc, trpcClient, type RouterOutputs } from '../../../lib/trpc';
import { ConfirmModal } from '../../../components/ui/confirm-modal';
import { FormActions } from '../../../components/ui/form-actions';
import { useAdminAction } from './-components/use-admin-action';

type UserRow = RouterOutputs['users']['list'][number];

export const Route = createFileRoute('/_app/admin/users')({
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.fetchQuery(trpc.users.me.queryOptions());
    if (!can(me?.role, 'manageUsers')) throw redirect({ to: '/' });
  },
  loader: ({ context }) => context.queryClient.ensureQueryData(trpc.users.list.queryOptions()),
  component: UsersPage,
});

/** A secret shown once: a one-time password or a set-password link. */
interface Revealed {
  title: string;
  body: string;
  secret: string;
}

function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { data: users } = useSuspenseQuery(trpc.users.list.queryOptions());
  const [adding, setAdding] = useState(false);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [confirm, setConfirm] = useState<{ user: UserRow; kind: 'deactivate' | 'reset' } | null>(null);
  const { run, refresh } = useAdminAction(trpc.users.pathKey());
  const roleLabel = (role: string) => t(`auth.role.${role as Role}`);

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('auth.users.pageTitle')}
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
          {t('auth.users.add')}
        </Button>
      </Group>
      <Card withBorder padding={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('auth.users.name')}</Table.Th>
                <Table.Th>{t('auth.users.role')}</Table.Th>
                <Table.Th>{t('auth.users.status')}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((u) => {
                const self = u.id === me.id;
                return (
                  <Table.Tr key={u.id} data-testid="user-row">
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {u.name} {self && <Text span c="dimmed" size="xs">({t('auth.users.you')})</Text>}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {u.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`${t('auth.users.role')}: ${u.name}`}
                        size="xs"
                        w={150}
                        allowDeselect={false}
                        disabled={self}
                        value={u.role}
                        data={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
                        onChange={(role) =>
                          role &&
                          void run(() => trpcClient.users.setRole.mutate({ userId: u.id, role: role as Role }), t('auth.users.roleChanged', { name: u.name, role: roleLabel(role) }))
                        }
                      />
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={u.banned ? 'gray' : 'teal'} style={{ textTransform: 'none' }}>
                        {u.banned ? t('auth.users.inactive') : t('auth.users.active')}
                      </Badge>
                      <Text size="xs" c="dimmed" mt={2}>
                        {t('auth.users.sessions', { count: u.activeSessions })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" color="gray" aria-label={`${t('common.actions')}: ${u.name}`}>
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setConfirm({ user: u, kind: 'reset' })}>{t('auth.users.resetPassword')}</Menu.Item>
                          <Menu.Item
                            disabled={u.activeSessions === 0}
                            onClick={() => void run(() => trpcClient.users.revokeSessions.mutate({ userId: u.id }), t('auth.users.revoked', { name: u.name }))}
                          >
                            {t('auth.users.revokeSessions')}
                          </Menu.Item>
                          {u.banned ? (
                            <Menu.Item onClick={() => void run(() => trpcClient.users.reactivate.mutate({ userId: u.id }), t('auth.users.reactivated', { name: u.name }))}>
                              {t('auth.users.reactivate')}
                            </Menu.Item>
                          ) : (
                            <Menu.Item color="red" disabled={self} onClick={() => setConfirm({ user: u, kind: 'deactivate' })}>
                              {t('auth.users.deactivate')}
                            </Menu.Item>
                          )}
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>

      {adding && <AddUserModal onClose={() => setAdding(false)} onCreated={(r) => { setAdding(false); setRevealed(r); void refresh(); }} />}

      <ConfirmModal
        opened={confirm !== null}
        title={confirm ? t(confirm.kind === 'reset' ? 'auth.users.resetTitle' : 'auth.users.deactivateTitle', { name: confirm.user.name }) : ''}
        confirmLabel={confirm ? t(confirm.kind === 'reset' ? 'auth.users.resetPassword' : 'auth.users.deactivate') : ''}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const c = confirm;
          setConfirm(null);
          if (!c) return;
          if (c.kind === 'deactivate') {
            void run(() => trpcClient.users.deactivate.mutate({ userId: c.user.id }), t('auth.users.deactivated', { name: c.user.name }));
          } else {
            void trpcClient.users.resetPassword
              .mutate({ userId: c.user.id })
              .then(({ oneTimePassword }) =>
                setRevealed({
                  title: t('auth.users.oneTimeTitle', { name: c.user.name }),
                  body: t('auth.users.oneTimeBody', { url: window.location.origin }),
                  secret: oneTimePassword,
                }),
              )
              .catch((error: unknown) => notifications.show({ color: 'red', message: errorMessage(error, t) }))
              .finally(() => void refresh());
          }
        }}
      >
        {confirm ? t(confirm.kind === 'reset' ? 'auth.users.resetBody' : 'auth.users.deactivateBody') : ''}
      </ConfirmModal>

      <Modal opened={revealed !== null} onClose={() => setRevealed(null)} title={revealed?.title ?? ''} closeOnClickOutside={false}>
        {revealed && (
          <Stack gap="sm">
            <Text size="sm">{revealed.body}</Text>
            <Group wrap="nowrap" gap="xs">
              <TextInput readOnly value={revealed.secret} style={{ flex: 1 }} aria-label={revealed.title} data-testid="revealed-secret" />
              <CopyButton value={revealed.secret}>
                {({ copied, copy }) => (
                  <Button variant="light" onClick={copy}>
                    {copied ? t('auth.users.copied') : t('auth.users.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Group justify="flex-end">
              <Button onClick={() => setRevealed(null)}>{t('auth.users.done')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function AddUserModal({ onClose, onCreated }: { onClose: () => void; onCreated: (revealed: Revealed) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { name: '', email: '', role: 'viewer' as Role, credential: 'one-time-password' as 'one-time-password' | 'set-password-link' },
    validate: (values) => validateWith(userCreateInput, values, t),
  });
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    try {
      const result = await trpcClient.users.create.mutate(values);
      notifications.show({ message: t('auth.users.created', { name: values.name.trim() }) });
      onCreated(
        result.oneTimePassword
          ? { title: t('auth.users.oneTimeTitle', { name: values.name.trim() }), body: t('auth.users.oneTimeBody', { url: window.location.origin }), secret: result.oneTimePassword }
          : { title: t('auth.users.linkTitle', { name: values.name.trim() }), body: t('auth.users.linkBody'), secret: `${window.location.origin}/set-password?token=${result.setPasswordToken}` },
      );
    } catch (error) {
      form.setErrors(fieldErrorsOf(error));
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    } finally {
      setBusy(false);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('auth.users.add')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('auth.users.name')} required data-autofocus {...form.getInputProps('name')} />
          <TextInput label={t('auth.users.email')} type="email" required {...form.getInputProps('email')} />
          <Select label={t('auth.users.role')} allowDeselect={false} data={roles.map((r) => ({ value: r, label: t(`auth.role.${r}`) }))} {...form.getInputProps('role')} />
          <Radio.Group label={t('auth.users.credential')} {...form.getInputProps('credential')}>
            <Stack gap={6} mt={6}>
              <Radio value="one-time-password" label={t('auth.users.oneTimePassword')} />
              <Radio value="set-password-link" label={t('auth.users.setPasswordLink')} />
            </Stack>
          </Radio.Group>
          <FormActions onCancel={onClose} saving={busy} />
        </Stack>
      </form>
    </Modal>
  );
}
