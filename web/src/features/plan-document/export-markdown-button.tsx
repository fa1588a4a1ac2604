import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api-errors';
import { trpc } from '../../lib/trpc';

/** Downloads the plan as a Markdown document, its labels in the reader's language. */
export function ExportMarkdownButton({ planId }: { planId: string }) {
  // Its words come with the `planDocument` namespace, fetched on first use, not with the first page.
  return (
    <Suspense fallback={null}>
      <ExportButton planId={planId} />
    </Suspense>
  );
}

function ExportButton({ planId }: { planId: string }) {
  const { t: tApp, i18n } = useTranslation();
  const { t } = useTranslation('planDocument');
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
      const { fileName, markdown } = await queryClient.fetchQuery({ ...trpc.plans.exportMarkdown.queryOptions({ id: planId, language }), staleTime: 0 });
      const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
      link.click();
      URL.revokeObjectURL(url);
      notifications.show({ message: t('exported', { file: fileName }) });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error, tApp) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="default" leftSection={<IconDownload size={16} />} loading={busy} onClick={() => void download()}>
      {t('exportMarkdown')}
    </Button>
  );
}
