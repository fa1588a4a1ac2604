import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/ui/page-states';
import { can } from '@server/modules/users/rights';
import { useMe } from '../../lib/session';
import type { PlanSummary } from './new-plan-form';
import { NewPlanModal } from './new-plan-modal';

/** No current plan: says so, and lets whoever may edit plans create one (blank or from a past plan). */
export function NoPlanState({ plans, children }: { plans: PlanSummary[]; children: ReactNode }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const mayEdit = can(useMe().role, 'editPlan');
  return (
    <>
      <EmptyState
        action={
          mayEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('plan.create')}
            </Button>
          )
        }
      >
        {children}
      </EmptyState>
      <NewPlanModal opened={creating} onClose={() => setCreating(false)} plans={plans} />
    </>
  );
}
