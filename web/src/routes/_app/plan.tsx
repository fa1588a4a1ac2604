import { createFileRoute, redirect } from '@tanstack/react-router';

// /plan is another name for the plan page at /.
export const Route = createFileRoute('/_app/plan')({
  beforeLoad: ({ search }) => {
    throw redirect({ to: '/', search });
  },
});
