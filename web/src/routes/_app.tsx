import { AppShell, Burger, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAffiliate, IconBell, IconCalendarTime, IconChartLine, IconFileCertificate, IconHistory, IconHome, IconKey, IconListDetails, IconPresentation, IconSpeakerphone, IconStack2, IconUsers } from '@tabler/icons-react';
import { createFileRoute, Outlet, redirect, useRouterState } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ColorSchemeToggle } from '../components/ui/color-scheme-toggle';
import { LanguageSwitch } from '../components/ui/language-switch';
import { LiveIndicator } from '../components/ui/live-indicator';
import { AnchorLink, NavLinkLink } from '../components/ui/links';
import { UserMenu } from '../components/ui/user-menu';
import { NotificationBell } from '../features/notifications/notification-bell';
import { StabilityBanner } from '../features/stability/stability-banner';
import { useLiveUpdates } from '../lib/live';
import { can } from '@server/modules/users/rights';
import { useMe } from '../lib/session';

// Everything under this layout needs a signed-in user; others go to sign in (or first-run setup) and
// come back to where they were going.
export const Route = createFileRoute('/_app')({
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.fetchQuery(context.trpc.users.me.queryOptions());
    if (!me) {
      const { needsFirstAdmin } = await context.queryClient.fetchQuery(context.trpc.users.setupState.queryOptions());
      if (needsFirstAdmin) throw redirect({ to: '/setup' });
      throw redirect({ to: '/login', search: { redirect: location.href } });
    }
  },
  component: AppLayout,
});

const phaseKeys = ['A', 'B', 'C'] as const;

// The command palette's trigger and the keyboard shortcuts, fetched after the page renders (decision 040).
const KeyboardLayer = lazy(() => import('../features/palette/keyboard-layer'));

function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const me = useMe();
  const live = useLiveUpdates();

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header className="no-print">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.openNavigation')} />
            <AnchorLink to="/" fw={700} size="lg" c="inherit" underline="never" style={{ whiteSpace: 'nowrap' }}>
              <span className="hide-below-sm">{t('app.title')}</span>
              <span className="show-below-sm">
                Aionis
              </span>
            </AnchorLink>
          </Group>
          <Group gap={6} wrap="nowrap">
            <LiveIndicator paused={live.paused} />
            <NotificationBell />
            <Suspense fallback={null}>
              <KeyboardLayer />
            </Suspense>
            <LanguageSwitch />
            <ColorSchemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" className="no-print" aria-label="Main">
        <NavLinkLink
          to="/"
          label={t('app.nav.home')}
          leftSection={<IconHome size={18} />}
          active={pathname === '/'}
          onClick={close}
        />
        <NavLinkLink
          to="/plan"
          label={t('app.nav.plan')}
          leftSection={<IconCalendarTime size={18} />}
          active={pathname === '/plan'}
          onClick={close}
        />
        {phaseKeys.map((key) => (
          <NavLinkLink
            key={key}
            to="/phases/$key"
            params={{ key }}
            label={t('app.nav.phase', { key })}
            leftSection={<IconListDetails size={18} />}
            active={pathname === `/phases/${key}`}
            onClick={close}
          />
        ))}
        <NavLinkLink
          to="/plans"
          label={t('app.nav.plans')}
          leftSection={<IconStack2 size={18} />}
          active={pathname === '/plans'}
          onClick={close}
        />
        <NavLinkLink
          to="/partners"
          label={t('app.nav.partners')}
          leftSection={<IconAffiliate size={18} />}
          active={pathname.startsWith('/partners')}
          onClick={close}
        />
        <NavLinkLink
          to="/metrics"
          label={t('app.nav.metrics')}
          leftSection={<IconChartLine size={18} />}
          active={pathname.startsWith('/metrics')}
          onClick={close}
        />
        <NavLinkLink
          to="/reviews"
          label={t('app.nav.reviews')}
          leftSection={<IconPresentation size={18} />}
          active={pathname.startsWith('/reviews')}
          onClick={close}
        />
        <NavLinkLink
          to="/claims"
          label={t('app.nav.claims')}
          leftSection={<IconSpeakerphone size={18} />}
          active={pathname.startsWith('/claims')}
          onClick={close}
        />
        <NavLinkLink
          to="/evidence"
          label={t('app.nav.evidence')}
          leftSection={<IconFileCertificate size={18} />}
          active={pathname.startsWith('/evidence')}
          onClick={close}
        />
        {can(me.role, 'readAudit') && (
          <NavLinkLink
            to="/audit"
            label={t('app.nav.audit')}
            leftSection={<IconHistory size={18} />}
            active={pathname === '/audit'}
            onClick={close}
          />
        )}
        {can(me.role, 'manageUsers') && (
          <NavLinkLink
            to="/admin/users"
            label={t('app.nav.users')}
            leftSection={<IconUsers size={18} />}
            active={pathname === '/admin/users'}
            onClick={close}
          />
        )}
        {can(me.role, 'manageTokens') && (
          <NavLinkLink
            to="/admin/tokens"
            label={t('app.nav.tokens')}
            leftSection={<IconKey size={18} />}
            active={pathname === '/admin/tokens'}
            onClick={close}
          />
        )}
        {can(me.role, 'manageDeliveries') && (
          <NavLinkLink
            to="/admin/deliveries"
            label={t('notifications.deliveriesNav')}
            leftSection={<IconBell size={18} />}
            active={pathname === '/admin/deliveries'}
            onClick={close}
          />
        )}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <StabilityBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
