import { Autocomplete, Group, Stack, Text, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../lib/api-errors';
import { useMe } from '../../lib/session';
import { trpc, trpcClient } from '../../lib/trpc';
import type { ReviewView } from './review-kinds';
import { PanelAction, PanelForm, ReviewPanel } from './review-panel';
import { TargetLink, TargetPicker, type Target } from './target-picker';
import { useReviewWrite } from './use-review-write';

/** The review's decisions, and for writers of a draft a form to record one. */
export function DecisionsPanel({ review, canEdit }: { review: ReviewView; canEdit: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState('');
  const [decidedBy, setDecidedBy] = useState(me.name);
  const [target, setTarget] = useState<Target>({ targetType: null, targetId: null });
  const people = useQuery({ ...trpc.reviews.people.queryOptions(), enabled: adding });
  const add = useReviewWrite(
    () => trpcClient.reviews.addDecision.mutate({ reviewId: review.id, text, decidedByName: decidedBy, ...target }),
    t('reviews.decisions.saved'),
  );
  const errors = fieldErrorsOf(add.error);

  return (
    <ReviewPanel
      titleId="decisions-title"
      title={t('reviews.decisions.title')}
      testId="decisions"
      aside={
        canEdit &&
        !adding && (
          <PanelAction kind="add" onClick={() => setAdding(true)}>
            {t('reviews.decisions.add')}
          </PanelAction>
        )
      }
    >
      {review.decisions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reviews.decisions.none')}
        </Text>
      ) : (
        <Stack gap="xs" component="ol" style={{ paddingLeft: 20, margin: 0 }}>
          {review.decisions.map((d) => (
            <li key={d.id}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {d.text}
              </Text>
              <Group gap={6}>
                <Text size="xs" c="dimmed">
                  {t('reviews.decisions.by', { name: d.decidedByName })}
                </Text>
                <TargetLink targetType={d.targetType} targetId={d.targetId} target={d.target} />
              </Group>
            </li>
          ))}
        </Stack>
      )}
      {adding && (
        <PanelForm
          mt="sm"
          saving={add.isPending}
          onCancel={() => setAdding(false)}
          onSubmit={() =>
            add.mutate(undefined, {
              onSuccess: () => {
                setAdding(false);
                setText('');
                setTarget({ targetType: null, targetId: null });
              },
            })
          }
        >
          <Textarea label={t('reviews.decisions.text')} required autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} error={errors.text} data-autofocus />
          <Autocomplete
            label={t('reviews.decisions.decidedBy')}
            required
            data={[...new Set((people.data ?? []).map((p) => p.name))]}
            value={decidedBy}
            onChange={setDecidedBy}
            error={errors.decidedByName}
          />
          <TargetPicker label={t('reviews.decisions.concerns')} value={target} onChange={setTarget} />
        </PanelForm>
      )}
    </ReviewPanel>
  );
}
