import { ActionIcon, Alert, Badge, Button, Group, Loader, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconPaperclip, IconPencil, IconPlus, IconUnlink } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/ui/page-states';
import { errorMessage } from '../../lib/api-errors';
import { formatDate } from '../../lib/dates';
import { trpc } from '../../lib/trpc';
import { EvidenceLink, KindBadge, ResultBadge } from './evidence-bits';
import { EvidenceFormModal } from './evidence-form-modal';
import type { AttachedEvidence, EvidenceTargetType } from './evidence-kinds';
import { EvidenceSearchSelect } from './evidence-search-select';
import { HealthBadge } from './health-badge';
import { useLinkEvidence, useUnlinkEvidence } from './use-evidence-mutations';

export interface EvidencePanelProps {
  targetType: EvidenceTargetType;
  targetId: string;
  /** Show attach, add, edit and detach (the server decides in the end). */
  canEdit: boolean;
  /** The heading; "Evidence" when absent. */
  title?: string;
  /** The heading's level in the page's outline (2 by default). */
  headingOrder?: 2 | 3 | 4;
}

/**
 * The evidence attached to one record: each link with its kind, capture date, gate-run result and
 * link health, a warning when any is broken, and — for writers — attach existing evidence, add a new
 * link, edit, and detach (with Undo).
 */
export function EvidencePanel({ targetType, targetId, canEdit, title, headingOrder = 2 }: EvidencePanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const target = useMemo(() => ({ targetType, targetId }), [targetType, targetId]);
  // A link is checked in the background right after it is saved: poll briefly while any is unchecked.
  const query = useQuery({
    ...trpc.evidence.forTarget.queryOptions(target),
    refetchInterval: (q) => (q.state.data?.some((e) => e.health === 'UNCHECKED') && q.state.dataUpdateCount < 20 ? 3000 : false),
  });
  const [attaching, setAttaching] = useState(false);
  const [adding, setAdding] = useState(false);
  // The edited evidence stays set while the dialog closes, so its title does not flip mid-animation.
  const [editing, setEditing] = useState<AttachedEvidence | null>(null);
  const [editOpen, setEditOpen] = useState(false);
  const link = useLinkEvidence(target);
  const unlink = useUnlinkEvidence(target);

  const items = query.data ?? [];
  const attachedIds = useMemo(() => new Set((query.data ?? []).map((e) => e.id)), [query.data]);
  const broken = items.filter((e) => e.health === 'BROKEN').length;

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId} data-testid="evidence-panel">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="nowrap">
          <Title order={headingOrder} size="h4" id={headingId}>
            {title ?? t('evidence.panel.title')}
          </Title>
          {items.length > 0 && (
            <Badge size="sm" variant="default" aria-hidden>
              {items.length}
            </Badge>
          )}
        </Group>
        {canEdit && (
          <Group gap="xs">
            <Button
              size="compact-sm"
              variant={attaching ? 'filled' : 'light'}
              leftSection={<IconPaperclip size={14} />}
              aria-expanded={attaching}
              onClick={() => setAttaching((a) => !a)}
            >
              {t('evidence.panel.attachExisting')}
            </Button>
            <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
              {t('evidence.panel.addLink')}
            </Button>
          </Group>
        )}
      </Group>

      {canEdit && attaching && (
        <EvidenceSearchSelect
          label={t('evidence.panel.search')}
          exclude={attachedIds}
          autoFocus
          disabled={link.isPending}
          onPick={(e) => link.mutate(e, { onSuccess: () => setAttaching(false) })}
        />
      )}

      {broken > 0 && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle />} p="xs" data-testid="evidence-broken-warning">
          <Text size="sm">{t('evidence.panel.broken', { count: broken })}</Text>
        </Alert>
      )}

      {query.isPending ? (
        <Group gap="xs" role="status" py="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            {t('common.loading')}
          </Text>
        </Group>
      ) : query.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle />} role="alert" p="xs">
          <Group justify="space-between" gap="xs">
            <Text size="sm">
              {t('evidence.panel.loadError')} {errorMessage(query.error, t)}
            </Text>
            <Button size="compact-sm" variant="light" color="red" onClick={() => void query.refetch()}>
              {t('common.retry')}
            </Button>
          </Group>
        </Alert>
      ) : items.length === 0 ? (
        <EmptyState>{t('evidence.panel.empty')}</EmptyState>
      ) : (
        <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((e, i) => (
            <li
              key={e.id}
              data-testid="evidence-row"
              style={{ padding: '8px 0', borderTop: i === 0 ? undefined : '1px solid var(--mantine-color-default-border)' }}
            >
              <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
                <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                  <div>
                    <EvidenceLink title={e.title} url={e.url} />
                  </div>
                  <Group gap={6} wrap="wrap" align="center">
                    <KindBadge kind={e.kind} />
                    <ResultBadge kind={e.kind} result={e.result} />
                    <HealthBadge evidence={e} withDetail={e.health === 'BROKEN'} />
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t('evidence.fields.capturedOn')} {formatDate(e.capturedOn)} · {t('evidence.panel.linkedBy', { name: e.linkedBy, date: formatDate(e.linkedAt) })}
                  </Text>
                </Stack>
                {canEdit && (
                  <Group gap={2} wrap="nowrap">
                    <Tooltip label={t('common.edit')}>
                      <ActionIcon variant="subtle" color="gray" aria-label={t('evidence.panel.editLabel', { title: e.title })} onClick={() => {
                          setEditing(e);
                          setEditOpen(true);
                        }}>
                        <IconPencil size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('evidence.panel.detach')}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('evidence.panel.detachLabel', { title: e.title })}
                        loading={unlink.pendingId === e.id}
                        onClick={() => unlink.mutate(e)}
                      >
                        <IconUnlink size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                )}
              </Group>
            </li>
          ))}
        </Stack>
      )}

      <EvidenceFormModal opened={adding} onClose={() => setAdding(false)} attachTo={target} />
      <EvidenceFormModal opened={editOpen} onClose={() => setEditOpen(false)} evidence={editing ?? undefined} />
    </Stack>
  );
}
