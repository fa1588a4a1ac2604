import { describe, expect, it } from 'vitest';
import { roles } from '../users/users.schema.js';
import { matchScore, mayFind, mayFindArchived, rank, searchTerms } from './search.rules.js';
import { searchKinds } from './search.schema.js';

describe('searchTerms', () => {
  it('splits words, and Chinese into its characters', () => {
    expect(searchTerms('  Docs  LINKS ')).toEqual(['docs', 'links']);
    expect(searchTerms('官网页面')).toEqual(['官', '网', '页', '面']);
    expect(searchTerms('CTA事件')).toEqual(['cta', '事', '件']);
    expect(searchTerms('ＤＯＣＳ')).toEqual(['docs']);
  });
});

describe('matchScore', () => {
  it('ranks the whole name over its start, a word start, the inside, and scattered terms', () => {
    const scores = [
      matchScore('Docs', 'docs'),
      matchScore('Docs links all green', 'docs'),
      matchScore('All docs links', 'docs'),
      matchScore('Bigdocs', 'docs'),
      matchScore('Links for docs, all green', 'docs green'),
      matchScore('Green links for docs', 'docs green'),
    ];
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(scores).size).toBe(scores.length);
    expect(matchScore('Pricing page', 'docs')).toBe(0);
  });

  it('matches Chinese names by their characters, in order first', () => {
    expect(matchScore('官网关键页面可访问', '官网页面')).toBeGreaterThan(matchScore('页面与官网', '官网页面'));
    expect(matchScore('页面与官网', '官网页面')).toBeGreaterThan(0);
    expect(matchScore('官网关键页面可访问', '官网')).toBeGreaterThan(matchScore('官网关键页面可访问', '官网页面'));
    expect(matchScore('docs 链接全绿', '链接')).toBeGreaterThan(0);
    expect(matchScore('docs 链接全绿', '红')).toBe(0);
  });
});

describe('rank', () => {
  it('puts the best first, live before archived, drops non-matches and keeps the limit', () => {
    const hits = [
      { kind: 'partner' as const, title: 'Acme (old)', score: 90, archived: true },
      { kind: 'partner' as const, title: 'Acme', score: 90, archived: false },
      { kind: 'gate' as const, title: 'Zero', score: 0, archived: false },
      { kind: 'phase' as const, title: 'Acme phase', score: 40, archived: false },
    ];
    expect(rank(hits, searchKinds, 10).map((h) => h.title)).toEqual(['Acme', 'Acme (old)', 'Acme phase']);
    expect(rank(hits, searchKinds, 1)).toHaveLength(1);
  });
});

describe('search rights', () => {
  it('lets every role find every kind, and archived records only the roles that may restore them', () => {
    for (const role of roles) for (const kind of searchKinds) expect(mayFind(role, kind)).toBe(true);
    expect(roles.filter((r) => mayFindArchived(r, 'partner'))).toEqual(['sales', 'leadership', 'admin']);
    expect(roles.filter((r) => mayFindArchived(r, 'evidence'))).toEqual(['sales', 'pm', 'leadership', 'admin']);
    expect(mayFindArchived('viewer', 'claim')).toBe(false);
    expect(mayFindArchived('pm', 'gate')).toBe(false);
  });
});
