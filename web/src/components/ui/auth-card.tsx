import { Center, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ColorSchemeToggle } from './color-scheme-toggle';
import { LanguageSwitch } from './language-switch';

/** The centred card of the sign-in, first-run and set-password pages. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center mih="100dvh" p="md">
      <Stack w="100%" maw={420} gap="md">
        <Stack gap={4} align="center">
          <Title order={1} size="h3">
            Aionis GTM console
          </Title>
        </Stack>
        <Paper withBorder p="lg" radius="md" shadow="xs" component="main">
          <Title order={2} size="h4" mb="md">
            {title}
          </Title>
          {children}
        </Paper>
        <Stack align="center">
          <div style={{ display: 'flex', gap: 8 }}>
            <LanguageSwitch />
            <ColorSchemeToggle />
          </div>
        </Stack>
      </Stack>
    </Center>
  );
}
