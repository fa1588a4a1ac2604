import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link, useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorData, errorMessage } from '../../lib/api-errors';

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" mr="sm" />
      <Text c="dimmed">{t('common.loading')}</Text>
    </Center>
  );
}

export function PageError({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  const router = useRouter();
  const { reset: resetQueries } = useQueryErrorResetBoundary();
  useEffect(() => resetQueries(), [resetQueries]);
  if (errorData(error).code === 'NOT_FOUND') return <PageNotFound />;
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={t('errors.pageTitle')} role="alert" my="md">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{errorMessage(error, t)}</Text>
        <Button
          size="xs"
          variant="light"
          color="red"
          onClick={() => {
            reset();
            void router.invalidate();
          }}
        >
          {t('common.retry')}
        </Button>
      </Stack>
    </Alert>
  );
}

export function PageNotFound() {
  const { t } = useTranslation();
  return (
    <Stack align="center" py="xl" gap="xs">
      <Title order={2}>{t('errors.notFoundPage')}</Title>
      <Text c="dimmed">{t('errors.notFoundPageBody')}</Text>
      <Button component={Link} to="/plan" variant="light" mt="sm">
        {t('errors.backHome')}
      </Button>
    </Stack>
  );
}

export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <Stack align="center" gap="xs" py="lg" px="md" style={{ border: '1px dashed var(--mantine-color-default-border)', borderRadius: 8 }}>
      <Text c="dimmed" ta="center" size="sm">
        {children}
      </Text>
      {action}
    </Stack>
  );
}
