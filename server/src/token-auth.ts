// Bearer tokens on the machine routes (REST under /api/v1, /mcp, the metrics push): who the token acts
// as, refused early with 401 or 429, before any body is read.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from './db/database.js';
import { TokenRateLimiter } from './modules/tokens/rate-limit.rules.js';
import { bearerToken, type TokenPrincipal } from './modules/tokens/tokens.rules.js';
import { authenticateToken } from './modules/tokens/tokens.service.js';

export { TokenRateLimiter };

/** RFC 6750: a bare challenge when no token came; invalid_token when one did and it is not good. */
export function unauthorized(reply: FastifyReply, presented: boolean) {
  return reply
    .code(401)
    .header('www-authenticate', presented ? 'Bearer realm="aionis", error="invalid_token"' : 'Bearer realm="aionis"')
    .send({
      error: presented
        ? 'This API token is not valid (unknown, revoked, expired, or its user deactivated)'
        : 'Send an API token: Authorization: Bearer <token>',
    });
}

/**
 * The token a request presents, checked and counted against its rate limit; null after answering the
 * request itself (401 without a good token, 429 over the limit).
 */
export async function requireToken(db: Db, limiter: TokenRateLimiter, req: FastifyRequest, reply: FastifyReply): Promise<TokenPrincipal | null> {
  const presented = bearerToken(req.headers.authorization);
  const token = await authenticateToken(db, presented);
  if (!token) {
    await unauthorized(reply, presented !== null);
    return null;
  }
  const taken = limiter.take(token.id);
  if (!taken.allowed) {
    await reply
      .code(429)
      .header('retry-after', String(taken.retryAfterSeconds))
      .send({ error: `This token made more than ${limiter.limit} requests this minute; retry in ${taken.retryAfterSeconds} s` });
    return null;
  }
  return token;
}
