import { Alert, Button, Code, PasswordInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createFileRoute, redirect, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { AuthCard } from '../components/ui/auth-card';
import { authClient } from '../lib/auth-client';
import { safeRedirect } from '../lib/safe-redirect';
import { trpc } from '../lib/trpc';

const search = z.object({
  redirect: z.catch(z.optional(z.string()), undefined),
  expired: z.catch(z.optional(z.boolean()), undefined),
  email: z.catch(z.optional(z.string()), undefined),
});

export const Route = createFileRoute('/login')({
  validateSearch: search,
  beforeLoad: async ({ context, search }) => {
    // Already signed in: straight on. No users yet: first-run setup.
    const me = await context.queryClient.fetchQuery(context.trpc.users.me.queryOptions());
    if (me) throw redirect({ to: safeRedirect(search.redirect) });
    const { needsFirstAdmin } = await context.queryClient.fetchQuery(context.trpc.users.setupState.queryOptions());
    if (needsFirstAdmin) throw redirect({ to: '/setup' });
  },
  component: LoginPage,
});

function LoginPage() {
  const { t } = useTranslation();
  const { redirect: target, expired, email } = Route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data: demoAccounts = [] } = useQuery(trpc.users.demoAccounts.queryOptions());
  const form = useForm({ initialValues: { email: email ?? '', password: '' } });

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setError(null);
    const { error: failure } = await authClient.signIn.email({ email: values.email.trim(), password: values.password });
    setBusy(false);
    if (failure) {
      setError(failure.status === 429 ? t('auth.signIn.throttled') : t('auth.signIn.failed'));
      return;
    }
    queryClient.clear();
    await navigate({ to: safeRedirect(target) });
  });

  return (
    <AuthCard title={t('auth.signIn.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {expired && !error && (
            <Alert color="yellow" variant="light">
              {t('auth.signIn.expired')}
            </Alert>
          )}
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label={t('auth.signIn.email')} type="email" autoComplete="username" required data-autofocus {...form.getInputProps('email')} />
          <PasswordInput label={t('auth.signIn.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
          <Button type="submit" loading={busy} fullWidth mt="xs">
            {t('auth.signIn.submit')}
          </Button>
        </Stack>
      </form>
      {demoAccounts.length > 0 && (
        <Stack gap="xs" mt="lg" data-testid="demo-accounts">
          <Text fw={600} size="sm">
            {t('auth.signIn.demoTitle')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('auth.signIn.demoHint')}
          </Text>
          <Table fz="xs" verticalSpacing={4}>
            <Table.Tbody>
              {demoAccounts.map((a) => (
                <Table.Tr key={a.email}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`auth.role.${a.role}`)}</Table.Td>
                  <Table.Td>
                    <Code>{a.email}</Code>
                    <br />
                    <Code>{a.password}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="light" onClick={() => form.setValues({ email: a.email, password: a.password })}>
                      {t('auth.signIn.useAccount')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </AuthCard>
  );
}
