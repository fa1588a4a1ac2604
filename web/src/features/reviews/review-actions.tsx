import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconDownload, IconLock, IconPrinter } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api-errors';
import { formatDate } from '../../lib/dates';
import { trpc, trpcClient } from '../../lib/trpc';
import type { ReviewView } from './review-kinds';
import { useReviewWrite } from './use-review-write';

/** Export (Markdown download or copy), print, and — for leadership on a draft — close. */
export function ReviewActions({ review, canClose }: { review: ReviewView; canClose: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const close = useReviewWrite(() => trpcClient.reviews.close.mutate({ id: review.id, version: review.version }), t('reviews.close.done'));

  const markdown = async () => queryClient.fetchQuery({ ...trpc.reviews.exportMarkdown.queryOptions({ weekStart: review.weekStart }), staleTime: 0 });
  const download = async () => {
    try {
      const { filename, markdown: text } = await markdown();
      const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
      const a = Object.assign(document.createElement('a'), { href: url, download: filename });
      a.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    }
  };
  const copy = async () => {
    try {
      const { markdown: text } = await markdown();
      await navigator.clipboard.writeText(text);
      notifications.show({ message: t('reviews.export.copied') });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    }
  };

  return (
    <Group gap="xs" className="no-print" wrap="wrap">
      <Button variant="default" size="xs" leftSection={<IconDownload size={14} />} onClick={() => void download()}>
        {t('reviews.export.markdown')}
      </Button>
      <Button variant="default" size="xs" leftSection={<IconCopy size={14} />} onClick={() => void copy()}>
        {t('reviews.export.copy')}
      </Button>
      <Button variant="default" size="xs" leftSection={<IconPrinter size={14} />} onClick={() => window.print()}>
        {t('reviews.export.print')}
      </Button>
      {canClose && review.status === 'DRAFT' && (
        <Button color="red" size="xs" leftSection={<IconLock size={14} />} onClick={() => setConfirming(true)}>
          {t('reviews.close.button')}
        </Button>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('reviews.close.title', { week: formatDate(review.weekStart) })}>
        <Stack gap="md">
          <Text size="sm">{t('reviews.close.body')}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={close.isPending} onClick={() => close.mutate(undefined, { onSettled: () => setConfirming(false) })}>
              {t('reviews.close.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
