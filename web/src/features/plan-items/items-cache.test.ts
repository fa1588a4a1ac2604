import { describe, expect, it } from 'vitest';
import { makeQueryClient, trpc } from '../../lib/trpc';
import type { ItemView } from './item-kinds';
import { itemsOf, patchCachedItems, restoreSnapshot } from './items-cache';

// Just enough of a plan and a phase page for the cache helpers, which only read phases and their lists.
const item = (id: string, status = 'NOT_STARTED') => ({ id, title: id, status, version: 1 }) as unknown as ItemView;
const phase = (id: string, deliverables: ItemView[], gates: ItemView[] = []) => ({ id, key: id, deliverables, gates });

function seeded() {
  const queryClient = makeQueryClient();
  const plan = { id: 'plan', phases: [phase('p1', [item('d1'), item('d2')], [item('g1', 'PENDING')]), phase('p2', [item('d3')])] };
  queryClient.setQueryData(trpc.plans.current.queryKey(), plan as never);
  queryClient.setQueryData(trpc.phases.byKey.queryKey({ key: 'p1' } as never), { phase: phase('p1', [item('d1'), item('d2')]) } as never);
  queryClient.setQueryData(trpc.users.me.queryKey(), { id: 'u1' } as never);
  return queryClient;
}

const planPhases = (queryClient: ReturnType<typeof makeQueryClient>) =>
  (queryClient.getQueryData(trpc.plans.current.queryKey()) as unknown as { phases: ReturnType<typeof phase>[] }).phases;
const pagePhase = (queryClient: ReturnType<typeof makeQueryClient>) =>
  (queryClient.getQueryData(trpc.phases.byKey.queryKey({ key: 'p1' } as never)) as unknown as { phase: ReturnType<typeof phase> }).phase;

describe('patchCachedItems', () => {
  it('patches the item in every cached view that shows it, and only that kind', async () => {
    const queryClient = seeded();
    await patchCachedItems(queryClient, trpc, 'deliverable', (items) => items.map((i) => (i.id === 'd2' ? ({ ...i, status: 'DONE' } as ItemView) : i)));

    expect(planPhases(queryClient)[0]!.deliverables.map((i) => i.status)).toEqual(['NOT_STARTED', 'DONE']);
    expect(pagePhase(queryClient).deliverables.map((i) => i.status)).toEqual(['NOT_STARTED', 'DONE']);
    expect(planPhases(queryClient)[0]!.gates.map((i) => i.status)).toEqual(['PENDING']);
    expect(queryClient.getQueryData(trpc.users.me.queryKey())).toEqual({ id: 'u1' });
  });

  it('tells the update which phase it patches', async () => {
    const queryClient = seeded();
    await patchCachedItems(queryClient, trpc, 'deliverable', (items, p) => (p.id === 'p2' ? [] : items));
    expect(planPhases(queryClient).map((p) => itemsOf(p as never, 'deliverable').length)).toEqual([2, 0]);
  });

  it('returns a snapshot that puts every view back', async () => {
    const queryClient = seeded();
    const before = [planPhases(queryClient), pagePhase(queryClient)];
    const snapshot = await patchCachedItems(queryClient, trpc, 'gate', () => []);
    expect(planPhases(queryClient)[0]!.gates).toEqual([]);

    restoreSnapshot(queryClient, snapshot);
    expect([planPhases(queryClient), pagePhase(queryClient)]).toEqual(before);
  });
});
