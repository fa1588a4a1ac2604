import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { createFileRoute, redirect, useNavigate } from '@tanstack/react-router';
import { firstAdminInput } from '@server/modules/users/users.schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuthCard } from '../components/ui/auth-card';
import { errorMessage, fieldErrorsOf, validateWith } from '../lib/api-errors';
import { authClient } from '../lib/auth-client';
import { trpcClient } from '../lib/trpc';

// First run only: once a user exists, this page sends everyone to sign in.
export const Route = createFileRoute('/setup')({
  beforeLoad: async ({ context }) => {
    const { needsFirstAdmin } = await context.queryClient.fetchQuery(context.trpc.users.setupState.queryOptions());
    if (!needsFirstAdmin) throw redirect({ to: '/login' });
  },
  component: SetupPage,
});

function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { name: '', email: '', password: '' },
    validate: (values) => validateWith(firstAdminInput, values, t),
  });
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    try {
      await trpcClient.users.createFirstAdmin.mutate(values);
      await authClient.signIn.email({ email: values.email.trim(), password: values.password });
      queryClient.clear();
      await navigate({ to: '/' });
    } catch (error) {
      form.setErrors(fieldErrorsOf(error));
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    } finally {
      setBusy(false);
    }
  });
  return (
    <AuthCard title={t('auth.setup.title')}>
      <Text size="sm" mb="md">
        {t('auth.setup.intro')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('auth.setup.name')} required data-autofocus {...form.getInputProps('name')} />
          <TextInput label={t('auth.signIn.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
          <PasswordInput
            label={t('auth.signIn.password')}
            description={t('auth.passwordHint')}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={busy} fullWidth mt="xs">
            {t('auth.setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
