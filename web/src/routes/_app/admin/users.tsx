import { createFileRoute, redirect } from '@tanstack/react-router';
import { UsersAdmin } from '../../../features/users/users-admin';
import { can } from '@server/modules/users/rights';

export const Route = createFileRoute('/_app/admin/users')({
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.fetchQuery(context.trpc.users.me.queryOptions());
    if (!can(me?.role, 'manageUsers')) throw redirect({ to: '/' });
  },
  loader: ({ context }) => context.queryClient.ensureQueryData(context.trpc.users.list.queryOptions()),
  component: UsersAdmin,
});

