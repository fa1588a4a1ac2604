// The evidence vocabularies (from the shared schema) in display order, with an icon and a colour per
// kind and per link health, and the shapes the evidence views read.
import {
  IconBox,
  IconFileText,
  IconHeartHandshake,
  IconRocket,
  IconReportAnalytics,
  IconRoute,
  IconWorldWww,
  type Icon,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { evidenceKinds, evidenceResults, evidenceTargetTypes, linkHealths } from '@server/modules/evidence/evidence.enums';
import type {
  EvidenceKind,
  EvidenceResult,
  EvidenceTarget,
  EvidenceTargetType,
  LinkHealth,
} from '@server/modules/evidence/evidence.schema';
import type { RouterOutputs } from '../../lib/trpc';

export { evidenceKinds, evidenceResults, evidenceTargetTypes, linkHealths, type EvidenceKind, type EvidenceResult, type EvidenceTarget, type EvidenceTargetType, type LinkHealth };

/** A row of the evidence library, with the records it is attached to. */
export type EvidenceListItem = RouterOutputs['evidence']['list']['items'][number];
/** Evidence as attached to one record, with who attached it and when. */
export type AttachedEvidence = RouterOutputs['evidence']['forTarget'][number];
/** What every view of evidence has: enough to show it, edit it and judge its link. */
export type EvidenceView = RouterOutputs['evidence']['byId'];

export const kindIcons: Record<EvidenceKind, Icon> = {
  RELEASE_EVIDENCE: IconRocket,
  GATE_RUN: IconRoute,
  ARTIFACT: IconBox,
  REPORT: IconReportAnalytics,
  CUSTOMER_EVIDENCE: IconHeartHandshake,
  DOC: IconFileText,
  WEB_PAGE: IconWorldWww,
};

export const kindColors: Record<EvidenceKind, string> = {
  RELEASE_EVIDENCE: 'indigo',
  GATE_RUN: 'cyan',
  ARTIFACT: 'grape',
  REPORT: 'blue',
  CUSTOMER_EVIDENCE: 'orange',
  DOC: 'gray',
  WEB_PAGE: 'teal',
};

export const healthColors: Record<LinkHealth, string> = { UNCHECKED: 'gray', HEALTHY: 'teal', BROKEN: 'red' };
export const resultColors: Record<EvidenceResult, string> = { PASSED: 'teal', FAILED: 'red' };

export const kindLabel = (kind: EvidenceKind, t: TFunction) => t(`evidence.kind.${kind}`);
export const kindOptions = (t: TFunction) => evidenceKinds.map((k) => ({ value: k, label: kindLabel(k, t) }));

/** The address without its scheme, for a compact second line under a title. */
export function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}
