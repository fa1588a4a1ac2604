import { describe, expect, it } from 'vitest';
import { defaultBackoff, errorText, idempotencyKey, parseTarget, retryDelayMs, targetKey } from './outbox.rules.js';

describe('outbox rules', () => {
  it('keys a delivery by event, channel and target, and reads a target back', () => {
    expect(idempotencyKey('e1', 'inapp', { kind: 'user', id: 'u1' })).toBe('e1:inapp:user:u1');
    expect(idempotencyKey('e1', 'email', { kind: 'user', id: 'u1' })).not.toBe(idempotencyKey('e1', 'inapp', { kind: 'user', id: 'u1' }));
    expect(parseTarget(targetKey({ kind: 'destination', id: 'd:9' }))).toEqual({ kind: 'destination', id: 'd:9' });
    expect(parseTarget('team:x')).toBeNull();
  });

  it('waits 1 min, then doubles up to 6 h, and gives up after the 10th failure', () => {
    const noJitter = (n: number) => retryDelayMs(n, defaultBackoff, 0.5);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(noJitter)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256].map((m) => m * 60_000));
    expect(retryDelayMs(9, { ...defaultBackoff, maxAttempts: 20 }, 0.5)).toBe(256 * 60_000);
    expect(retryDelayMs(10, { ...defaultBackoff, maxAttempts: 20 }, 0.5)).toBe(6 * 3_600_000);
    expect(retryDelayMs(15, { ...defaultBackoff, maxAttempts: 20 }, 0.99)).toBe(6 * 3_600_000);
    expect(noJitter(10)).toBeNull();
    expect(noJitter(11)).toBeNull();
  });

  it('jitters each wait by at most ±20 %', () => {
    expect(retryDelayMs(1, defaultBackoff, 0)).toBe(48_000);
    expect(retryDelayMs(1, defaultBackoff, 0.999999)).toBe(72_000);
    for (let i = 0; i < 100; i++) {
      const delay = retryDelayMs(3, defaultBackoff)!;
      expect(delay).toBeGreaterThanOrEqual(192_000);
      expect(delay).toBeLessThanOrEqual(288_000);
    }
  });

  it('keeps an error short and stack-free', () => {
    expect(errorText(new Error('SMTP 421 try later'))).toBe('SMTP 421 try later');
    expect(errorText(new TypeError('fetch failed'))).toBe('TypeError: fetch failed');
    expect(errorText('x'.repeat(600))).toHaveLength(500);
  });
});
