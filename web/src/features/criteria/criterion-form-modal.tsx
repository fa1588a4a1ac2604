import { Alert, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { criterionKinds, criterionSpec, type CriterionKind, type CriterionSpec } from '@server/modules/criteria/criteria.schema';
import { evidenceKinds } from '@server/modules/evidence/evidence.schema';
import { partnerPackages, partnerTracks, pipelineStages } from '@server/modules/partners/partners.schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/ui/form-actions';
import { ConflictAlert, useVersionedEdit } from '../../components/ui/conflict-alert';
import { errorData, errorMessage, fieldErrorsOf } from '../../lib/api-errors';
import { trpc, trpcClient } from '../../lib/trpc';
import type { CriterionView } from './criteria-list';

export type CriterionOwner = { gateId: string } | { deliverableId: string };

/** Every field any kind uses, flat, so switching kind keeps what was typed. */
interface Draft {
  title: string;
  kind: CriterionKind;
  metricKey: string;
  aggregate: 'latest' | 'sum' | 'avg';
  weeks: number;
  op: 'gte' | 'lte';
  value: number;
  stageReached: (typeof pipelineStages)[number];
  track: string;
  package: string;
  min: number;
  evidenceKind: string;
  on: 'deliverable' | 'gate' | 'partner';
  phaseKey: string;
  countBy: 'evidence' | 'items';
  runs: number;
}

const ANY = '';

function draftOf(c: CriterionView | null): Draft {
  const d: Draft = {
    title: c?.title ?? '',
    kind: (c?.kind as CriterionKind | undefined) ?? 'MANUAL',
    metricKey: '',
    aggregate: 'latest',
    weeks: 4,
    op: 'gte',
    value: 1,
    stageReached: 'POC',
    track: ANY,
    package: ANY,
    min: 1,
    evidenceKind: 'DOC',
    on: 'deliverable',
    phaseKey: ANY,
    countBy: 'items',
    runs: 5,
  };
  const spec = c?.spec;
  if (!spec) return d;
  switch (spec.kind) {
    case 'METRIC_THRESHOLD':
      return { ...d, ...spec.config };
    case 'PIPELINE_COUNT':
      return { ...d, stageReached: spec.config.stageReached, track: spec.config.track ?? ANY, package: spec.config.package ?? ANY, min: spec.config.min };
    case 'EVIDENCE_COUNT':
      return { ...d, evidenceKind: spec.config.kind, on: spec.config.on, phaseKey: spec.config.phaseKey ?? ANY, countBy: spec.config.countBy, min: spec.config.min };
    case 'LINK_HEALTH':
      return { ...d, evidenceKind: spec.config.kind ?? ANY };
    case 'GATE_RUN_STREAK':
      return { ...d, runs: spec.config.runs };
    default:
      return d;
  }
}

function specOf(d: Draft): unknown {
  const orNull = (v: string) => (v === ANY ? null : v);
  switch (d.kind) {
    case 'MANUAL':
      return { kind: 'MANUAL', config: {} };
    case 'METRIC_THRESHOLD':
      return { kind: d.kind, config: { metricKey: d.metricKey, aggregate: d.aggregate, weeks: d.weeks, op: d.op, value: d.value } };
    case 'PIPELINE_COUNT':
      return { kind: d.kind, config: { stageReached: d.stageReached, track: orNull(d.track), package: orNull(d.package), min: d.min } };
    case 'EVIDENCE_COUNT':
      return { kind: d.kind, config: { kind: d.evidenceKind, on: d.on, phaseKey: d.on === 'partner' ? null : orNull(d.phaseKey), countBy: d.countBy, min: d.min } };
    case 'LINK_HEALTH':
      return { kind: d.kind, config: { kind: orNull(d.evidenceKind) } };
    case 'GATE_RUN_STREAK':
      return { kind: d.kind, config: { runs: d.runs } };
  }
}

export function CriterionFormModal(props: { owner: CriterionOwner; criterion: CriterionView | null; opened: boolean; onClose: () => void }) {
  return props.opened ? <CriterionForm key={props.criterion?.id ?? 'new'} {...props} /> : null;
}

function CriterionForm({ owner, criterion, onClose }: { owner: CriterionOwner; criterion: CriterionView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(criterion));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const versioned = useVersionedEdit(criterion?.version ?? 0);
  const metrics = useQuery({ ...trpc.metrics.list.queryOptions({ weeks: 1 }), enabled: draft.kind === 'METRIC_THRESHOLD' });
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const err = (field: string) => errors[`spec.config.${field}`] ?? errors[field];

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!draft.title.trim()) local.title = t('validation.required');
    const parsed = criterionSpec.safeParse(specOf(draft));
    if (!parsed.success) for (const issue of parsed.error.issues) local[issue.path.slice(1).join('.')] ??= t('validation.invalid');
    setErrors(local);
    if (Object.keys(local).length || !parsed.success) return;
    setSaving(true);
    setFailure(null);
    try {
      const spec = parsed.data as CriterionSpec;
      if (criterion) await trpcClient.criteria.update.mutate({ id: criterion.id, version: versioned.version, title: draft.title, spec });
      else await trpcClient.criteria.create.mutate({ ...owner, title: draft.title, spec });
      notifications.show({ message: t('gates.criteria.saved') });
      await queryClient.invalidateQueries();
      onClose();
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      // A stale version shows in the conflict alert, with the current value.
      if (!versioned.caught(error) && errorData(error).code !== 'BAD_REQUEST') setFailure(errorMessage(error, t));
      if (errorData(error).code === 'CONFLICT') await queryClient.invalidateQueries();
    } finally {
      setSaving(false);
    }
  };

  const any = { value: ANY, label: t('gates.criteria.form.any') };
  return (
    <Modal opened onClose={onClose} title={t(criterion ? 'gates.criteria.edit' : 'gates.criteria.add')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ConflictAlert
            conflict={versioned.conflict}
            fields={[
              { key: 'title', label: t('gates.criteria.form.title') },
              { key: 'kind', label: t('gates.criteria.form.kind'), format: (v) => t(`gates.criteria.kind.${v as CriterionKind}`) },
            ]}
          />
          <TextInput
            label={t('gates.criteria.form.title')}
            description={t('gates.criteria.form.titleHint')}
            required
            data-autofocus
            value={draft.title}
            onChange={(e) => set('title')(e.currentTarget.value)}
            error={errors.title}
          />
          <Select
            label={t('gates.criteria.form.kind')}
            allowDeselect={false}
            data={criterionKinds.map((k) => ({ value: k, label: t(`gates.criteria.kind.${k}`) }))}
            value={draft.kind}
            onChange={(v) => v && set('kind')(v as CriterionKind)}
          />
          {draft.kind === 'METRIC_THRESHOLD' && (
            <>
              <Select
                label={t('gates.criteria.form.metric')}
                required
                searchable
                data={(metrics.data?.metrics ?? []).map((m) => ({ value: m.key, label: `${m.name} (${m.key})` }))}
                value={draft.metricKey || null}
                onChange={(v) => set('metricKey')(v ?? '')}
                error={err('metricKey')}
              />
              <Group grow align="flex-start">
                <Select
                  label={t('gates.criteria.form.aggregate')}
                  allowDeselect={false}
                  data={(['latest', 'sum', 'avg'] as const).map((a) => ({ value: a, label: t(`gates.criteria.aggregate.${a}`, { weeks: draft.weeks }) }))}
                  value={draft.aggregate}
                  onChange={(v) => v && set('aggregate')(v as Draft['aggregate'])}
                />
                {draft.aggregate !== 'latest' && (
                  <NumberInput label={t('gates.criteria.form.weeks')} min={1} max={52} value={draft.weeks} onChange={(v) => set('weeks')(Number(v) || 1)} error={err('weeks')} />
                )}
              </Group>
              <Group grow align="flex-start">
                <Select
                  label={t('gates.criteria.form.op')}
                  allowDeselect={false}
                  data={(['gte', 'lte'] as const).map((o) => ({ value: o, label: t(`gates.criteria.op.${o}`) }))}
                  value={draft.op}
                  onChange={(v) => v && set('op')(v as Draft['op'])}
                />
                <NumberInput label={t('gates.criteria.form.value')} value={draft.value} onChange={(v) => set('value')(Number(v) || 0)} error={err('value')} />
              </Group>
            </>
          )}
          {draft.kind === 'PIPELINE_COUNT' && (
            <>
              <Group grow align="flex-start">
                <Select
                  label={t('gates.criteria.form.stageReached')}
                  allowDeselect={false}
                  data={pipelineStages.map((s) => ({ value: s, label: t(`partners.stage.${s}`) }))}
                  value={draft.stageReached}
                  onChange={(v) => v && set('stageReached')(v as Draft['stageReached'])}
                />
                <NumberInput label={t('gates.criteria.form.min')} min={1} value={draft.min} onChange={(v) => set('min')(Number(v) || 1)} error={err('min')} />
              </Group>
              <Group grow align="flex-start">
                <Select
                  label={t('gates.criteria.form.track')}
                  allowDeselect={false}
                  data={[any, ...partnerTracks.map((s) => ({ value: s, label: t(`partners.track.${s}`) }))]}
                  value={draft.track}
                  onChange={(v) => set('track')(v ?? ANY)}
                />
                <Select
                  label={t('gates.criteria.form.package')}
                  allowDeselect={false}
                  data={[any, ...partnerPackages.map((s) => ({ value: s, label: t(`partners.package.${s}`) }))]}
                  value={draft.package}
                  onChange={(v) => set('package')(v ?? ANY)}
                />
              </Group>
            </>
          )}
          {draft.kind === 'EVIDENCE_COUNT' && (
            <>
              <Group grow align="flex-start">
                <Select
                  label={t('gates.criteria.form.evidenceKind')}
                  allowDeselect={false}
                  data={evidenceKinds.map((k) => ({ value: k, label: t(`gates.evidenceKind.${k}`) }))}
                  value={draft.evidenceKind}
                  onChange={(v) => v && set('evidenceKind')(v)}
                />
                <NumberInput label={t('gates.criteria.form.min')} min={1} value={draft.min} onChange={(v) => set('min')(Number(v) || 1)} error={err('min')} />
              </Group>
              <Group grow align="flex-start">
                <Select
                  label={t('gates.criteria.form.on')}
                  allowDeselect={false}
                  data={(['deliverable', 'gate', 'partner'] as const).map((o) => ({ value: o, label: t(`gates.criteria.on.${o}`) }))}
                  value={draft.on}
                  onChange={(v) => v && set('on')(v as Draft['on'])}
                />
                {draft.on !== 'partner' && (
                  <Select
                    label={t('gates.criteria.form.phase')}
                    allowDeselect={false}
                    data={[{ value: ANY, label: t('gates.criteria.form.anyPhase') }, ...['A', 'B', 'C'].map((k) => ({ value: k, label: k }))]}
                    value={draft.phaseKey}
                    onChange={(v) => set('phaseKey')(v ?? ANY)}
                  />
                )}
                <Select
                  label={t('gates.criteria.form.countBy')}
                  allowDeselect={false}
                  data={(['items', 'evidence'] as const).map((o) => ({ value: o, label: t(`gates.criteria.countBy.${o}`, { kind: t(`gates.evidenceKind.${draft.evidenceKind as 'DOC'}`) }) }))}
                  value={draft.countBy}
                  onChange={(v) => v && set('countBy')(v as Draft['countBy'])}
                />
              </Group>
            </>
          )}
          {draft.kind === 'LINK_HEALTH' && (
            <Select
              label={t('gates.criteria.form.evidenceKind')}
              allowDeselect={false}
              data={[{ value: ANY, label: t('gates.criteria.anyKind') }, ...evidenceKinds.map((k) => ({ value: k, label: t(`gates.evidenceKind.${k}`) }))]}
              value={draft.evidenceKind}
              onChange={(v) => set('evidenceKind')(v ?? ANY)}
            />
          )}
          {draft.kind === 'GATE_RUN_STREAK' && (
            <NumberInput label={t('gates.criteria.form.runs')} min={1} max={100} value={draft.runs} onChange={(v) => set('runs')(Number(v) || 1)} error={err('runs')} />
          )}
          {failure && (
            <Alert color="red" variant="light" role="alert">
              {failure}
            </Alert>
          )}
          <FormActions onCancel={onClose} saving={saving} />
        </Stack>
      </form>
    </Modal>
  );
}
