import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, chainStart, checkLink, linkHash, type ChainRow } from './audit-chain.rules.js';

const chain = (canonicals: string[]): ChainRow[] => {
  let prev = GENESIS_HASH;
  return canonicals.map((canonical, i) => {
    const hash = linkHash(prev, canonical);
    const row = { seq: i + 1, id: `e${i + 1}`, prevHash: prev, hash, canonical };
    prev = hash;
    return row;
  });
};

describe('linkHash', () => {
  it('is SHA-256 of the previous hash and the canonical text, as UTF-8', () => {
    // printf '%s' "$(printf '0%.0s' $(seq 64))[\"a\"]" | sha256sum
    expect(linkHash(GENESIS_HASH, '["a"]')).toBe('6287e625364612a876ec77a0fb6f784ff931ef31ab40dcb12e6ed4c68fb342e3');
    expect(linkHash(GENESIS_HASH, '["门"]')).toBe('0f36416aa3108d203dc6e9a9fa79bc0b6ba0055b981a88ab265ff624baeab81b');
    expect(linkHash('a'.repeat(64), 'x')).not.toBe(linkHash('b'.repeat(64), 'x'));
  });
});

describe('checkLink', () => {
  const rows = chain(['["one"]', '["two"]', '["three"]']);

  it('accepts an intact chain from its start', () => {
    let after = chainStart;
    for (const row of rows) {
      expect(checkLink(after, row)).toBeNull();
      after = { seq: row.seq, hash: row.hash! };
    }
  });

  it('names an event whose content changed', () => {
    const changed = { ...rows[1]!, canonical: '["TWO"]' };
    expect(checkLink({ seq: 1, hash: rows[0]!.hash! }, changed)).toMatchObject({ eventId: 'e2', seq: 2, problem: 'altered' });
  });

  it('names the event after a deleted one', () => {
    expect(checkLink({ seq: 1, hash: rows[0]!.hash! }, rows[2]!)).toMatchObject({ eventId: 'e3', problem: 'missing', message: expect.stringContaining('1 event is missing') });
  });

  it('names an event that does not point at the one before it', () => {
    const moved = { ...rows[2]!, seq: 2 };
    expect(checkLink({ seq: 1, hash: rows[0]!.hash! }, moved)).toMatchObject({ eventId: 'e3', problem: 'relinked' });
  });
});
