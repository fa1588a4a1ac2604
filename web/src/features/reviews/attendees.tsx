import { MultiSelect, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc, trpcClient } from '../../lib/trpc';
import type { ReviewView } from './review-kinds';
import { PanelAction, PanelForm, ReviewPanel } from './review-panel';
import { useReviewWrite } from './use-review-write';

const groups = ['PRODUCT', 'ENGINEERING', 'GTM'] as const;
type AttendeeGroup = (typeof groups)[number];


/** Who attended, by group; writers of a draft pick users per group. */
export function Attendees({ review, canEdit }: { review: ReviewView; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Record<AttendeeGroup, string[]> | null>(null);
  const people = useQuery({ ...trpc.reviews.people.queryOptions(), enabled: editing !== null });
  const save = useReviewWrite(
    (picked: Record<AttendeeGroup, string[]>) =>
      trpcClient.reviews.setAttendees.mutate({
        reviewId: review.id,
        version: review.version,
        attendees: groups.flatMap((group) => picked[group].map((userId) => ({ userId, group }))),
      }),
    t('reviews.attendees.saved'),
  );
  const start = () => setEditing(Object.fromEntries(groups.map((g) => [g, review.attendees.filter((a) => a.group === g).map((a) => a.userId)])) as Record<AttendeeGroup, string[]>);

  return (
    <ReviewPanel
      titleId="attendees-title"
      title={t('reviews.attendees.title')}
      aside={
        canEdit &&
        !editing && (
          <PanelAction kind="edit" onClick={start}>
            {t('reviews.attendees.edit')}
          </PanelAction>
        )
      }
    >
      {!editing &&
        (review.attendees.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('reviews.attendees.none')}
          </Text>
        ) : (
          <Stack gap={2}>
            {groups.map((g) => {
              const names = review.attendees.filter((a) => a.group === g).map((a) => a.name);
              return names.length ? (
                <Text size="sm" key={g}>
                  <Text span fw={600} size="sm">
                    {t(`reviews.group.${g}`)}:
                  </Text>{' '}
                  {names.join(', ')}
                </Text>
              ) : null;
            })}
          </Stack>
        ))}
      {editing && (
        <PanelForm saving={save.isPending} onCancel={() => setEditing(null)} onSubmit={() => save.mutate(editing, { onSuccess: () => setEditing(null) })}>
          {groups.map((g) => {
            const takenElsewhere = new Set(groups.filter((o) => o !== g).flatMap((o) => editing[o]));
            return (
              <MultiSelect
                key={g}
                label={t(`reviews.group.${g}`)}
                searchable
                data={(people.data ?? []).filter((p) => !takenElsewhere.has(p.id)).map((p) => ({ value: p.id, label: p.name }))}
                value={editing[g]}
                onChange={(v) => setEditing({ ...editing, [g]: v })}
              />
            );
          })}
        </PanelForm>
      )}
    </ReviewPanel>
  );
}
