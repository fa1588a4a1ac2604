// Small pieces every evidence view shows the same way: the title as an external link, the kind, the
// result of a gate run.
import { Anchor, Badge, type AnchorProps } from '@mantine/core';
import { IconCheck, IconExternalLink, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { kindColors, kindIcons, kindLabel, resultColors, type EvidenceKind, type EvidenceResult } from './evidence-kinds';

/** The evidence's title, opening its address in a new tab (without handing that page our window). */
export function EvidenceLink({ title, url, ...props }: { title: string; url: string } & AnchorProps) {
  const { t } = useTranslation();
  return (
    <Anchor href={url} target="_blank" rel="noopener noreferrer" fw={500} size="sm" style={{ overflowWrap: 'anywhere' }} {...props}>
      {title}
      <IconExternalLink size={12} aria-hidden style={{ marginLeft: 4, verticalAlign: 'middle' }} />
      <span className="visually-hidden"> {t('evidence.opensInNewTab')}</span>
    </Anchor>
  );
}

export function KindBadge({ kind }: { kind: EvidenceKind }) {
  const { t } = useTranslation();
  const Icon = kindIcons[kind];
  return (
    <Badge size="sm" variant="light" color={kindColors[kind]} leftSection={<Icon size={12} aria-hidden />} style={{ textTransform: 'none', flexShrink: 0 }}>
      {kindLabel(kind, t)}
    </Badge>
  );
}

/** "Passed" / "Failed" for a gate run; nothing for other kinds. */
export function ResultBadge({ kind, result }: { kind: EvidenceKind; result: EvidenceResult | null }) {
  const { t } = useTranslation();
  if (kind !== 'GATE_RUN' || !result) return null;
  return (
    <Badge
      size="sm"
      variant="light"
      color={resultColors[result]}
      leftSection={result === 'PASSED' ? <IconCheck size={12} aria-hidden /> : <IconX size={12} aria-hidden />}
      style={{ textTransform: 'none', flexShrink: 0 }}
      data-testid="evidence-result"
    >
      {t(`evidence.result.${result}`)}
    </Badge>
  );
}
