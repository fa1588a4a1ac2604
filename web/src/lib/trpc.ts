import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@server/router';

/**
 * A session that ends while a page is open (expired, revoked, user deactivated) sends the reader to
 * sign in, and back here afterwards.
 */
function onUnauthorized(error: unknown) {
  if (!(error instanceof TRPCClientError) || (error as TRPCClientError<AppRouter>).data?.code !== 'UNAUTHORIZED') return;
  const { pathname, search } = window.location;
  if (pathname === '/login' || pathname === '/setup' || pathname === '/set-password') return;
  window.location.assign(`/login?expired=true&redirect=${encodeURIComponent(pathname + search)}`);
}

export function makeQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: onUnauthorized }),
    mutationCache: new MutationCache({ onError: onUnauthorized }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // A 4xx will not get better by asking again.
        retry: (count, error) => !(error instanceof TRPCClientError && isClientError(error)) && count < 2,
      },
    },
  });
}

function isClientError(error: TRPCClientError<AppRouter>) {
  const status = error.data?.httpStatus ?? 500;
  return status >= 400 && status < 500;
}

export const trpcClient = createTRPCClient<AppRouter>({
  // Subscriptions (live updates) stream over server-sent events; the session cookie goes with them.
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/trpc', eventSourceOptions: { withCredentials: true } }),
      false: httpBatchLink({ url: '/trpc' }),
    }),
  ],
});

export const queryClient = makeQueryClient();

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
export type Trpc = typeof trpc;

import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type PlanView = RouterOutputs['plans']['byId'];
export type PhaseView = PlanView['phases'][number];
export type DeliverableView = PhaseView['deliverables'][number];
export type GateView = PhaseView['gates'][number];
