import { Badge, Flex, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/dates';
import { healthColors, type EvidenceView } from './evidence-kinds';

type HealthFields = Pick<EvidenceView, 'health' | 'httpStatus' | 'checkError' | 'checkedAt' | 'finalUrl' | 'url'>;

const icons = { UNCHECKED: IconCircleDashed, HEALTHY: IconCircleCheck, BROKEN: IconAlertTriangle } as const;

/** Statuses the checker counts as healthy although they are not 2xx: the page exists but keeps robots out. */
const guarded = new Set([401, 403, 429]);

/** What the last check found, in a line: "HTTP 404 · checked Mar 3, 2026". */
export function healthDetail(e: HealthFields, t: TFunction): string {
  if (e.health === 'UNCHECKED' || !e.checkedAt) return t('evidence.healthDetail.unchecked');
  const parts: string[] = [];
  if (e.httpStatus !== null) {
    parts.push(t(e.health === 'HEALTHY' && guarded.has(e.httpStatus) ? 'evidence.healthDetail.guarded' : 'evidence.healthDetail.status', { status: e.httpStatus }));
  } else if (e.checkError) {
    parts.push(e.checkError);
  }
  if (e.finalUrl && e.finalUrl !== e.url) parts.push(t('evidence.healthDetail.endsAt', { url: e.finalUrl }));
  parts.push(t('evidence.healthDetail.checked', { date: formatDateTime(e.checkedAt) }));
  return parts.join(' · ');
}

/**
 * The link health of one piece of evidence: Healthy, Broken (red) or Not checked yet. What the check
 * found (HTTP status or error, and when) is in a tooltip, in the text screen readers get, and — with
 * `withDetail`, for phones, where there is no hover — on a line beside the badge.
 */
export function HealthBadge({
  evidence,
  withDetail = false,
  focusable = true,
  stacked = false,
  size = 'sm',
}: {
  evidence: HealthFields;
  withDetail?: boolean;
  /** The detail under the badge rather than beside it (narrow table columns). */
  stacked?: boolean;
  /** Off inside a label or a link, where the badge must not be a tab stop of its own. */
  focusable?: boolean;
  size?: 'xs' | 'sm' | 'md';
}) {
  const { t } = useTranslation();
  const Icon = icons[evidence.health];
  const detail = healthDetail(evidence, t);
  return (
    <Flex gap={stacked ? 2 : 6} direction={stacked ? 'column' : 'row'} align={stacked ? 'flex-start' : 'center'} style={{ minWidth: 0 }}>
      <Tooltip label={detail} multiline maw={320} withArrow events={{ hover: true, focus: true, touch: true }}>
        <Badge
          size={size}
          color={healthColors[evidence.health]}
          variant={evidence.health === 'BROKEN' ? 'filled' : 'light'}
          leftSection={<Icon size={12} aria-hidden />}
          style={{ textTransform: 'none', flexShrink: 0 }}
          // Focusable, so a keyboard reaches the tooltip too.
          tabIndex={focusable ? 0 : undefined}
          data-testid="health-badge"
          data-health={evidence.health}
        >
          {t(`evidence.health.${evidence.health}`)}
          <span className="visually-hidden">: {detail}</span>
        </Badge>
      </Tooltip>
      {withDetail && evidence.health !== 'UNCHECKED' && (
        // Two lines at most: a checker error can be long; the tooltip and screen readers get all of it.
        <Text
          size="xs"
          c={evidence.health === 'BROKEN' ? undefined : 'dimmed'}
          className={evidence.health === 'BROKEN' ? 'text-overdue' : undefined}
          lineClamp={2}
          aria-hidden
          style={{ overflowWrap: 'anywhere' }}
        >
          {detail}
        </Text>
      )}
    </Flex>
  );
}
