// API tokens without I/O: how a token looks, how it is stored, and how a request presents it.
import { createHash } from 'node:crypto';
import { TOKEN_PREFIX } from './tokens.schema.js';

/** `aionis_mt_` + 32 random bytes in base64url (43 characters). */
const tokenShape = new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);
/** Characters kept in clear, so people can tell tokens apart: the prefix and four of the secret. */
const SHOWN = TOKEN_PREFIX.length + 4;

export const isTokenShaped = (token: string) => tokenShape.test(token);

/** Tokens are stored as their SHA-256 (hex): 256 random bits need no salt or slow hash. */
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export const tokenPrefix = (token: string) => token.slice(0, SHOWN);

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}
