import { lazy, Suspense } from 'react';

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
