import { Button, Group, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConflictAlert } from '../../components/ui/conflict-alert';
import { Markdown } from '../../components/ui/markdown';
import { conflictOf } from '../../lib/api-errors';
import { trpcClient } from '../../lib/trpc';
import type { AgendaSectionView, ReviewView } from './review-kinds';
import { useReviewWrite } from './use-review-write';

interface NoteEditorProps {
  reviewId: string;
  section: AgendaSectionView['key'];
  sectionTitle: string;
  note: ReviewView['notes'][number] | undefined;
  canEdit: boolean;
}

/** A section's notes: Markdown shown safely; writers edit with a preview tab. */
export function NoteEditor({ reviewId, section, sectionTitle, note, canEdit }: NoteEditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const save = useReviewWrite(
    (markdown: string) => trpcClient.reviews.saveNote.mutate({ reviewId, section, markdown, version: note?.version ?? null }),
    t('reviews.notes.saved'),
  );
  const text = note?.markdown.trim() ?? '';

  if (draft === null) {
    return (
      <Stack gap={4}>
        {text && (
          <div data-testid={`note-${section}`}>
            <Markdown>{text}</Markdown>
          </div>
        )}
        {canEdit && (
          <Group className="no-print">
            <Button size="compact-sm" variant="subtle" leftSection={<IconPencil size={14} />} onClick={() => setDraft(note?.markdown ?? '')}>
              {text ? t('reviews.notes.edit') : t('reviews.notes.add')}
            </Button>
          </Group>
        )}
      </Stack>
    );
  }

  return (
    <form
      className="no-print"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(draft, { onSuccess: () => setDraft(null) });
      }}
    >
      <Tabs defaultValue="write" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="write">{t('reviews.notes.write')}</Tabs.Tab>
          <Tabs.Tab value="preview">{t('reviews.notes.preview')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="write" pt="xs">
          <Textarea
            aria-label={t('reviews.notes.label', { section: sectionTitle })}
            placeholder={t('reviews.notes.placeholder')}
            autosize
            minRows={3}
            maxRows={16}
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            data-autofocus
          />
        </Tabs.Panel>
        <Tabs.Panel value="preview" pt="xs">
          {draft.trim() ? (
            <Markdown>{draft}</Markdown>
          ) : (
            <Text size="sm" c="dimmed">
              {t('reviews.notes.emptyPreview')}
            </Text>
          )}
        </Tabs.Panel>
      </Tabs>
      {/* The note refetches after a refused save, so saving again writes over the version shown here. */}
      <ConflictAlert conflict={conflictOf(save.error)} fields={[{ key: 'markdown', label: sectionTitle }]} />
      <Group justify="flex-end" gap="xs" mt="xs">
        <Button variant="default" size="xs" onClick={() => setDraft(null)}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" size="xs" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
    </form>
  );
}
