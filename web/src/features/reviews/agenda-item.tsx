import { Anchor, Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import { formatDate } from '../../lib/dates';
import type { AgendaItem } from './review-kinds';

/** The record an agenda item is about, as a link to its page. */
function ItemLink({ item }: { item: AgendaItem }) {
  const link = item.link;
  const title = item.title;
  if (!link) return null;
  switch (link.type) {
    case 'gate':
      return (
        <AnchorLink to="/gates/$id" params={{ id: link.id }} fw={600} size="sm">
          {title}
        </AnchorLink>
      );
    case 'deliverable':
      return (
        <AnchorLink to="/phases/$key" params={{ key: link.phaseKey }} fw={600} size="sm">
          {title}
        </AnchorLink>
      );
    case 'partner':
      return (
        <AnchorLink to="/partners/$id" params={{ id: link.id }} fw={600} size="sm">
          {title}
        </AnchorLink>
      );
    case 'evidence':
      return (
        <AnchorLink to="/evidence" search={{ q: link.q }} fw={600} size="sm">
          {title}
        </AnchorLink>
      );
    case 'metric':
      return (
        <AnchorLink to="/metrics" fw={600} size="sm">
          {title}
        </AnchorLink>
      );
    case 'actionItem':
      return (
        <Anchor component="span" fw={600} size="sm" c="inherit">
          {title}
        </Anchor>
      );
  }
}

/** One agenda line: the record, what happened to it, and when / by whom. */
export function AgendaItemLine({ item }: { item: AgendaItem }) {
  const { t } = useTranslation();
  const code = (c: string | null | undefined) => (c ? t(`reviews.code.${c}` as 'reviews.code.new', { defaultValue: c }) : t('reviews.code.new'));
  const date = item.date ? formatDate(item.date) : '';
  let text = '';
  let badge: { label: string; color: string } | null = null;
  switch (item.kind) {
    case 'gateBlocked':
      text = t('reviews.item.gateBlocked', { detail: item.detail ?? '' });
      badge = { label: code('BLOCKED'), color: 'red' };
      break;
    case 'stabilityHold':
      return (
        <Text size="sm" fw={600} className="text-overdue">
          {t('reviews.item.stabilityHold', { count: item.days ?? 0 })}
        </Text>
      );
    case 'gateStatus':
      text = t('reviews.item.gateStatus', { from: code(item.from), to: code(item.to) });
      break;
    case 'gateDecision':
      text = t('reviews.item.gateDecision', { to: code(item.to) });
      break;
    case 'criterionFlip':
      text = t(item.to === 'MET' ? 'reviews.item.criterionMet' : 'reviews.item.criterionUnmet');
      badge = item.to === 'MET' ? { label: '✓', color: 'green' } : { label: '✗', color: 'red' };
      break;
    case 'deliverableDone':
      text = t('reviews.item.deliverableDone');
      break;
    case 'deliverableSlipped':
      text = t('reviews.item.deliverableSlipped', { date, count: item.days ?? 0 });
      break;
    case 'partnerStage':
      text = t('reviews.item.partnerStage', { from: code(item.from), to: code(item.to) });
      break;
    case 'partnerLost':
      text = t('reviews.item.partnerLost', { from: code(item.from) });
      break;
    case 'pocNew':
      text = t('reviews.item.pocNew', { to: code(item.to) });
      break;
    case 'pocStatus':
      text = t('reviews.item.pocStatus', { from: code(item.from), to: code(item.to) });
      break;
    case 'nextStepOverdue':
      text = t('reviews.item.nextStepOverdue', { detail: item.detail ?? '', date });
      break;
    case 'evidenceNew':
      text = t('reviews.item.evidenceNew');
      break;
    case 'evidenceBroken':
      text = t('reviews.item.evidenceBroken');
      badge = { label: item.detail ?? '', color: 'red' };
      break;
    case 'kpi': {
      const unit = item.detail ? ` ${item.detail}` : '';
      text = [
        t('reviews.item.kpi', { value: `${item.value}${unit}`, date }),
        item.from != null ? t('reviews.item.kpiWas', { value: item.from }) : '',
        item.target != null ? t('reviews.item.kpiTarget', { target: `${item.target}${unit}` }) : '',
      ]
        .filter(Boolean)
        .join(' · ');
      badge =
        item.meets == null
          ? { label: t('reviews.item.kpiNoTarget'), color: 'gray' }
          : item.meets
            ? { label: t('reviews.item.kpiMet'), color: 'green' }
            : { label: t('reviews.item.kpiMissed'), color: 'orange' };
      break;
    }
    case 'actionOpen':
      text = [item.by, item.date ? t('reviews.item.due', { date }) : '', item.detail ? t('reviews.item.actionOpen', { week: formatDate(item.detail) }) : '']
        .filter(Boolean)
        .join(' · ');
      if (item.overdue) badge = { label: t('reviews.item.overdue'), color: 'red' };
      break;
    case 'staleGate':
    case 'staleDeliverable':
      text = `${code(item.to)} · ${t('reviews.item.stale', { count: item.days ?? 0 })}`;
      break;
  }
  const showMeta = !['deliverableSlipped', 'nextStepOverdue', 'kpi', 'actionOpen', 'staleGate', 'staleDeliverable'].includes(item.kind);
  const meta = showMeta ? [date, item.by && item.kind !== 'gateBlocked' ? item.by : null].filter(Boolean).join(' · ') : '';
  const reason = ['gateStatus', 'gateDecision', 'partnerLost', 'partnerStage'].includes(item.kind) ? item.detail : null;
  return (
    <div>
      <Group gap={6} wrap="wrap" align="baseline">
        <ItemLink item={item} />
        <Text size="sm" className={item.overdue ? 'text-overdue' : undefined}>
          {text}
        </Text>
        {badge && badge.label && (
          <Badge size="sm" variant="light" color={badge.color} style={{ textTransform: 'none' }}>
            {badge.label}
          </Badge>
        )}
      </Group>
      {(meta || reason) && (
        <Text size="xs" c="dimmed">
          {[meta, reason ? `“${reason}”` : ''].filter(Boolean).join(' · ')}
        </Text>
      )}
    </div>
  );
}
