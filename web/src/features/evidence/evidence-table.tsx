import { ActionIcon, Card, Group, Menu, Stack, Table, Text, useMatches } from '@mantine/core';
import { IconArchive, IconArchiveOff, IconDots, IconPencil } from '@tabler/icons-react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import { formatDate } from '../../lib/dates';
import { EvidenceLink, KindBadge, ResultBadge } from './evidence-bits';
import { shortUrl, type EvidenceListItem } from './evidence-kinds';
import { HealthBadge } from './health-badge';

type Target = EvidenceListItem['attachedTo'][number];

/** One record the evidence is attached to, linking to its page where it has one. */
function TargetLink({ target }: { target: Target }) {
  const { t } = useTranslation();
  const label = target.label || t('evidence.deletedTarget');
  const link = (() => {
    const props = { size: 'sm', style: { overflowWrap: 'anywhere' } } as const;
    switch (target.targetType) {
      case 'gate':
        return (
          <AnchorLink to="/gates/$id" params={{ id: target.targetId }} {...props}>
            {label}
          </AnchorLink>
        );
      case 'partner':
        return (
          <AnchorLink to="/partners/$id" params={{ id: target.targetId }} {...props}>
            {label}
          </AnchorLink>
        );
      case 'claim':
        return (
          <AnchorLink to="/claims/$id" params={{ id: target.targetId }} {...props}>
            {label}
          </AnchorLink>
        );
      case 'deliverable':
      case 'criterion':
        // Deliverables and criteria have no page of their own: their phase shows them.
        return target.phaseKey ? (
          <AnchorLink to="/phases/$key" params={{ key: target.phaseKey }} {...props}>
            {label}
          </AnchorLink>
        ) : (
          <Text span size="sm">
            {label}
          </Text>
        );
      default:
        return (
          <Text span size="sm">
            {label}
          </Text>
        );
    }
  })();
  return (
    <Text size="sm" component="li">
      <Text span size="xs" c="dimmed">
        {t(`evidence.target.${target.targetType}`)} ·{' '}
      </Text>
      {link}
    </Text>
  );
}

function AttachedTo({ targets }: { targets: Target[] }) {
  const { t } = useTranslation();
  if (targets.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('evidence.notAttached')}
      </Text>
    );
  }
  return (
    <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {targets.map((target) => (
        <TargetLink key={`${target.targetType}:${target.targetId}`} target={target} />
      ))}
    </Stack>
  );
}

export interface EvidenceTableProps {
  items: EvidenceListItem[];
  /** Show the row actions (writers). */
  canEdit: boolean;
  onEdit: (evidence: EvidenceListItem) => void;
  onArchive: (evidence: EvidenceListItem) => void;
  onRestore: (evidence: EvidenceListItem) => void;
}

function RowActions({ evidence, onEdit, onArchive, onRestore }: Omit<EvidenceTableProps, 'items' | 'canEdit'> & { evidence: EvidenceListItem }) {
  const { t } = useTranslation();
  const archived = evidence.archivedAt !== null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('evidence.rowActions', { title: evidence.title })}>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {archived ? (
          <Menu.Item leftSection={<IconArchiveOff size={14} />} onClick={() => onRestore(evidence)}>
            {t('evidence.restore')}
          </Menu.Item>
        ) : (
          <>
            <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => onEdit(evidence)}>
              {t('common.edit')}
            </Menu.Item>
            <Menu.Item leftSection={<IconArchive size={14} />} color="red" onClick={() => onArchive(evidence)}>
              {t('evidence.archive')}
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

function TitleCell({ e }: { e: EvidenceListItem }) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <div>
        <EvidenceLink title={e.title} url={e.url} />
      </div>
      <Text size="xs" c="dimmed" truncate="end" title={e.url}>
        {shortUrl(e.url)}
      </Text>
      {e.note && (
        <Text size="xs" c="dimmed" lineClamp={2}>
          {e.note}
        </Text>
      )}
    </Stack>
  );
}

/** The evidence library: a table on a laptop, cards on a phone. */
export function EvidenceTable(props: EvidenceTableProps) {
  const asCards = useMatches({ base: true, sm: false }, { getInitialValueInEffect: false });
  return asCards ? <EvidenceCards {...props} /> : <EvidenceRows {...props} />;
}

function EvidenceRows({ items, canEdit, ...actions }: EvidenceTableProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('evidence.fields.title')}</Table.Th>
            <Table.Th>{t('evidence.fields.kind')}</Table.Th>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('evidence.fields.capturedOn')}</Table.Th>
            <Table.Th>{t('evidence.fields.health')}</Table.Th>
            <Table.Th>{t('evidence.fields.attachedTo')}</Table.Th>
            {canEdit && (
              <Table.Th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.id} data-testid="evidence-row" data-health={e.health}>
              <Table.Td maw={360}>
                <TitleCell e={e} />
              </Table.Td>
              <Table.Td miw={200}>
                <Stack gap={4} align="flex-start">
                  <KindBadge kind={e.kind} />
                  <ResultBadge kind={e.kind} result={e.result} />
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(e.capturedOn)}
                </Text>
              </Table.Td>
              <Table.Td maw={220}>
                <HealthBadge evidence={e} withDetail={e.health === 'BROKEN'} stacked />
              </Table.Td>
              <Table.Td maw={280}>
                <AttachedTo targets={e.attachedTo} />
              </Table.Td>
              {canEdit && (
                <Table.Td>
                  <RowActions evidence={e} {...actions} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function EvidenceCards({ items, canEdit, ...actions }: EvidenceTableProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {items.map((e) => (
        <Card key={e.id} withBorder padding="sm" component="li" data-testid="evidence-row" data-health={e.health}>
          <Stack gap={6}>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <TitleCell e={e} />
              {canEdit && <RowActions evidence={e} {...actions} />}
            </Group>
            <Group gap={6} wrap="wrap">
              <KindBadge kind={e.kind} />
              <ResultBadge kind={e.kind} result={e.result} />
              <Text size="xs" c="dimmed">
                {formatDate(e.capturedOn)}
              </Text>
            </Group>
            <HealthBadge evidence={e} withDetail={e.health !== 'UNCHECKED'} />
            {e.attachedTo.length > 0 && (
              <Fragment>
                <Text size="xs" fw={600} c="dimmed">
                  {t('evidence.fields.attachedTo')}
                </Text>
                <AttachedTo targets={e.attachedTo} />
              </Fragment>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
