// Shared with the web: imports only zod.
import { z } from 'zod';

export const roles = ['viewer', 'sales', 'pm', 'leadership', 'admin'] as const;
export const role = z.enum(roles);
export type Role = (typeof roles)[number];

export const MIN_PASSWORD_LENGTH = 12;
export const password = z.string().min(MIN_PASSWORD_LENGTH).max(128);
export const email = z.email().max(254).transform((v) => v.trim().toLowerCase());
export const personName = z.string().trim().min(1).max(120);

export const firstAdminInput = z.object({ name: personName, email, password });
export type FirstAdminInput = z.input<typeof firstAdminInput>;

export const userCreateInput = z.object({
  name: personName,
  email,
  role,
  /** one-time: the server generates a password shown once; link: a set-password link to hand over. */
  credential: z.enum(['one-time-password', 'set-password-link']).default('one-time-password'),
});
export type UserCreateInput = z.input<typeof userCreateInput>;

/** Who is signed in (or whom a token acts as; a service token has no email), or null. */
export const meOutput = z.object({ id: z.string(), name: z.string(), email: z.string(), role }).nullable();

export const userIdInput = z.object({ userId: z.string().min(1).max(64) });
export const userSetRoleInput = z.object({ userId: z.string().min(1).max(64), role });
export const setPasswordWithTokenInput = z.object({ token: z.string().min(16).max(256), password });
