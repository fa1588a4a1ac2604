import { ActionIcon, Kbd, Modal, Table, Text } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { Fragment, lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createHere, focusPageSearch, isTyping, moveThroughItems, shortcutList, thisMonday } from './shortcuts';

// The palette (Mantine Spotlight and the search) is fetched on the first Ctrl+K / ⌘K or click, not before.
const CommandPalette = lazy(() => import('./command-palette'));

export interface CommandPaletteProps {
  opened: boolean;
  onClose: () => void;
  onHelp: () => void;
}

/**
 * The keyboard layer of the signed-in console: the palette's trigger in the header, the global shortcuts
 * and the `?` help sheet. Loaded after the first page renders (it is not in the first route's JavaScript).
 */
export default function KeyboardLayer() {
  const { t } = useTranslation('palette');
  const navigate = useNavigate();
  const [palette, setPalette] = useState({ opened: false, loaded: false });
  const [help, setHelp] = useState(false);

  const openPalette = useCallback(() => setPalette({ opened: true, loaded: true }), []);
  const closePalette = useCallback(() => setPalette((p) => ({ ...p, opened: false })), []);

  useEffect(() => {
    let pendingG = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPalette((p) => ({ opened: !p.opened, loaded: true }));
        return;
      }
      if (e.metaKey || e.ctrlKey || e.altKey || e.defaultPrevented || e.repeat || isTyping(e.target)) return;
      // A dialog (the palette, a form, this help) owns the keyboard while it is open.
      if (document.querySelector('[role="dialog"]')) return;
      if (pendingG) {
        pendingG = false;
        clearTimeout(timer);
        const to = { h: '/', p: '/plan', b: '/partners', r: 'review' }[e.key];
        if (!to) return;
        e.preventDefault();
        if (to === 'review') void navigate({ to: '/reviews/$week', params: { week: thisMonday() } });
        else void navigate({ to });
        return;
      }
      const done = () => e.preventDefault();
      switch (e.key) {
        case 'g':
          pendingG = true;
          timer = setTimeout(() => (pendingG = false), 1500);
          return done();
        case '?':
          setHelp(true);
          return done();
        case '/':
          if (focusPageSearch()) done();
          return;
        case 'c':
          if (createHere()) done();
          return;
        case 'j':
          moveThroughItems(1);
          return done();
        case 'k':
          moveThroughItems(-1);
          return done();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      clearTimeout(timer);
    };
  }, [navigate]);

  return (
    <>
      <ActionIcon variant="default" size="lg" aria-label={t('openHint')} title={t('openHint')} aria-keyshortcuts="Control+K Meta+K" onClick={openPalette}>
        <IconSearch size={18} />
      </ActionIcon>
      {palette.loaded && (
        <Suspense fallback={null}>
          <CommandPalette opened={palette.opened} onClose={closePalette} onHelp={() => setHelp(true)} />
        </Suspense>
      )}
      <Modal opened={help} onClose={() => setHelp(false)} title={t('help.title')} closeButtonProps={{ 'aria-label': t('help.close') }}>
        <Text size="sm" c="dimmed" mb="sm">
          {t('help.intro')}
        </Text>
        <Table>
          <Table.Tbody>
            {shortcutList.map((s) => (
              <Table.Tr key={s.help}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {s.keys.map((k, i) => (
                    <Fragment key={k}>
                      {i > 0 && <Text span size="xs" c="dimmed">{'sequence' in s ? ` ${t('help.then')} ` : 'combo' in s ? ' + ' : ' / '}</Text>}
                      <Kbd>{k}</Kbd>
                    </Fragment>
                  ))}
                </Table.Td>
                <Table.Td>{t(`help.${s.help}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Modal>
    </>
  );
}
