import { Badge, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import { formatDate } from '../../lib/dates';
import { formatMoney, stageColors, stages, type Stage } from './partner-kinds';
import type { PartnerCard } from './use-move-stage';

export const sortKeys = ['company', 'stage', 'owner', 'value', 'nextStepDue', 'updated'] as const;
export type SortKey = (typeof sortKeys)[number];

const stageOrder = new Map(stages.map((s, i) => [s as string, i]));

/** Sorts the cards as the table shows them; the CSV export uses the same order. */
export function sortCards(cards: PartnerCard[], key: SortKey, dir: 'asc' | 'desc'): PartnerCard[] {
  const value = (c: PartnerCard): string | number => {
    switch (key) {
      case 'company':
        return c.company.toLowerCase();
      case 'stage':
        return stageOrder.get(c.stage) ?? 99;
      case 'owner':
        return c.ownerName.toLowerCase();
      case 'value':
        return c.expectedValue ?? -1;
      case 'nextStepDue':
        return c.nextStepDue ?? '9999-12-31';
      case 'updated':
        return c.updatedAt;
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  return [...cards].sort((a, b) => (value(a) < value(b) ? -sign : value(a) > value(b) ? sign : 0));
}

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
