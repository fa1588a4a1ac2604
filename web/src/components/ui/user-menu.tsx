import { Avatar, Badge, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconKey, IconLogout } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/session';

export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const signOut = async () => {
    const { authClient } = await import('../../lib/auth-client');
    await authClient.signOut();
    queryClient.clear();
    window.location.assign('/login');
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton data-testid="user-menu">
          <Group gap={6} wrap="nowrap">
            <Avatar size="sm" radius="xl" color="indigo" name={me.name} aria-hidden />
            <Text size="sm" truncate maw={140} className="hide-below-md">
              {me.name}
            </Text>
            <span className="visually-hidden">({t(`auth.role.${me.role}`)})</span>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {me.email}
          <Badge ml={6} size="xs" variant="light" style={{ textTransform: 'none' }}>
            {t(`auth.role.${me.role}`)}
          </Badge>
        </Menu.Label>
        <Menu.Item component={Link} to="/profile" leftSection={<IconKey size={14} />} data-testid="profile-link">
          {t('profile.nav')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={14} />} onClick={() => void signOut()}>
          {t('auth.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
