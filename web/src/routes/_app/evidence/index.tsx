import { Button, Grid, Group, Modal, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconAlertTriangle, IconPlus, IconRefresh, IconSearch } from '@tabler/icons-react';
import { useSuspenseInfiniteQuery } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod/mini';
import { EmptyState } from '../../../components/ui/page-states';
import { EvidenceFormModal } from '../../../features/evidence/evidence-form-modal';
import { evidenceKinds, kindOptions, linkHealths, type EvidenceListItem } from '../../../features/evidence/evidence-kinds';
import { EvidenceTable } from '../../../features/evidence/evidence-table';
import { useArchiveEvidence, useCheckLinksNow, useRestoreEvidence } from '../../../features/evidence/use-evidence-mutations';
import { can } from '@server/modules/users/rights';
import { useMe } from '../../../lib/session';
import { trpc, type Trpc } from '../../../lib/trpc';

// Filters live in the URL, so a filtered list (say, the broken links) can be shared by link.
const search = z.object({
  q: z.catch(z.optional(z.string()), undefined),
  kind: z.catch(z.optional(z.enum(evidenceKinds)), undefined),
  health: z.catch(z.optional(z.enum(linkHealths)), undefined),
  archived: z.catch(z.optional(z.boolean()), undefined),
});
type Search = z.infer<typeof search>;

const PAGE = 50;

const listInput = (s: Search) => ({
  ...(s.q && { q: s.q }),
  ...(s.kind && { kind: s.kind }),
  ...(s.health && { health: s.health }),
  archived: s.archived ?? false,
  limit: PAGE,
});

const listQuery = (api: Trpc, input: ReturnType<typeof listInput>) =>
  api.evidence.list.infiniteQueryOptions(input, { getNextPageParam: (last) => last.nextCursor ?? undefined });

export const Route = createFileRoute('/_app/evidence/')({
  validateSearch: search,
  loaderDeps: ({ search }) => listInput(search),
  loader: ({ context, deps }) => context.queryClient.ensureInfiniteQueryData(listQuery(context.trpc, deps)),
  component: EvidencePage,
});

function EvidencePage() {
  const { t } = useTranslation();
  const s = Route.useSearch();
  const navigate = useNavigate({ from: Route.fullPath });
  const me = useMe();
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(listQuery(trpc, listInput(s)));
  const [q, setQ] = useState(s.q ?? '');
  const [adding, setAdding] = useState(false);
  // The edited evidence stays set while the dialog closes, so its title does not flip mid-animation.
  const [editing, setEditing] = useState<EvidenceListItem | null>(null);
  const [editOpen, setEditOpen] = useState(false);
  const [confirming, setConfirming] = useState<EvidenceListItem | null>(null);
  const archive = useArchiveEvidence();
  const restore = useRestoreEvidence();

  const setSearch = (patch: Partial<Search>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const debouncedQ = useDebouncedCallback((value: string) => setSearch({ q: value.trim() || undefined }), 300);

  const items = data.pages.flatMap((p) => p.items);
  const { total, brokenTotal } = data.pages[0] ?? { total: 0, brokenTotal: 0 };
  const mayWrite = can(me.role, 'recordEvidence');
  const filtered = Boolean(s.q || s.kind || s.health);

  const checkNow = useCheckLinksNow();

  const clearFilters = () => {
    debouncedQ.cancel();
    setQ('');
    setSearch({ q: undefined, kind: undefined, health: undefined });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {t('evidence.pageTitle')}
          </Title>
          <Text size="sm" c="dimmed" maw={680}>
            {t('evidence.intro')}
          </Text>
        </div>
        <Group gap="xs">
          {mayWrite && !s.archived && (
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={checkNow.isPending}
              disabled={items.length === 0}
              // The links on screen (the server takes at most 500 at a time).
              onClick={() => checkNow.mutate({ ids: items.slice(0, 500).map((e) => e.id) })}
            >
              {t('evidence.checkNow')}
            </Button>
          )}
          {mayWrite && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-shortcut="create">
              {t('evidence.add')}
            </Button>
          )}
        </Group>
      </Group>

      <Grid gap="xs" className="no-print">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('evidence.filters.q')}
            placeholder={t('evidence.filters.qPlaceholder')}
            data-shortcut="search"
            leftSection={<IconSearch size={16} />}
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              debouncedQ(e.currentTarget.value);
            }}
            onKeyDown={(e) => {
              if (e.key !== 'Escape' || !q) return;
              debouncedQ.cancel();
              setQ('');
              setSearch({ q: undefined });
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <Select
            label={t('evidence.filters.kind')}
            placeholder={t('evidence.filters.any')}
            clearable
            value={s.kind ?? null}
            data={kindOptions(t)}
            onChange={(v) => setSearch({ kind: (v ?? undefined) as Search['kind'] })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <Select
            label={t('evidence.filters.health')}
            placeholder={t('evidence.filters.any')}
            clearable
            value={s.health ?? null}
            data={linkHealths.map((h) => ({ value: h, label: t(`evidence.health.${h}`) }))}
            onChange={(v) => setSearch({ health: (v ?? undefined) as Search['health'] })}
          />
        </Grid.Col>
      </Grid>

      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="sm" wrap="wrap">
          {(brokenTotal > 0 || s.health === 'BROKEN') && !s.archived && (
            <Button
              size="compact-sm"
              color="red"
              variant={s.health === 'BROKEN' ? 'filled' : 'light'}
              leftSection={<IconAlertTriangle size={14} />}
              aria-pressed={s.health === 'BROKEN'}
              title={t('evidence.brokenFilterHint')}
              onClick={() => setSearch({ health: s.health === 'BROKEN' ? undefined : 'BROKEN' })}
              data-testid="broken-chip"
            >
              {t('evidence.broken', { count: brokenTotal })}
            </Button>
          )}
          <Switch label={t('evidence.filters.archived')} checked={s.archived ?? false} onChange={(e) => setSearch({ archived: e.currentTarget.checked || undefined })} />
          {filtered && (
            <Button size="compact-sm" variant="subtle" onClick={clearFilters}>
              {t('evidence.filters.clear')}
            </Button>
          )}
        </Group>
        {items.length > 0 && (
          <Text size="sm" c="dimmed" role="status" data-testid="evidence-count">
            {t('evidence.shown', { shown: items.length, total })}
          </Text>
        )}
      </Group>

      {items.length === 0 ? (
        <EmptyState
          action={
            !filtered && !s.archived && mayWrite ? (
              <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
                {t('evidence.add')}
              </Button>
            ) : undefined
          }
        >
          {filtered ? t('evidence.empty') : s.archived ? t('evidence.emptyArchived') : t('evidence.emptyAll')}
        </EmptyState>
      ) : (
        <EvidenceTable
          items={items}
          canEdit={mayWrite}
          onEdit={(e) => {
            setEditing(e);
            setEditOpen(true);
          }}
          onArchive={setConfirming}
          onRestore={(e) => restore.mutate(e)}
        />
      )}

      {hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={isFetchingNextPage} onClick={() => void fetchNextPage()}>
            {t('evidence.loadMore')}
          </Button>
        </Group>
      )}

      <EvidenceFormModal opened={adding} onClose={() => setAdding(false)} />
      <EvidenceFormModal opened={editOpen} onClose={() => setEditOpen(false)} evidence={editing ?? undefined} />
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? t('evidence.confirmArchiveTitle', { title: confirming.title }) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="xs">
          <Text size="sm">{t('evidence.confirmArchiveBody')}</Text>
          {confirming && confirming.attachedTo.length > 0 && (
            <Text size="sm" fw={500}>
              {t('evidence.confirmArchiveAttached', { count: confirming.attachedTo.length })}
            </Text>
          )}
        </Stack>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setConfirming(null)} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={archive.isPending}
            onClick={() => {
              if (confirming) archive.mutate(confirming, { onSettled: () => setConfirming(null) });
            }}
          >
            {t('evidence.archive')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
