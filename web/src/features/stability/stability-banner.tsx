import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import { trpc } from '../../lib/trpc';

/**
 * The stability-first rule made visible: while any gate of the current plan is blocked, every page
 * says which, and that publishing claims is held. Nothing shows while all is clear (or still loading).
 */
export function StabilityBanner() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data } = useQuery({ ...trpc.stability.state.queryOptions(), refetchInterval: 60_000 });

  // Any write may have blocked or unblocked a gate (a status change, a decision): look again after it.
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'success') {
          void queryClient.invalidateQueries({ queryKey: trpc.stability.state.queryKey() });
        }
      }),
    [queryClient],
  );

  if (!data?.held) return null;
  const count = data.blocked.length;
  return (
    <Alert
      role="status"
      aria-live="polite"
      color="red"
      variant="light"
      icon={<IconAlertTriangle />}
      title={t('claims.banner.title', { count })}
      mb="md"
      data-testid="stability-banner"
    >
      <Text size="sm">{t('claims.banner.body')}</Text>
      <List size="sm" mt={4} spacing={2}>
        {data.blocked.map((gate) => (
          <List.Item key={gate.gateId}>
            <AnchorLink to="/gates/$id" params={{ id: gate.gateId }} size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
              {t('claims.banner.gate', { title: gate.title, key: gate.phaseKey })}
            </AnchorLink>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
