import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import type { AgendaSectionView, ReviewView } from './review-kinds';

type More = AgendaSectionView['more'][number];

// Where the whole list of a capped kind lives: the audit trail of the review's window for changes,
// the page that lists the records for states (overdue, slipped, stale, broken).
const auditAction: Partial<Record<More['kind'], string>> = {
  criterionFlip: 'criterion.flip',
  gateStatus: 'gate.status',
  gateDecision: 'gate.status',
  partnerStage: 'partner.stage',
  partnerLost: 'partner.stage',
  pocNew: 'partner.poc.create',
  pocStatus: 'partner.poc.update',
};

function FullListLink({ more, review }: { more: More; review: ReviewView }) {
  const { t } = useTranslation();
  const label = t('reviews.more.seeAll');
  const action = auditAction[more.kind];
  if (action) {
    return (
      <AnchorLink to="/audit" search={{ action, from: review.window.from.slice(0, 10), to: review.window.to.slice(0, 10) }} size="sm" underline="always">
        {label}
      </AnchorLink>
    );
  }
  switch (more.kind) {
    case 'nextStepOverdue':
      return (
        <AnchorLink to="/partners" search={{ view: 'table', sort: 'nextStepDue', dir: 'asc' }} size="sm" underline="always">
          {label}
        </AnchorLink>
      );
    case 'evidenceBroken':
      return (
        <AnchorLink to="/evidence" search={{ health: 'BROKEN' }} size="sm" underline="always">
          {label}
        </AnchorLink>
      );
    case 'evidenceNew':
      return (
        <AnchorLink to="/evidence" size="sm" underline="always">
          {label}
        </AnchorLink>
      );
    case 'kpi':
      return (
        <AnchorLink to="/metrics" size="sm" underline="always">
          {label}
        </AnchorLink>
      );
    case 'actionOpen':
      // The carried-over list below lists every open item; a closed review kept only its own.
      return review.status === 'DRAFT' ? (
        <Anchor href="#carried-over" size="sm" underline="always">
          {label}
        </Anchor>
      ) : null;
    default:
      return (
        <AnchorLink to="/plan" size="sm" underline="always">
          {label}
        </AnchorLink>
      );
  }
}

/** "…and 12 more overdue next steps · See all": what the section's cap left out, and where to find it. */
export function AgendaMoreLine({ more, review }: { more: More; review: ReviewView }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed" data-testid="agenda-more">
      {t('reviews.more.line', { count: more.count, what: t(`reviews.more.kind.${more.kind}`) })} <FullListLink more={more} review={review} />
    </Text>
  );
}
