import { Button } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

// The import form (text area, preview, date picker) is fetched when the modal first opens, so the plans
// page does not carry it (decision 015). The Markdown parser runs on the server, never in the browser.
const PlanDocumentForm = lazy(() => import('./plan-document-form'));

export function PlanDocumentModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return opened ? (
    <Suspense fallback={null}>
      <PlanDocumentForm onClose={onClose} />
    </Suspense>
  ) : null;
}

/** "From a document": its words come with the `planDocument` namespace, fetched on first render. */
export function FromDocumentButton({ onClick }: { onClick: () => void }) {
  return (
    <Suspense fallback={null}>
      <FromDocumentLabel onClick={onClick} />
    </Suspense>
  );
}

function FromDocumentLabel({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation('planDocument');
  return (
    <Button variant="default" leftSection={<IconFileText size={16} />} onClick={onClick}>
      {t('fromDocument')}
    </Button>
  );
}
