import { ActionIcon, Badge, Button, Card, CopyButton, Group, Menu, Modal, Radio, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { roles, userCreateInput, type Role } from '@server/modules/users/users.schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, validateWith } from '../../lib/api-errors';
import { useMe } from '../../lib/session';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { ConfirmModal } from '../../components/ui/confirm-modal';
import { FormActions } from '../../components/ui/form-actions';
import { useCreateUser, useUserMutations } from './use-user-mutations';

type UserRow = RouterOutputs['users']['list'][number];

/** A secret shown once: a one-time password or a set-password link. */
interface Revealed {
  title: string;
  body: string;
  secret: string;
}

/** The admin's list of accounts: roles, sessions, passwords, deactivation, and adding people. */
export function UsersAdmin() {
  const { t } = useTranslation();
  const me = useMe();
  const { data: users } = useSuspenseQuery(trpc.users.list.queryOptions());
  const [adding, setAdding] = useState(false);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [confirm, setConfirm] = useState<{ user: UserRow; kind: 'deactivate' | 'reset' } | null>(null);
  const write = useUserMutations();
  const roleLabel = (role: string) => t(`auth.role.${role as Role}`);

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('users.pageTitle')}
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
          {t('users.add')}
        </Button>
      </Group>
      <Card withBorder padding={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.name')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('users.status')}</Table.Th>
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
                        {u.name} {self && <Text span c="dimmed" size="xs">({t('users.you')})</Text>}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {u.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`${t('users.role')}: ${u.name}`}
                        size="xs"
                        w={150}
                        allowDeselect={false}
                        disabled={self}
                        value={u.role}
                        data={roles.map((r) => ({ value: r, label: roleLabel(r) }))}
                        onChange={(role) => role && write.setRole(u, role as Role)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={u.banned ? 'gray' : 'teal'} style={{ textTransform: 'none' }}>
                        {u.banned ? t('users.inactive') : t('users.active')}
                      </Badge>
                      <Text size="xs" c="dimmed" mt={2}>
                        {t('users.sessions', { count: u.activeSessions })}
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
                          <Menu.Item onClick={() => setConfirm({ user: u, kind: 'reset' })}>{t('users.resetPassword')}</Menu.Item>
                          <Menu.Item
                            disabled={u.activeSessions === 0}
                            onClick={() => write.revokeSessions(u)}
                          >
                            {t('users.revokeSessions')}
                          </Menu.Item>
                          {u.banned ? (
                            <Menu.Item onClick={() => write.reactivate(u)}>
                              {t('users.reactivate')}
                            </Menu.Item>
                          ) : (
                            <Menu.Item color="red" disabled={self} onClick={() => setConfirm({ user: u, kind: 'deactivate' })}>
                              {t('users.deactivate')}
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

      {adding && <AddUserModal onClose={() => setAdding(false)} onCreated={(r) => { setAdding(false); setRevealed(r); }} />}

      <ConfirmModal
        opened={confirm !== null}
        title={confirm ? t(confirm.kind === 'reset' ? 'users.resetTitle' : 'users.deactivateTitle', { name: confirm.user.name }) : ''}
        confirmLabel={confirm ? t(confirm.kind === 'reset' ? 'users.resetPassword' : 'users.deactivate') : ''}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const c = confirm;
          setConfirm(null);
          if (!c) return;
          if (c.kind === 'deactivate') write.deactivate(c.user);
          else
            write.resetPassword(c.user, (oneTimePassword) =>
              setRevealed({
                title: t('users.oneTimeTitle', { name: c.user.name }),
                body: t('users.oneTimeBody', { url: window.location.origin }),
                secret: oneTimePassword,
              }),
            );
        }}
      >
        {confirm ? t(confirm.kind === 'reset' ? 'users.resetBody' : 'users.deactivateBody') : ''}
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
                    {copied ? t('users.copied') : t('users.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Group justify="flex-end">
              <Button onClick={() => setRevealed(null)}>{t('users.done')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function AddUserModal({ onClose, onCreated }: { onClose: () => void; onCreated: (revealed: Revealed) => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const form = useForm({
    initialValues: { name: '', email: '', role: 'viewer' as Role, credential: 'one-time-password' as 'one-time-password' | 'set-password-link' },
    validate: (values) => validateWith(userCreateInput, values, t),
  });
  const submit = form.onSubmit((values) =>
    create.mutate(values, {
      onSuccess: (result) =>
        onCreated(
          result.oneTimePassword
            ? { title: t('users.oneTimeTitle', { name: values.name.trim() }), body: t('users.oneTimeBody', { url: window.location.origin }), secret: result.oneTimePassword }
            : { title: t('users.linkTitle', { name: values.name.trim() }), body: t('users.linkBody'), secret: `${window.location.origin}/set-password?token=${result.setPasswordToken}` },
        ),
      onError: (error) => form.setErrors(fieldErrorsOf(error)),
    }),
  );
  return (
    <Modal opened onClose={onClose} title={t('users.add')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('users.name')} required data-autofocus {...form.getInputProps('name')} />
          <TextInput label={t('users.email')} type="email" required {...form.getInputProps('email')} />
          <Select label={t('users.role')} allowDeselect={false} data={roles.map((r) => ({ value: r, label: t(`auth.role.${r}`) }))} {...form.getInputProps('role')} />
          <Radio.Group label={t('users.credential')} {...form.getInputProps('credential')}>
            <Stack gap={6} mt={6}>
              <Radio value="one-time-password" label={t('users.oneTimePassword')} />
              <Radio value="set-password-link" label={t('users.setPasswordLink')} />
            </Stack>
          </Radio.Group>
          <FormActions onCancel={onClose} saving={create.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
