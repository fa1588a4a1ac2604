import type { QueryClient } from '@tanstack/react-query';
import type { PhaseView, Trpc } from '../../lib/trpc';
import type { ItemKind, ItemView } from './item-kinds';

// The same item can sit in several cached views (the plan page's plan, a phase page). Optimistic
// updates patch every one of them, and a rollback restores every one.

type PhasePatcher = (phase: PhaseView) => PhaseView;

function patchPhases(data: unknown, patch: PhasePatcher): unknown {
  if (!data || typeof data !== 'object') return data;
  if ('phases' in data && Array.isArray(data.phases)) return { ...data, phases: (data.phases as PhaseView[]).map(patch) };
  if ('phase' in data && data.phase) return { ...data, phase: patch(data.phase as PhaseView) };
  return data;
}

const listKey = (kind: ItemKind): 'deliverables' | 'gates' => (kind === 'deliverable' ? 'deliverables' : 'gates');

export function itemsOf(phase: PhaseView, kind: ItemKind): ItemView[] {
  return phase[listKey(kind)];
}

function viewKeys(trpc: Trpc) {
  return [trpc.plans.current.queryKey(), trpc.plans.byId.pathKey(), trpc.phases.byKey.pathKey()];
}

export type Snapshot = [readonly unknown[], unknown][];

/** Applies `update` to every cached view of a phase's items; returns what to restore on failure. */
export async function patchCachedItems(
  queryClient: QueryClient,
  trpc: Trpc,
  kind: ItemKind,
  update: (items: ItemView[], phase: PhaseView) => ItemView[],
): Promise<Snapshot> {
  const snapshot: Snapshot = [];
  for (const queryKey of viewKeys(trpc)) {
    await queryClient.cancelQueries({ queryKey });
    for (const [key, data] of queryClient.getQueriesData({ queryKey })) {
      snapshot.push([key, data]);
      queryClient.setQueryData(key, patchPhases(data, (phase) => ({ ...phase, [listKey(kind)]: update(itemsOf(phase, kind), phase) })));
    }
  }
  return snapshot;
}

export function restoreSnapshot(queryClient: QueryClient, snapshot: Snapshot | undefined) {
  for (const [key, data] of snapshot ?? []) queryClient.setQueryData(key, data);
}

/** After any write: refetch every plan and phase view. */
export function invalidatePlanViews(queryClient: QueryClient, trpc: Trpc) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.plans.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.phases.pathKey() }),
  ]);
}
