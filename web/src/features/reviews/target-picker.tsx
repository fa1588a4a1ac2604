import { Group, Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/ui/links';
import { trpc } from '../../lib/trpc';

export type TargetType = 'gate' | 'deliverable' | 'partner';
export interface Target {
  targetType: TargetType | null;
  targetId: string | null;
}

/** Which record a decision or an action item concerns: a type, then one of its records. */
export function TargetPicker({ value, onChange, label }: { value: Target; onChange: (t: Target) => void; label: string }) {
  const { t } = useTranslation();
  const { data } = useQuery(trpc.reviews.targets.queryOptions());
  const options = value.targetType && data ? { gate: data.gates, deliverable: data.deliverables, partner: data.partners }[value.targetType] : [];
  return (
    <Group grow align="flex-end" gap="xs">
      <Select
        label={label}
        data={[
          { value: 'none', label: t('reviews.target.none') },
          { value: 'gate', label: t('reviews.target.gate') },
          { value: 'deliverable', label: t('reviews.target.deliverable') },
          { value: 'partner', label: t('reviews.target.partner') },
        ]}
        value={value.targetType ?? 'none'}
        onChange={(v) => onChange({ targetType: !v || v === 'none' ? null : (v as TargetType), targetId: null })}
        allowDeselect={false}
      />
      {value.targetType && (
        <Select
          aria-label={t(`reviews.target.${value.targetType}`)}
          placeholder={t(`reviews.target.${value.targetType}`)}
          searchable
          data={options.map((o) => ({ value: o.id, label: o.label }))}
          value={value.targetId}
          onChange={(v) => onChange({ ...value, targetId: v })}
        />
      )}
    </Group>
  );
}

/** A decision's or action item's record, linked. */
export function TargetLink({ targetType, targetId, target }: { targetType: string | null; targetId: string | null; target: { label: string; phaseKey: string | null } | null }) {
  if (!targetType || !targetId || !target) return null;
  if (targetType === 'gate') return <AnchorLink to="/gates/$id" params={{ id: targetId }} size="sm">{target.label}</AnchorLink>;
  if (targetType === 'partner') return <AnchorLink to="/partners/$id" params={{ id: targetId }} size="sm">{target.label}</AnchorLink>;
  if (targetType === 'deliverable' && target.phaseKey) return <AnchorLink to="/phases/$key" params={{ key: target.phaseKey }} size="sm">{target.label}</AnchorLink>;
  return null;
}
