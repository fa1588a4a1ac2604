import type { TFunction } from 'i18next';
import './messages';

interface Shown {
  kind: string;
  params: Record<string, string | boolean | null>;
}

/** Locale keys per kind (a kind's dot would read as a key path). */
export const kindKeys = {
  'actionItem.assigned': 'actionItemAssigned',
  'partner.assigned': 'partnerAssigned',
  'partner.changed': 'partnerChanged',
  'gate.changed': 'gateChanged',
  'evidence.broken': 'evidenceBroken',
  'claim.changed': 'claimChanged',
} as const;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A notification in the reader's language: its stored parameters, with status values translated. */
export function notificationText(n: Shown, t: TFunction): string {
  const p = n.params;
  switch (n.kind) {
    case 'actionItem.assigned':
      return t('notifications.kind.actionItemAssigned', { actorName: str(p.actorName), title: str(p.title) });
    case 'partner.assigned':
      return t('notifications.kind.partnerAssigned', { actorName: str(p.actorName), company: str(p.company) });
    case 'partner.changed':
      return t('notifications.kind.partnerChanged', {
        company: str(p.company),
        from: t(`partners.stage.${str(p.from)}`, { defaultValue: str(p.from) }),
        to: t(`partners.stage.${str(p.to)}`, { defaultValue: str(p.to) }),
      });
    case 'gate.changed': {
      const title = str(p.title);
      if (p.change === 'criterion') return t('notifications.kind.gateChanged.criterion', { title, to: t(p.to === 'met' ? 'notifications.criterion.met' : 'notifications.criterion.unmet') });
      const to = t(`status.gate.${str(p.to)}`, { defaultValue: str(p.to) });
      if (p.change === 'decision') return t('notifications.kind.gateChanged.decision', { title, to, decision: str(p.decision) });
      return t('notifications.kind.gateChanged.status', { title, to });
    }
    case 'evidence.broken':
      return t('notifications.kind.evidenceBroken', { title: str(p.title) });
    case 'claim.changed':
      return t('notifications.kind.claimChanged', { statement: str(p.statement), to: t(`claims.status.${str(p.to)}`, { defaultValue: str(p.to) }) });
    default:
      return n.kind;
  }
}
