import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@server/router';

export function makeQueryClient() {
  return new QueryClient({
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
  const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus ?? 500;
  return status >= 400 && status < 500;
}

export const trpcClient = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/trpc' })],
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
