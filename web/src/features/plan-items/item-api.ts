import type { DeliverableCreateInput, DeliverableUpdateInput } from '@server/modules/deliverables/deliverables.schema';
import type { GateCreateInput, GateUpdateInput } from '@server/modules/gates/gates.schema';
import { trpcClient } from '../../lib/trpc';
import type { ItemKind } from './item-kinds';

type CreateInput = DeliverableCreateInput | GateCreateInput;
type UpdateInput = DeliverableUpdateInput | GateUpdateInput;

// Deliverables and gates have the same procedures; the status vocabulary is checked by each
// procedure's schema on the server, so the web can address either through one set of calls.
export function itemApi(kind: ItemKind) {
  const p = kind === 'deliverable' ? trpcClient.deliverables : trpcClient.gates;
  return {
    create: (input: CreateInput) => p.create.mutate(input as DeliverableCreateInput & GateCreateInput),
    update: (input: UpdateInput) => p.update.mutate(input as DeliverableUpdateInput & GateUpdateInput),
    archive: (id: string) => p.archive.mutate({ id }),
    restore: (id: string) => p.restore.mutate({ id }),
    reorder: (phaseId: string, orderedIds: string[]) => p.reorder.mutate({ phaseId, orderedIds }),
  };
}
