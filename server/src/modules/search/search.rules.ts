// Ranking and read rights for the command palette's search. Pure: no database.
import { rights } from '../users/rights.js';
import type { Role } from '../users/users.schema.js';
import type { SearchKind } from './search.schema.js';

/**
 * What each role finds. Every role may read every kind (each list is a read procedure), so every role
 * searches every kind; archived records are found only by the roles that may restore them, so the
 * palette never sends a reader to a record they can do nothing with.
 */
export const searchRights: { kinds: Record<SearchKind, readonly Role[] | 'any'>; archived: Partial<Record<SearchKind, readonly Role[]>> } = {
  kinds: { phase: 'any', deliverable: 'any', gate: 'any', partner: 'any', claim: 'any', evidence: 'any', review: 'any' },
  // Who may restore each: the rights the restore procedures check.
  archived: {
    partner: rights.editPartners,
    evidence: rights.recordEvidence,
    claim: rights.editClaims,
  },
};

export function mayFind(role: Role, kind: SearchKind): boolean {
  const allowed = searchRights.kinds[kind];
  return allowed === 'any' || allowed.includes(role);
}

export function mayFindArchived(role: Role, kind: SearchKind): boolean {
  return searchRights.archived[kind]?.includes(role) ?? false;
}

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const normalise = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The query's terms as the database filter uses them: words for alphabetic text, and each character for
 * Chinese (written without spaces, so "官网页面" must find "官网关键页面可访问").
 */
export function searchTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const word of normalise(query).split(' ')) {
    if (!word) continue;
    let latin = '';
    for (const char of word) {
      if (cjk.test(char)) {
        if (latin) terms.add(latin);
        latin = '';
        terms.add(char);
      } else {
        latin += char;
      }
    }
    if (latin) terms.add(latin);
  }
  return [...terms];
}

/** How well a name matches the query, 0 for not at all: whole name, start, word start, inside, then scattered. */
export function matchScore(name: string, query: string): number {
  const text = normalise(name);
  const q = normalise(query);
  if (!q || !text) return 0;
  if (text === q) return 100;
  if (text.startsWith(q)) return 90 - Math.min(text.length - q.length, 30) / 10;
  const at = text.indexOf(q);
  if (at > 0) {
    const wordStart = !/[\p{L}\p{N}]/u.test(text[at - 1]!);
    return (wordStart ? 70 : 55) - Math.min(at, 50) / 10;
  }
  const terms = searchTerms(q);
  if (terms.length === 0 || !terms.every((t) => text.includes(t))) return 0;
  // Every term is there: in the query's order scores higher than scattered.
  let from = 0;
  const inOrder = terms.every((t) => {
    const i = text.indexOf(t, from);
    if (i < 0) return false;
    from = i + t.length;
    return true;
  });
  return inOrder ? 40 : 30;
}

export interface Ranked {
  kind: SearchKind;
  title: string;
  score: number;
  archived: boolean;
}

/** Best first; an archived record after live ones of the same score; then by kind order and title. */
export function rank<T extends Ranked>(hits: T[], kindOrder: readonly SearchKind[], limit: number): T[] {
  return hits
    .filter((h) => h.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(a.archived) - Number(b.archived) ||
        kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
        a.title.localeCompare(b.title),
    )
    .slice(0, limit);
}
