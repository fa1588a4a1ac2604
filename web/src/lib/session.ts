import { useSuspenseQuery } from '@tanstack/react-query';
import { trpc } from './trpc';

/** The signed-in user. Only used under the `_app` layout, whose guard guarantees one. */
export function useMe() {
  const { data } = useSuspenseQuery(trpc.users.me.queryOptions());
  if (!data) throw new Error('useMe() outside the signed-in layout');
  return data;
}
