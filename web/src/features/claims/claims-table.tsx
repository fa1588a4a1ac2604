import { Badge, Box, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import { formatDate } from '../../lib/dates';
import { statusColors, type ClaimListItem } from './claim-kinds';

function EvidenceSummary({ evidence }: { evidence: ClaimListItem['evidence'] }) {
  const { t } = useTranslation();
  if (evidence.total === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('claims.evidenceSummary.none')}
      </Text>
    );
  }
  return (
    <Text size="sm">
      {t('claims.evidenceSummary.count', { count: evidence.total })}
      {evidence.broken > 0 && (
        <Text span size="sm" className="text-overdue" fw={600}>
          {' · '}
          {t('claims.evidenceSummary.broken', { count: evidence.broken })}
        </Text>
      )}
      {evidence.broken === 0 && evidence.healthy === 0 && (
        <Text span size="sm" c="dimmed">
          {' · '}
          {t('claims.evidenceSummary.unchecked')}
        </Text>
      )}
    </Text>
  );
}

function StatusBadge({ status }: { status: ClaimListItem['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColors[status]} variant="light" style={{ textTransform: 'none', flexShrink: 0 }}>
      {t(`claims.status.${status}`)}
    </Badge>
  );
}

function Boundary({ claim }: { claim: ClaimListItem }) {
  const { t } = useTranslation();
  return claim.boundary ? (
    <Text size="xs" c="dimmed" lineClamp={2}>
      {claim.boundary}
    </Text>
  ) : (
    <Text size="xs" className="text-overdue">
      {t('claims.noBoundary')}
    </Text>
  );
}

/**
 * The register: a table from small tablets up, one card per claim on a phone (a six-column table does
 * not fit 390 pixels), the statement linking to the claim's page in both.
 */
export function ClaimsTable({ claims }: { claims: ClaimListItem[] }) {
  return (
    <>
      <Box visibleFrom="sm">
        <ClaimRows claims={claims} />
      </Box>
      <Stack hiddenFrom="sm" gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {claims.map((c) => (
          <ClaimCard key={c.id} claim={c} />
        ))}
      </Stack>
    </>
  );
}

function ClaimCard({ claim: c }: { claim: ClaimListItem }) {
  const { t } = useTranslation();
  return (
    <Card component="li" withBorder padding="sm" data-testid="claim-card">
      <AnchorLink to="/claims/$id" params={{ id: c.id }} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
        {c.statement}
      </AnchorLink>
      <Boundary claim={c} />
      <Group gap="xs" mt={6} wrap="wrap">
        <StatusBadge status={c.status} />
        <Text size="xs" c="dimmed">
          {t(`claims.channel.${c.channel}`)} · {t(`claims.layer.${c.layer}`)} · {formatDate(c.updatedAt)}
        </Text>
      </Group>
      <Group gap={4} mt={4}>
        <Text size="xs" fw={500}>
          {t('claims.fields.evidence')}:
        </Text>
        <EvidenceSummary evidence={c.evidence} />
      </Group>
    </Card>
  );
}

function ClaimRows({ claims }: { claims: ClaimListItem[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('claims.fields.statement')}</Table.Th>
            <Table.Th>{t('claims.fields.status')}</Table.Th>
            <Table.Th>{t('claims.fields.channel')}</Table.Th>
            <Table.Th>{t('claims.fields.layer')}</Table.Th>
            <Table.Th>{t('claims.fields.evidence')}</Table.Th>
            <Table.Th>{t('claims.fields.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {claims.map((c) => (
            <Table.Tr key={c.id} data-testid="claim-row">
              <Table.Td maw={420}>
                <AnchorLink to="/claims/$id" params={{ id: c.id }} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {c.statement}
                </AnchorLink>
                <Boundary claim={c} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={c.status} />
              </Table.Td>
              <Table.Td>{t(`claims.channel.${c.channel}`)}</Table.Td>
              <Table.Td>{t(`claims.layer.${c.layer}`)}</Table.Td>
              <Table.Td>
                <EvidenceSummary evidence={c.evidence} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(c.updatedAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
