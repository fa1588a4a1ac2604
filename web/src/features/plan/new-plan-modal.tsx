import { lazy, Suspense } from 'react';
import type { PlanSummary } from './new-plan-form';

// The form (date pickers, number inputs, validation) is fetched when the modal first opens: the pages
// that offer "new plan" do not need it to render (decision 015).
const NewPlanForm = lazy(() => import('./new-plan-form'));

export function NewPlanModal({ opened, onClose, plans, copyFrom }: { opened: boolean; onClose: () => void; plans: PlanSummary[]; copyFrom?: string | undefined }) {
  return opened ? (
    <Suspense fallback={null}>
      <NewPlanForm onClose={onClose} plans={plans} copyFrom={copyFrom} />
    </Suspense>
  ) : null;
}
