import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { runMutation } from './mutations';

// mutations.ts also holds the error-toast hook, which needs the browser's notifications; not under test here.
vi.mock('@mantine/notifications', () => ({ notifications: { show: vi.fn() } }));
vi.mock('./api-errors', () => ({ errorMessage: () => '' }));

describe('runMutation', () => {
  it('runs the options with their callbacks, in the client’s mutation cache', async () => {
    const queryClient = new QueryClient();
    const calls: string[] = [];
    const result = await runMutation(
      queryClient,
      {
        mutationFn: async (input: { id: string }) => ({ restored: input.id }),
        onSuccess: (data) => void calls.push(`success ${data.restored}`),
        onSettled: () => void calls.push('settled'),
      },
      { id: 'c1' },
    );
    expect(result).toEqual({ restored: 'c1' });
    expect(calls).toEqual(['success c1', 'settled']);
    expect(queryClient.getMutationCache().getAll()).toHaveLength(1);
  });

  it('reports a refusal through onError and resolves undefined instead of rejecting', async () => {
    const onError = vi.fn();
    const result = await runMutation(new QueryClient(), { mutationFn: () => Promise.reject(new Error('refused')), onError }, undefined);
    expect(result).toBeUndefined();
    expect(onError).toHaveBeenCalledOnce();
    expect((onError.mock.calls[0]![0] as Error).message).toBe('refused');
  });
});
