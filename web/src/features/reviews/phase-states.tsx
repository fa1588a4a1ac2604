import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import type { ReviewView } from './review-kinds';
import { ReviewPanel } from './review-panel';

const gateColor: Record<string, string> = { PENDING: 'gray', ON_TRACK: 'green', AT_RISK: 'yellow', BLOCKED: 'red', PASSED: 'teal', FAILED: 'red' };

/** Each phase's deliverables and gates: live on a draft, as at closing on a closed review. */
export function PhaseStates({ review }: { review: ReviewView }) {
  const { t } = useTranslation();
  const code = (c: string) => t(`reviews.code.${c}` as 'reviews.code.new', { defaultValue: c });
  return (
    <ReviewPanel
      titleId="phases-title"
      title={t('reviews.phases.title')}
      testId="phase-states"
      aside={
        <Badge variant="light" color={review.status === 'CLOSED' ? 'gray' : 'blue'} style={{ textTransform: 'none' }}>
          {review.status === 'CLOSED' ? t('reviews.phases.frozen') : t('reviews.phases.live')}
        </Badge>
      }
    >
      {review.phases.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('reviews.phases.none')}
        </Text>
      )}
      <Stack gap="sm">
        {review.phases.map((p) => (
          <div key={p.key}>
            <Group gap="xs" wrap="wrap">
              <AnchorLink to="/phases/$key" params={{ key: p.key }} fw={600} size="sm">
                {t('app.nav.phase', { key: p.key })} · {p.name}
              </AnchorLink>
              <Text size="xs" c="dimmed">
                {t('reviews.phases.deliverables', { done: p.deliverablesDone, total: p.deliverablesTotal })}
              </Text>
            </Group>
            {p.gates.length > 0 && (
              <Stack gap={6} mt={4} pl="sm" component="ul" style={{ listStyle: 'none', margin: 0 }}>
                {p.gates.map((g) => (
                  <li key={g.id}>
                    <AnchorLink to="/gates/$id" params={{ id: g.id }} size="sm">
                      {g.title}
                    </AnchorLink>
                    <Group gap={6} wrap="wrap">
                      <Badge size="sm" variant="light" color={gateColor[g.status] ?? 'gray'} style={{ textTransform: 'none' }}>
                        {code(g.status)}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {t('reviews.phases.suggested', { status: code(g.suggested) })} · {t('reviews.phases.criteria', { met: g.criteriaMet, total: g.criteriaTotal })}
                      </Text>
                    </Group>
                  </li>
                ))}
              </Stack>
            )}
          </div>
        ))}
      </Stack>
    </ReviewPanel>
  );
}
