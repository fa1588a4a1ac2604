import { createFileRoute, redirect } from '@tanstack/react-router';
import { UsersAdmin } from '../../../features/users/users-admin';
import { can } from '../../../lib/roles';
import { trpc } from '../../../lib/trpc';

export const Route = createFileRoute('/_app/admin/users')({
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.fetchQuery(trpc.users.me.queryOptions());
    if (!can.manageUsers(me?.role)) throw redirect({ to: '/' });
  },
  loader: ({ context }) => context.queryClient.ensureQueryData(trpc.users.list.queryOptions()),
  component: UsersAdmin,
});

