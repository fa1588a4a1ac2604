import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import { formatDate } from '../../lib/dates';
import { trpc } from '../../lib/trpc';

const SHOWN = 6;

/**
 * Open action items from the weekly reviews (they carry over until closed), overdue first, for the
 * leadership home. Self-contained: it loads its own data.
 */
export function OpenActionItemsCard() {
  const { t } = useTranslation();
  const { data } = useQuery(trpc.reviews.openActionItems.queryOptions());
  const items = data?.items ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="open-action-items-title" data-testid="open-action-items">
      <Group justify="space-between" mb={4} wrap="wrap">
        <Title order={2} size="h4" id="open-action-items-title">
          {t('reviews.home.title')}
        </Title>
        <AnchorLink to="/reviews" size="sm">
          {t('reviews.home.viewReview')}
        </AnchorLink>
      </Group>
      {data && (
        <Text size="xs" c="dimmed" mb="xs">
          {data.lastReviewWeek ? t('reviews.home.fromLast', { week: formatDate(data.lastReviewWeek) }) : t('reviews.home.noReview')}
        </Text>
      )}
      {data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('reviews.home.none')}
        </Text>
      )}
      <Stack gap={6}>
        {items.slice(0, SHOWN).map((a) => (
          <Group key={a.id} justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
            <div style={{ minWidth: 0 }}>
              <AnchorLink to="/reviews/$week" params={{ week: a.reviewWeek }} size="sm" fw={500}>
                {a.title}
              </AnchorLink>
              <Text size="xs" c="dimmed">
                {[a.ownerName, a.dueDate ? t('reviews.item.due', { date: formatDate(a.dueDate) }) : ''].filter(Boolean).join(' · ')}
              </Text>
            </div>
            {a.overdue && (
              <Badge size="sm" color="red" variant="light" style={{ textTransform: 'none', flexShrink: 0 }}>
                {t('reviews.item.overdue')}
              </Badge>
            )}
          </Group>
        ))}
        {items.length > SHOWN && (
          <Text size="xs" c="dimmed">
            {t('reviews.home.more', { count: items.length - SHOWN })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
