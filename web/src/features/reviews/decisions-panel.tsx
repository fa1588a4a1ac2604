import { Autocomplete, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../lib/api-errors';
import { useMe } from '../../lib/session';
import { trpc, trpcClient } from '../../lib/trpc';
import type { ReviewView } from './review-kinds';
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
    <Card withBorder padding="md" component="section" aria-labelledby="decisions-title" data-testid="decisions">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="decisions-title">
          {t('reviews.decisions.title')}
        </Title>
        {canEdit && !adding && (
          <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)} className="no-print">
            {t('reviews.decisions.add')}
          </Button>
        )}
      </Group>
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
        <form
          className="no-print"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate(undefined, {
              onSuccess: () => {
                setAdding(false);
                setText('');
                setTarget({ targetType: null, targetId: null });
              },
            });
          }}
        >
          <Stack gap="xs" mt="sm">
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
            <Group justify="flex-end" gap="xs">
              <Button variant="default" size="xs" onClick={() => setAdding(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" size="xs" loading={add.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}
