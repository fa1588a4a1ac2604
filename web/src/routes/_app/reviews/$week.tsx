import { Alert, Badge, Breadcrumbs, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute, notFound } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { can } from '@server/modules/users/rights';
import { AnchorLink } from '../../../components/ui/links';
import { EmptyState } from '../../../components/ui/page-states';
import { EvidencePanel } from '../../../features/evidence/evidence-panel';
import { ActionItemsPanel } from '../../../features/reviews/action-items-panel';
import { Agenda } from '../../../features/reviews/agenda';
import { Attendees } from '../../../features/reviews/attendees';
import { DecisionsPanel } from '../../../features/reviews/decisions-panel';
import { PhaseStates } from '../../../features/reviews/phase-states';
import { OpenThisWeekButton } from '../../../features/reviews/open-this-week-button';
import { ReviewActions } from '../../../features/reviews/review-actions';
import { statusColor } from '../../../features/reviews/review-kinds';
import { formatDate, formatDateTime, localToday } from '../../../lib/dates';
import { useMe } from '../../../lib/session';
import { trpc } from '../../../lib/trpc';
import { mondayOf } from '../../../lib/weeks';

// The params check runs with the first page's bundle, so it stays this small (decision 015).
const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

export const Route = createFileRoute('/_app/reviews/$week')({
  loader: ({ context, params }) => {
    if (!isIsoDate(params.week)) throw notFound();
    return context.queryClient.ensureQueryData(context.trpc.reviews.byWeek.queryOptions({ weekStart: params.week }));
  },
  component: ReviewPage,
});

function ReviewPage() {
  const { t } = useTranslation();
  const { week } = Route.useParams();
  const me = useMe();
  const { data: review } = useSuspenseQuery(trpc.reviews.byWeek.queryOptions({ weekStart: week }));

  const crumbs = (
    <Breadcrumbs className="no-print">
      <AnchorLink to="/reviews" size="sm">
        {t('reviews.backToList')}
      </AnchorLink>
      <Text size="sm">{t('reviews.weekOf', { date: formatDate(week) })}</Text>
    </Breadcrumbs>
  );
  if (!review) {
    return (
      <Stack gap="lg">
        {crumbs}
        <EmptyState action={week === mondayOf(localToday()) ? <OpenThisWeekButton /> : undefined}>{t('reviews.notOpened', { date: formatDate(week) })}</EmptyState>
      </Stack>
    );
  }

  const closed = review.status === 'CLOSED';
  const canEdit = !closed && can(me.role, 'writeReviews');

  return (
    <Stack gap="lg" className="review-page">
      {crumbs}
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <div>
          <Group gap="xs">
            <Title order={1} size="h2">
              {t('reviews.pageTitle')} · {t('reviews.weekOf', { date: formatDate(review.weekStart) })}
            </Title>
            <Badge variant="light" color={statusColor[review.status]} style={{ textTransform: 'none' }} data-testid="review-status">
              {t(`reviews.status.${review.status}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t('reviews.window', { from: formatDateTime(review.window.from), to: formatDateTime(review.window.to) })}
          </Text>
          <Group gap="md" className="no-print">
            {review.previousWeek && (
              <AnchorLink to="/reviews/$week" params={{ week: review.previousWeek }} size="sm">
                ← {t('reviews.previous')}
              </AnchorLink>
            )}
            {review.nextWeek && (
              <AnchorLink to="/reviews/$week" params={{ week: review.nextWeek }} size="sm">
                {t('reviews.next')} →
              </AnchorLink>
            )}
          </Group>
        </div>
        <ReviewActions review={review} canClose={can(me.role, 'closeReviews')} />
      </Group>

      {closed && (
        <Alert color="gray" icon={<IconLock size={18} />} data-testid="closed-banner">
          {t('reviews.closedBanner', { date: formatDateTime(review.closedAt), name: review.closedByName ?? '' })}
        </Alert>
      )}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Agenda review={review} canEdit={canEdit} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <Attendees review={review} canEdit={canEdit} />
            <DecisionsPanel review={review} canEdit={canEdit} />
            <ActionItemsPanel review={review} canEdit={canEdit} />
            <PhaseStates review={review} />
            <div className="no-print">
              <EvidencePanel targetType="review" targetId={review.id} canEdit={canEdit} title={t('reviews.evidence')} />
            </div>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
