import { Alert, Box, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { AuditEntityType } from '@server/modules/audit/audit.schema';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/ui/page-states';
import { errorMessage } from '../../lib/api-errors';
import { trpc } from '../../lib/trpc';
import { absoluteTimeOf, describeEvent, relativeTimeOf } from './describe-event';

// The server returns at most this many events for one entity (entityHistory's limit).
const HISTORY_LIMIT = 100;

/** What happened to one deliverable, gate or partner, newest first, in the reader's language. */
export function HistoryPanel({ entityType, entityId }: { entityType: AuditEntityType; entityId: string }) {
  const { t, i18n } = useTranslation();
  // Always fresh when opened: the point is to see the change just made.
  const history = useQuery({ ...trpc.audit.forEntity.queryOptions({ entityType, entityId }), staleTime: 0 });

  if (history.isPending) {
    return (
      <Center py="md" role="status" aria-live="polite">
        <Loader size="sm" mr="sm" />
        <Text c="dimmed" size="sm">
          {t('common.loading')}
        </Text>
      </Center>
    );
  }
  if (history.isError) {
    return (
      <Alert color="red" icon={<IconAlertTriangle />} title={t('audit.historyError')} role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{errorMessage(history.error, t)}</Text>
          <Button size="xs" variant="light" color="red" onClick={() => void history.refetch()}>
            {t('common.retry')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  const { items, phaseKeys } = history.data;
  if (items.length === 0) return <EmptyState>{t('audit.historyEmpty')}</EmptyState>;

  return (
    <Stack gap="xs">
      <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }} data-testid="history-list">
        {items.map((event) => (
          <Box component="li" key={event.id} py={8} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {describeEvent(event, t, phaseKeys)}
              <Text span c="dimmed" size="sm">
                {' · '}
                <time dateTime={event.at} title={absoluteTimeOf(event.at, i18n.language)}>
                  {relativeTimeOf(event.at, i18n.language)}
                </time>
              </Text>
            </Text>
          </Box>
        ))}
      </Box>
      {items.length >= HISTORY_LIMIT && (
        <Text size="xs" c="dimmed">
          {t('audit.historyLimit', { count: HISTORY_LIMIT })}
        </Text>
      )}
    </Stack>
  );
}
