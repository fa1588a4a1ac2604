import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { MantineProvider, localStorageColorSchemeManager, mergeThemeOverrides, Notification } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { dayjsLocale } from './lib/dates';
import { i18nReady } from './lib/i18n';
import { queryClient } from './lib/trpc';
import { router } from './router';
import { theme } from './theme';

// The first page's route chunks are fetched while the session is being checked, not after it: the
// router would ask for them only once the signed-in layout's beforeLoad is done (decision 015).
// A failure here is harmless; the router asks again and reports it.
for (const route of router.getMatchedRoutes(window.location.pathname)[0]) void router.loadRouteChunk(route)?.catch(() => undefined);

const colorSchemeManager = localStorageColorSchemeManager({ key: 'mantine-color-scheme-value' });

function App() {
  const { i18n, t } = useTranslation();
  // Toasts' close buttons are named in the reader's language.
  const localized = useMemo(
    () => mergeThemeOverrides(theme, { components: { Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } }) } }),
    [t],
  );
  return (
    <MantineProvider theme={localized} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
      <DatesProvider settings={{ locale: dayjsLocale(i18n.language), firstDayOfWeek: 1 }}>
        <Notifications position="bottom-right" limit={4} />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}

// A Chinese reader's catalogue is fetched first (it is not in the main bundle); English is already here.
void i18nReady.finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
