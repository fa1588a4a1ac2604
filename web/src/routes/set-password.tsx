import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { password } from '@server/modules/users/users.schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { z as zMini } from 'zod/mini';
import { AuthCard } from '../components/ui/auth-card';
import { errorMessage, fieldErrorsOf, validateWith } from '../lib/api-errors';
import { trpcClient } from '../lib/trpc';

export const Route = createFileRoute('/set-password')({
  validateSearch: zMini.object({ token: zMini.catch(zMini.string(), '') }),
  component: SetPasswordPage,
});

function SetPasswordPage() {
  const { t } = useTranslation();
  const { token } = Route.useSearch();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ initialValues: { password: '' }, validate: (values) => validateWith(z.object({ password }), values, t) });
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    try {
      const { email } = await trpcClient.users.setPasswordWithToken.mutate({ token, password: values.password });
      notifications.show({ message: t('auth.setPassword.done') });
      await navigate({ to: '/login', search: { email } });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      form.setErrors(fields);
      setProblem(fields.token ? (error as Error).message : errorMessage(error, t));
    } finally {
      setBusy(false);
    }
  });
  return (
    <AuthCard title={t('auth.setPassword.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {problem && (
            <Alert color="red" variant="light" role="alert">
              {problem}
            </Alert>
          )}
          <PasswordInput
            label={t('auth.signIn.password')}
            description={t('auth.passwordHint')}
            autoComplete="new-password"
            required
            data-autofocus
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={busy} fullWidth>
            {t('auth.setPassword.submit')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
