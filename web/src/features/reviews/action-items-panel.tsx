import { Badge, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../lib/api-errors';
import { formatDate } from '../../lib/dates';
import { trpc, trpcClient } from '../../lib/trpc';
import { actionColor, type ReviewView } from './review-kinds';
import { PanelAction, PanelForm, ReviewPanel } from './review-panel';
import { TargetLink, TargetPicker, type Target } from './target-picker';
import { useReviewWrite } from './use-review-write';

type Item = ReviewView['actionItems'][number] | ReviewView['carriedOver'][number];
const statuses = ['OPEN', 'DONE', 'DROPPED'] as const;

function ItemRow({ item, review, canEdit, carried }: { item: Item; review: ReviewView; canEdit: boolean; carried: boolean }) {
  const { t } = useTranslation();
  const setStatus = useReviewWrite((status: (typeof statuses)[number]) =>
    trpcClient.reviews.setActionItemStatus.mutate({ id: item.id, version: 'version' in item ? item.version : 1, status, reviewId: review.id }),
  );
  const target = 'target' in item ? item.target : null;
  return (
    <Group justify="space-between" wrap="wrap" align="flex-start" gap="xs" data-testid="action-item">
      <div style={{ minWidth: 0, flex: '1 1 160px' }}>
        <Text size="sm" fw={500} td={item.status === 'DROPPED' ? 'line-through' : undefined}>
          {item.title}
        </Text>
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            {[item.ownerName, item.dueDate ? t('reviews.item.due', { date: formatDate(item.dueDate) }) : '', carried && 'reviewWeek' in item ? t('reviews.actions.fromReview', { week: formatDate(item.reviewWeek) }) : '']
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {item.overdue && (
            <Badge size="xs" color="red" variant="light" style={{ textTransform: 'none' }}>
              {t('reviews.item.overdue')}
            </Badge>
          )}
          <TargetLink targetType={item.targetType} targetId={item.targetId} target={target} />
        </Group>
      </div>
      {canEdit && 'version' in item ? (
        <Select
          size="xs"
          w={130}
          aria-label={t('reviews.actions.statusLabel', { title: item.title })}
          data={statuses.map((s) => ({ value: s, label: t(`reviews.actions.status.${s}`) }))}
          value={item.status}
          allowDeselect={false}
          disabled={setStatus.isPending}
          onChange={(v) => v && v !== item.status && setStatus.mutate(v as (typeof statuses)[number])}
        />
      ) : (
        <Badge variant="light" color={actionColor[item.status]} style={{ textTransform: 'none', flexShrink: 0 }}>
          {t(`reviews.actions.status.${item.status}`)}
        </Badge>
      )}
    </Group>
  );
}

/** This review's action items (add, change status) and, on a draft, the open ones carried over. */
export function ActionItemsPanel({ review, canEdit }: { review: ReviewView; canEdit: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [dueDate, setDueDate] = useState('');
  const [target, setTarget] = useState<Target>({ targetType: null, targetId: null });
  const people = useQuery({ ...trpc.reviews.people.queryOptions(), enabled: adding });
  const add = useReviewWrite(
    () => trpcClient.reviews.addActionItem.mutate({ reviewId: review.id, title, ownerId: ownerId ?? '', dueDate: dueDate || null, ...target }),
    t('reviews.actions.saved'),
  );
  const errors = fieldErrorsOf(add.error);

  return (
    <ReviewPanel
      titleId="actions-title"
      title={t('reviews.actions.title')}
      testId="action-items"
      aside={
        canEdit &&
        !adding && (
          <PanelAction kind="add" onClick={() => setAdding(true)}>
            {t('reviews.actions.add')}
          </PanelAction>
        )
      }
    >
      <Stack gap="xs">
        {review.actionItems.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('reviews.actions.none')}
          </Text>
        )}
        {review.actionItems.map((item) => (
          <ItemRow key={item.id} item={item} review={review} canEdit={canEdit} carried={false} />
        ))}
      </Stack>
      {adding && (
        <PanelForm
          mt="sm"
          saving={add.isPending}
          onCancel={() => setAdding(false)}
          onSubmit={() =>
            add.mutate(undefined, {
              onSuccess: () => {
                setAdding(false);
                setTitle('');
                setDueDate('');
                setTarget({ targetType: null, targetId: null });
              },
            })
          }
        >
          <TextInput label={t('reviews.actions.fieldTitle')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} data-autofocus />
          <Group grow gap="xs" align="flex-start">
            <Select
              label={t('reviews.actions.owner')}
              required
              searchable
              data={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={ownerId}
              onChange={setOwnerId}
              error={errors.ownerId}
            />
            <TextInput type="date" label={t('reviews.actions.due')} value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)} error={errors.dueDate} />
          </Group>
          <TargetPicker label={t('reviews.actions.concerns')} value={target} onChange={setTarget} />
        </PanelForm>
      )}
      {review.status === 'DRAFT' && (
        <>
          <Title order={3} size="h5" mt="md" mb="xs">
            {t('reviews.actions.carriedTitle')}
          </Title>
          <Stack gap="xs" data-testid="carried-over" id="carried-over">
            {review.carriedOver.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('reviews.actions.noneCarried')}
              </Text>
            )}
            {review.carriedOver.map((item) => (
              <ItemRow key={item.id} item={item} review={review} canEdit={canEdit} carried />
            ))}
          </Stack>
        </>
      )}
    </ReviewPanel>
  );
}
