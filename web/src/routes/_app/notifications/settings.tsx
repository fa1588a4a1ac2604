import { Select, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { personalChannels, type NotificationKind } from '@server/modules/notifications/notifications.enums';
import { useTranslation } from 'react-i18next';
import { kindKeys } from '../../../features/notifications/notification-text';
import { useSetMailLanguage, useSetPreference } from '../../../features/notifications/use-notifications-mutations';
import { trpc } from '../../../lib/trpc';

export const Route = createFileRoute('/_app/notifications/settings')({
  loader: ({ context }) =>
    Promise.all([
      context.queryClient.ensureQueryData(trpc.notifications.preferences.queryOptions()),
      context.queryClient.ensureQueryData(trpc.notifications.mailLanguage.queryOptions()),
    ]),
  component: PreferencesPage,
});

function PreferencesPage() {
  const { t } = useTranslation();
  const { data: preferences } = useSuspenseQuery(trpc.notifications.preferences.queryOptions());
  const { data: language } = useSuspenseQuery(trpc.notifications.mailLanguage.queryOptions());
  const setPreference = useSetPreference();
  const setLanguage = useSetMailLanguage();
  const channels = personalChannels.filter((c) => preferences.some((p) => c in p.channels));
  return (
    <Stack gap="lg" maw={760}>
      <div>
        <Title order={1} size="h2">
          {t('notifications.settings')}
        </Title>
        <Text size="sm" c="dimmed" mt={4}>
          {t('notifications.preferencesIntro')}
        </Text>
        {!channels.includes('email') && (
          <Text size="sm" c="dimmed" mt={4} data-testid="email-off">
            {t('notifications.emailOff')}
          </Text>
        )}
      </div>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            {channels.map((c) => (
              <Table.Th key={c}>{t(`notifications.channel.${c}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preferences.map((p) => (
            <Table.Tr key={p.kind}>
              <Table.Td>{t(`notifications.kindName.${kindKeys[p.kind as NotificationKind]}`)}</Table.Td>
              {channels.map((c) => (
                <Table.Td key={c}>
                  <Switch
                    checked={p.channels[c] ?? false}
                    onChange={(e) => setPreference.mutate({ kind: p.kind, channel: c, enabled: e.currentTarget.checked })}
                    aria-label={`${t(`notifications.kindName.${kindKeys[p.kind as NotificationKind]}`)}: ${t(`notifications.channel.${c}`)}`}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {channels.includes('email') && (
        <Select
          label={t('notifications.mailLanguage')}
          data={[
            { value: 'en', label: 'English' },
            { value: 'zh-CN', label: '中文' },
          ]}
          value={language}
          allowDeselect={false}
          onChange={(value) => value && setLanguage.mutate({ language: value === 'zh-CN' ? 'zh-CN' : 'en' })}
          maw={240}
        />
      )}
    </Stack>
  );
}
