import { MIN_PASSWORD_LENGTH, type Role } from './users.schema.js';

// A short list of the passwords people pick first (and the console's own name): enough to refuse the
// obvious without shipping a breach corpus.
const commonPasswords = new Set([
  '123456789012', '1234567890123', 'password1234', 'password12345', 'passwordpassword', 'qwertyuiopas',
  'qwerty123456', 'iloveyou1234', 'letmein12345', 'welcome12345', 'administrator', 'admin1234567',
  'changeme1234', 'abc123456789', '111111111111', '000000000000', 'aaaaaaaaaaaa', 'trustno1trustno1',
  'football1234', 'baseball1234', 'sunshine1234', 'princess1234', 'superman1234', 'dragon123456',
  'monkey123456', 'master123456', 'p@ssw0rd1234', 'passw0rd1234', 'correcthorsebatterystaple',
  'aionis123456', 'aionisaionis', 'aionispassword',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'common';

export const passwordMessages: Record<PasswordProblem, string> = {
  too_short: `Use at least ${MIN_PASSWORD_LENGTH} characters`,
  too_long: 'Use at most 128 characters',
  common: 'This password is too common; choose another',
};

export function passwordProblem(password: string): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (password.length > 128) return 'too_long';
  const folded = password.toLowerCase();
  if (commonPasswords.has(folded)) return 'common';
  if (/^(.)\1+$/.test(password)) return 'common';
  if ('01234567890123456789'.includes(password) || 'abcdefghijklmnopqrstuvwxyz'.includes(folded)) return 'common';
  return null;
}

export const isRole = (value: unknown): value is Role =>
  value === 'viewer' || value === 'sales' || value === 'pm' || value === 'leadership' || value === 'admin';

/** An admin may not demote or deactivate themself: the console must always keep an admin. */
export function selfChangeProblem(actorId: string, targetId: string, change: 'role' | 'deactivate'): string | null {
  if (actorId !== targetId) return null;
  return change === 'role' ? 'You cannot change your own role' : 'You cannot deactivate yourself';
}
