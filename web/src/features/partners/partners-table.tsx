import { Badge, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import { formatDate } from '../../lib/dates';
import type { PartnerSortKey } from '@server/modules/partners/partners.schema';
import { formatMoney, stageColors, type Stage } from './partner-kinds';
import type { PartnerCard } from './use-partner-mutations';

/** The table's sort keys: the server sorts (and pages), the CSV export uses the same order. */
// Spelled out rather than imported, so the route's search params do not pull zod in (decision 015).
export const sortKeys = ['company', 'stage', 'owner', 'value', 'nextStepDue', 'updated'] as const satisfies readonly PartnerSortKey[];
export type SortKey = PartnerSortKey;

export function PartnersTable({ cards, sort, dir, onSort }: { cards: PartnerCard[]; sort: SortKey; dir: 'asc' | 'desc'; onSort: (key: SortKey) => void }) {
  const { t, i18n } = useTranslation();
  const header = (key: SortKey, label: string) => {
    const Icon = sort !== key ? IconSelector : dir === 'asc' ? IconChevronUp : IconChevronDown;
    return (
      <Table.Th aria-sort={sort === key ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <UnstyledButton onClick={() => onSort(key)} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, fontWeight: 600 }}>
          {label} <Icon size={14} />
        </UnstyledButton>
      </Table.Th>
    );
  };
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            {header('company', t('partners.fields.company'))}
            {header('stage', t('partners.fields.stage'))}
            <Table.Th>{t('partners.fields.track')}</Table.Th>
            {header('owner', t('partners.fields.owner'))}
            {header('value', t('partners.fields.expectedValue'))}
            {header('nextStepDue', t('partners.fields.nextStep'))}
            {header('updated', t('partners.fields.updated'))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cards.map((c) => (
            <Table.Tr key={c.id} data-testid="partner-row">
              <Table.Td>
                <AnchorLink to="/partners/$id" params={{ id: c.id }} size="sm" fw={500}>
                  {c.company}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <Badge color={stageColors[c.stage as Stage]} variant="light" style={{ textTransform: 'none' }}>
                  {t(`partners.stage.${c.stage as Stage}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{t(`partners.track.${c.track as 'HOSTED'}`)}</Table.Td>
              <Table.Td>{c.ownerName}</Table.Td>
              <Table.Td>{formatMoney(c.expectedValue, c.currency, i18n.language)}</Table.Td>
              <Table.Td>
                <Text size="sm" className={c.nextStepOverdue ? 'text-overdue' : undefined}>
                  {c.nextStep}
                  {c.nextStepDue ? ` · ${formatDate(c.nextStepDue)}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>{formatDate(c.updatedAt.slice(0, 10))}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
