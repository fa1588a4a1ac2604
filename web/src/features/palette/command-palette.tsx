import '@mantine/spotlight/styles.css';
import { Badge, Group, Kbd, useMantineColorScheme } from '@mantine/core';
import { createSpotlight, Spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useRouterState, type NavigateOptions } from '@tanstack/react-router';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../lib/i18n';
import { can } from '@server/modules/users/rights';
import { useMe } from '../../lib/session';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import type { CommandPaletteProps } from './keyboard-layer';
import { createHere, createSelector, firstVisible, focusPageSearch, searchSelector, thisMonday } from './shortcuts';

type Hit = RouterOutputs['search']['find'][number];

interface Command {
  id: string;
  label: string;
  /** Other words it answers to, in both languages, so "plan" finds 计划 and back. */
  keywords?: string;
  hotkey?: string[];
  run: () => void;
}

const matches = (c: Command, q: string) => !q || `${c.label} ${c.keywords ?? ''}`.toLowerCase().includes(q.toLowerCase());

/** Ctrl+K / ⌘K: go to any page, find any record by name (search.find), or run a command for this page. */
export default function CommandPalette({ opened, onClose, onHelp }: CommandPaletteProps) {
  const { t } = useTranslation('palette');
  const { t: tApp } = useTranslation();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const me = useMe();
  const { toggleColorScheme } = useMantineColorScheme();
  const [store, spotlight] = useMemo(() => createSpotlight(), []);
  const [query, setQuery] = useState('');
  // The search waits for a pause in typing. (Not @mantine/hooks: the vendor chunk takes every hook any
  // chunk uses, and this one would land in the first route.)
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query.trim()), 150);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    if (opened) spotlight.open();
    else spotlight.close();
  }, [opened, spotlight]);

  const found = useQuery({
    ...trpc.search.find.queryOptions({ q: debounced, limit: 20 }),
    enabled: opened && debounced.length > 0,
    placeholderData: keepPreviousData,
  });

  const go = (to: NavigateOptions) => () => void navigate(to);
  const thisWeek = thisMonday();
  const pages: Command[] = [
    { id: 'home', label: tApp('app.nav.home'), keywords: 'home 首页', hotkey: ['g', 'h'], run: go({ to: '/' }) },
    { id: 'plan', label: tApp('app.nav.plan'), keywords: 'plan 计划', hotkey: ['g', 'p'], run: go({ to: '/plan' }) },
    ...(['A', 'B', 'C'] as const).map((key) => ({ id: `phase-${key}`, label: tApp('app.nav.phase', { key }), keywords: `phase ${key} 阶段`, run: go({ to: '/phases/$key', params: { key } }) })),
    { id: 'plans', label: tApp('app.nav.plans'), keywords: 'plans 计划', run: go({ to: '/plans' }) },
    { id: 'board', label: t('pages.board'), keywords: 'partners board 合作伙伴 看板', hotkey: ['g', 'b'], run: go({ to: '/partners' }) },
    { id: 'table', label: t('pages.table'), keywords: 'partners table 合作伙伴', run: go({ to: '/partners', search: { view: 'table' } as never }) },
    { id: 'funnel', label: t('pages.funnel'), keywords: 'funnel 漏斗', run: go({ to: '/partners/funnel' }) },
    { id: 'review', label: t('pages.review'), keywords: 'review week 评审 本周', hotkey: ['g', 'r'], run: go({ to: '/reviews/$week', params: { week: thisWeek } }) },
    { id: 'reviews', label: t('pages.reviews'), keywords: 'reviews 评审', run: go({ to: '/reviews' }) },
    { id: 'metrics', label: t('pages.metrics'), keywords: 'metrics kpi 指标', run: go({ to: '/metrics' }) },
    { id: 'claims', label: t('pages.claims'), keywords: 'claims 声明', run: go({ to: '/claims' }) },
    { id: 'evidence', label: t('pages.evidence'), keywords: 'evidence 证据', run: go({ to: '/evidence' }) },
    ...(can(me.role, 'readAudit') ? [{ id: 'audit', label: t('pages.audit'), keywords: 'audit history 审计', run: go({ to: '/audit' }) }] : []),
    ...(can(me.role, 'manageUsers') ? [{ id: 'users', label: t('pages.users'), keywords: 'users 用户', run: go({ to: '/admin/users' }) }] : []),
    ...(can(me.role, 'manageTokens') ? [{ id: 'tokens', label: t('pages.tokens'), keywords: 'tokens api 令牌', run: go({ to: '/admin/tokens' }) }] : []),
  ];

  // What this page offers: its create control (named by its own text), its search field.
  const onPage: Command[] = [];
  const create = opened ? firstVisible(createSelector) : null;
  if (create) {
    const named = create.getAttribute('aria-label') || create.textContent?.trim() || '';
    const isPlan = pathname === '/plan' || pathname.startsWith('/phases/');
    const isPartner = /^\/partners\/[^/]+$/.test(pathname) && pathname !== '/partners/funnel' && pathname !== '/partners/import';
    const label = isPlan ? t('actions.addDeliverable') : isPartner ? t('actions.logActivity') : t('actions.create', { label: named });
    onPage.push({ id: 'create', label, keywords: `create new add log ${named} 新建 添加 记录`, hotkey: ['c'], run: () => setTimeout(createHere, 0) });
  }
  if (opened && firstVisible(searchSelector)) onPage.push({ id: 'search-page', label: t('actions.focusSearch'), keywords: 'search filter 搜索', hotkey: ['/'], run: () => setTimeout(focusPageSearch, 0) });

  // The other language (the label names it in its own words: "中文" / "English").
  const other = i18n.resolvedLanguage === 'zh-CN' ? 'en' : 'zh-CN';
  const general: Command[] = [
    { id: 'open-review', label: t('actions.openReview'), keywords: 'review week 评审', run: go({ to: '/reviews/$week', params: { week: thisWeek } }) },
    { id: 'language', label: t('actions.switchLanguage'), keywords: 'language english chinese 语言 中文 英文', run: () => void i18n.changeLanguage(other) },
    { id: 'dark', label: t('actions.toggleDark'), keywords: 'dark light theme 深色 主题', run: toggleColorScheme },
    { id: 'help', label: t('actions.help'), keywords: 'keyboard shortcuts help 快捷键 帮助', hotkey: ['?'], run: () => setTimeout(onHelp, 0) },
  ];

  const q = query.trim();
  const group = (label: string, commands: Command[]) => {
    const shown = commands.filter((c) => matches(c, q));
    if (shown.length === 0) return null;
    return (
      <Spotlight.ActionsGroup label={label}>
        {shown.map((c) => (
          <Spotlight.Action key={c.id} label={c.label} onClick={c.run} rightSection={c.hotkey ? <Hotkey keys={c.hotkey} /> : undefined} />
        ))}
      </Spotlight.ActionsGroup>
    );
  };

  const hitLink = (h: Hit): NavigateOptions => {
    switch (h.kind) {
      case 'phase':
      case 'deliverable':
        return { to: '/phases/$key', params: { key: h.phaseKey ?? 'A' } };
      case 'gate':
        return { to: '/gates/$id', params: { id: h.id } };
      case 'partner':
        return { to: '/partners/$id', params: { id: h.id } };
      case 'claim':
        return { to: '/claims/$id', params: { id: h.id } };
      case 'evidence':
        return { to: '/evidence', search: { q: h.title, ...(h.archived && { archived: true }) } as never };
      case 'review':
        return { to: '/reviews/$week', params: { week: h.week ?? thisWeek } };
    }
  };
  const hits = q && debounced === q ? (found.data ?? []) : [];
  const results: ReactNode =
    hits.length > 0 ? (
      <Spotlight.ActionsGroup label={t('groups.results')}>
        {hits.map((h) => (
          <Spotlight.Action
            key={`${h.kind}-${h.id}`}
            label={h.title}
            description={detailOf(h, t as unknown as Label, tApp as unknown as Label)}
            leftSection={
              <Badge size="sm" variant="light" style={{ textTransform: 'none' }} w={96}>
                {t(`kinds.${h.kind}`)}
              </Badge>
            }
            onClick={go(hitLink(h))}
          />
        ))}
      </Spotlight.ActionsGroup>
    ) : null;

  const sections = [group(t('groups.actions'), onPage), results, group(t('groups.pages'), pages), group(t('groups.general'), general)].filter(Boolean);
  return (
    <Spotlight.Root
      store={store}
      query={query}
      onQueryChange={setQuery}
      shortcut={null}
      onSpotlightClose={() => {
        // The next opening starts afresh, not with the text of the command that ran this time.
        setQuery('');
        setDebounced('');
        onClose();
      }}
      scrollable
      maxHeight="60vh"
      title={t('open')}
    >
      <Spotlight.Search placeholder={t('search')} aria-label={t('search')} leftSection={<IconSearch size={18} />} />
      <Spotlight.ActionsList aria-label={t('open')}>
        {sections.length > 0 ? sections : <Spotlight.Empty>{found.isFetching ? t('searching') : t('empty')}</Spotlight.Empty>}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}

function Hotkey({ keys }: { keys: string[] }) {
  return (
    <Group gap={2} wrap="nowrap" aria-hidden>
      {keys.map((k) => (
        <Kbd key={k} size="xs">
          {k}
        </Kbd>
      ))}
    </Group>
  );
}

/** A translation function taken loosely: the keys below are built from the hit's codes. */
type Label = (key: string, options?: Record<string, unknown>) => string;

/** A hit's second line: its phase and status, a partner's stage, a claim's status. */
function detailOf(h: Hit, t: Label, tApp: Label): string {
  const parts: string[] = [];
  if (h.kind === 'deliverable') parts.push(tApp('app.nav.phase', { key: h.phaseKey }), tApp(`status.deliverable.${h.detail}`));
  else if (h.kind === 'gate') parts.push(tApp('app.nav.phase', { key: h.phaseKey }), tApp(`status.gate.${h.detail}`));
  else if (h.kind === 'phase') parts.push(tApp('app.nav.phase', { key: h.phaseKey }));
  else if (h.kind === 'partner') parts.push(tApp(`partners.stage.${h.detail}`));
  else if (h.kind === 'claim') parts.push(tApp(`claims.status.${h.detail}`));
  else if (h.kind === 'evidence') parts.push(tApp(`evidence.kind.${h.detail}`));
  if (h.archived) parts.push(t('archived'));
  return parts.filter(Boolean).join(' · ');
}
