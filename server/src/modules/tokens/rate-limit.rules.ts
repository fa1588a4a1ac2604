/**
 * Requests per token per minute, in a fixed window: the first request of a minute opens it, the limit
 * counts within it. In memory, so per process: several servers behind one address each allow the limit
 * (a bound on one token's load on one process, not a quota).
 */
export class TokenRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; answers whether it is allowed and, when not, in how many seconds to retry. */
  take(tokenId: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    const window = this.windows.get(tokenId);
    if (!window || now - window.start >= this.windowMs) {
      // Forget closed windows now and then, so the map does not grow with every token ever seen.
      if (this.windows.size > 10_000) for (const [id, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(id);
      this.windows.set(tokenId, { start: now, count: 1 });
      return { allowed: true };
    }
    if (window.count >= this.limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)) };
    window.count++;
    return { allowed: true };
  }
}
