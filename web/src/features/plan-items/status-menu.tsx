import { Badge, Menu, UnstyledButton } from '@mantine/core';
import { IconCheck, IconChevronDown } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliverableStatus } from '@server/modules/deliverables/deliverables.schema';
import type { GateStatus } from '@server/modules/gates/gates.schema';
import { can } from '@server/modules/users/rights';
import { useMe } from '../../lib/session';
import { itemKinds, statusColor, type ItemKind, type ItemStatus, type ItemView } from './item-kinds';
import { useChangeDeliverableStatus } from './use-plan-item-mutations';

// Fetched when a gate's status is first changed here, not with the plan page (decision 015).
const GateStatusDialog = lazy(() => import('./gate-status-dialog').then((m) => ({ default: m.GateStatusDialog })));

export function StatusBadge({ kind, status }: { kind: ItemKind; status: ItemStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor(status)} variant="light" radius="sm" style={{ textTransform: 'none' }}>
      {t(`status.${kind}.${status}` as 'status.gate.PENDING')}
    </Badge>
  );
}

/** The status chip; when editable, a menu to change it in place. */
export function StatusMenu({ kind, item, editable }: { kind: ItemKind; item: ItemView; editable: boolean }) {
  const { t } = useTranslation();
  const change = useChangeDeliverableStatus();
  const role = useMe().role;
  // A gate's status changes through its dialog: reasons, decisions and overrides are part of the change.
  const [gateStatus, setGateStatus] = useState<GateStatus | null>(null);
  const suggested = 'health' in item ? (item.health as { health: GateStatus }).health : undefined;
  // Passed and failed are leadership's Go / No-go decision.
  const allowed = (status: ItemStatus) => kind !== 'gate' || can(role, 'decideGates') || (status !== 'PASSED' && status !== 'FAILED');
  if (!editable) return <StatusBadge kind={kind} status={item.status} />;
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <UnstyledButton
          // The accessible name starts with the visible status, then says what the button does.
          aria-label={`${t(`status.${kind}.${item.status}` as 'status.gate.PENDING')}: ${t('items.changeStatus', { title: item.title })}`}
          data-testid="status-menu"
        >
          <Badge
            color={statusColor(item.status)}
            variant="light"
            radius="sm"
            rightSection={<IconChevronDown size={12} />}
            style={{ textTransform: 'none', cursor: 'pointer' }}
          >
            {t(`status.${kind}.${item.status}` as 'status.gate.PENDING')}
          </Badge>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {itemKinds[kind].statuses.map((status) => (
          <Menu.Item
            key={status}
            leftSection={status === item.status ? <IconCheck size={14} /> : <span style={{ width: 14 }} />}
            disabled={!allowed(status)}
            onClick={() => {
              if (status === item.status) return;
              if (kind === 'gate') setGateStatus(status as GateStatus);
              else change.mutate(item, status as DeliverableStatus);
            }}
          >
            {t(`status.${kind}.${status}` as 'status.gate.PENDING')}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
      {kind === 'gate' && gateStatus && (
        <Suspense fallback={null}>
          <GateStatusDialog
            gate={{ id: item.id, version: item.version, title: item.title, status: item.status as GateStatus, suggested }}
            initialStatus={gateStatus}
            onClose={() => setGateStatus(null)}
          />
        </Suspense>
      )}
    </Menu>
  );
}
