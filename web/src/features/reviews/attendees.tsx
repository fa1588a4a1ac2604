import { Button, Card, Group, MultiSelect, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc, trpcClient } from '../../lib/trpc';
import type { ReviewView } from './review-kinds';
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
    <Card withBorder padding="md" component="section" aria-labelledby="attendees-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="attendees-title">
          {t('reviews.attendees.title')}
        </Title>
        {canEdit && !editing && (
          <Button size="compact-sm" variant="subtle" leftSection={<IconPencil size={14} />} onClick={start} className="no-print">
            {t('reviews.attendees.edit')}
          </Button>
        )}
      </Group>
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
        <form
          className="no-print"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(editing, { onSuccess: () => setEditing(null) });
          }}
        >
          <Stack gap="xs">
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
            <Group justify="flex-end" gap="xs">
              <Button variant="default" size="xs" onClick={() => setEditing(null)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" size="xs" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}
