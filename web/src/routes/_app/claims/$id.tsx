import { Alert, Badge, Breadcrumbs, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@server/modules/users/rights';
import { AnchorLink } from '../../../components/ui/links';
import { statusColors, type ClaimDetail } from '../../../features/claims/claim-kinds';
import { ClaimSteps } from '../../../features/claims/claim-steps';
import { EvidencePanel } from '../../../features/evidence/evidence-panel';
import { formatDate } from '../../../lib/dates';
import { useMe } from '../../../lib/session';
import { trpc } from '../../../lib/trpc';
import { HistoryPanel } from '../../../features/audit/history-panel';
import { FollowButton } from '../../../features/notifications/follow-button';

export const Route = createFileRoute('/_app/claims/$id')({
  loader: ({ context, params }) => context.queryClient.ensureQueryData(context.trpc.claims.byId.queryOptions({ id: params.id })),
  component: ClaimPage,
});

function ClaimPage() {
  const { t } = useTranslation();
  const { id } = Route.useParams();
  const navigate = useNavigate();
  const { data: claim } = useSuspenseQuery(trpc.claims.byId.queryOptions({ id }));
  const me = useMe();
  // Evidence is kept up to date on drafts and live claims (a broken link replaced); a retracted or
  // deleted claim's evidence stays as it was.
  const evidenceEditable = can(me.role, 'recordEvidence') && claim.archivedAt === null && claim.status !== 'RETRACTED';

  return (
    <Stack gap="lg">
      <Breadcrumbs separatorMargin={6} styles={{ root: { flexWrap: 'wrap', minWidth: 0 } }}>
        <AnchorLink to="/claims" size="sm">
          {t('claims.pageTitle')}
        </AnchorLink>
        <Text size="sm" lineClamp={1} style={{ minWidth: 0, flex: 1 }}>
          {claim.statement}
        </Text>
      </Breadcrumbs>

      <div>
        <Title order={1} size="h3" style={{ overflowWrap: 'anywhere' }}>
          {claim.statement}
        </Title>
        <Group gap="xs" mt={6}>
          <FollowButton entityType="claim" entityId={claim.id} />
          <Badge color={statusColors[claim.status]} variant="light" style={{ textTransform: 'none' }} data-testid="claim-status">
            {t(`claims.status.${claim.status}`)}
          </Badge>
          <Text size="sm" c="dimmed">
            {t(`claims.channel.${claim.channel}`)} · {t(`claims.layer.${claim.layer}`)}
          </Text>
        </Group>
      </div>

      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="xs">
          {t('claims.actions.title')}
        </Title>
        <ClaimSteps claim={claim} onDeleted={() => void navigate({ to: '/claims' })} />
      </Card>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Card withBorder padding="md">
              <Title order={2} size="h4" mb="xs">
                {t('claims.fields.boundary')}
              </Title>
              {claim.boundary ? (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="claim-boundary">
                  {claim.boundary}
                </Text>
              ) : (
                <Alert color="yellow" variant="light">
                  {t('claims.noBoundary')}
                </Alert>
              )}
            </Card>
            <Card withBorder padding="md">
              {/* Attaching and detaching is the evidence module's; its writes refresh this claim's steps. */}
              <EvidencePanel targetType="claim" targetId={claim.id} canEdit={evidenceEditable} />
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="xs">
              {t('claims.record.title')}
            </Title>
            <ClaimRecord claim={claim} />
          </Card>
          <Card withBorder padding="md" mt="lg">
            <Title order={2} size="h4" mb="xs">
              {t('audit.history')}
            </Title>
            <HistoryPanel entityType="claim" entityId={claim.id} />
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** Who wrote, approved, published or retracted the claim, and when: read from the claim itself. */
function ClaimRecord({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation();
  const lines = [
    t('claims.record.created', { name: claim.createdByName, date: formatDate(claim.createdAt) }),
    claim.approvedByName && claim.approvedAt && t('claims.record.approved', { name: claim.approvedByName, date: formatDate(claim.approvedAt) }),
    claim.publishedAt && t('claims.record.published', { date: formatDate(claim.publishedAt) }),
    claim.overrideReason && t('claims.record.override', { reason: claim.overrideReason }),
    claim.retractedAt && t('claims.record.retracted', { date: formatDate(claim.retractedAt), reason: claim.retractedReason ?? '' }),
    claim.archivedAt && t('claims.record.deleted', { date: formatDate(claim.archivedAt) }),
  ].filter((line): line is string => Boolean(line));
  return (
    <Stack gap={4} data-testid="claim-record">
      {lines.map((line) => (
        <Text key={line} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {line}
        </Text>
      ))}
    </Stack>
  );
}
