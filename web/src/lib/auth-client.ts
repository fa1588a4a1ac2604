import { createAuthClient } from 'better-auth/client';

/**
 * Better Auth's own client for signing in and out; everything else goes through tRPC. Only the sign-in
 * pages import it directly: elsewhere load it when needed, it is not small (decision 015).
 */
export const authClient = createAuthClient({ basePath: '/api/auth' });
