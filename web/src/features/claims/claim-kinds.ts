// The claims vocabularies (from the shared schema) in display order, their colours, and the reasons a
// step is not possible yet in the reader's language.
import type { TFunction } from 'i18next';
import { claimChannels as channels, claimLayers as layers, claimStatuses as statuses } from '@server/modules/claims/claims.enums';
import type { ClaimStatus } from '@server/modules/claims/claims.schema';
import type { RouterOutputs } from '../../lib/trpc';

export { channels, layers, statuses, type ClaimStatus };

export type ClaimDetail = RouterOutputs['claims']['byId'];
export type ClaimListItem = RouterOutputs['claims']['list']['items'][number];
export type ClaimStep = ClaimDetail['actions']['publish'];
export type ClaimBlocker = ClaimStep['blockers'][number];

export const statusColors: Record<ClaimStatus, string> = {
  DRAFT: 'gray',
  APPROVED: 'blue',
  PUBLISHED: 'teal',
  RETRACTED: 'red',
};

const quoted = (titles: readonly string[]) => titles.map((title) => `“${title}”`).join(', ');

/** One reason a step cannot be taken yet, as the server's rules gave it. */
export function describeBlocker(blocker: ClaimBlocker, t: TFunction): string {
  switch (blocker.code) {
    case 'noBoundary':
    case 'noEvidence':
    case 'noHealthyEvidence':
    case 'overrideNotAllowed':
      return t(`claims.blocker.${blocker.code}`);
    case 'evidenceBroken':
      return t('claims.blocker.evidenceBroken', { title: blocker.title });
    case 'held':
      return t('claims.blocker.held', { count: blocker.gates.length, gates: quoted(blocker.gates) });
    default:
      // Rights and status are not blockers: the step is simply not offered.
      return '';
  }
}
