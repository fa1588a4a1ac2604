import { describe, expect, it } from 'vitest';
import { canonicalJson, packDrift, packMarkdown, sha256Hex, type DecisionPackContent } from './decision-pack.rules.js';

const pack: DecisionPackContent = {
  format: 'aionis.decision-pack',
  version: 1,
  gate: { id: 'g1', title: 'Docs links all green', phase: 'A', dueDate: '2026-03-20', from: 'ON_TRACK', to: 'PASSED' },
  decision: { kind: 'CONDITIONAL_GO', reason: 'Two pages pending | fix', outstanding: ['Pricing page link'], by: 'Mia', at: '2026-03-19T10:00:00.000Z', suggested: 'ON_TRACK', overrode: true },
  criteria: [{ id: 'c1', title: 'Links healthy', kind: 'LINK_HEALTH', met: true, value: 10, target: 10, detail: '', evaluatedAt: '2026-03-19T09:00:00.000Z' }],
  evidence: [{ id: 'e1', title: 'Docs crawl', kind: 'REPORT', url: 'https://docs.example/crawl', capturedOn: '2026-03-18', health: 'HEALTHY', httpStatus: 200, checkedAt: null, fingerprint: 'f1', via: ['gate'] }],
  auditChainHead: { seq: 41, hash: 'a'.repeat(64) },
};

describe('canonicalJson', () => {
  it('gives one text whatever the key order, and sorts nested keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson({ a: undefined, t: '门' })).toBe('{"t":"门"}');
  });

  it('hashes to the SHA-256 of that text', () => {
    // printf '{"a":1}' | sha256sum
    expect(sha256Hex(canonicalJson({ a: 1 }))).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
  });
});

describe('packDrift', () => {
  const same = { evidence: [{ id: 'e1', health: 'HEALTHY', url: 'https://docs.example/crawl', archived: false, fingerprint: 'f1', livePage: false }], criteria: [{ id: 'c1', met: true, deleted: false }] };

  it('is empty while everything is as it was', () => {
    expect(packDrift(pack, same.evidence, same.criteria)).toEqual([]);
  });

  it('names evidence that broke, was archived, moved or is gone, and criteria that flipped or went', () => {
    expect(packDrift(pack, [{ ...same.evidence[0]!, health: 'BROKEN' }], same.criteria)).toEqual([{ kind: 'evidence-broken', id: 'e1', title: 'Docs crawl' }]);
    expect(packDrift(pack, [{ ...same.evidence[0]!, archived: true }], same.criteria)[0]!.kind).toBe('evidence-archived');
    expect(packDrift(pack, [{ ...same.evidence[0]!, url: 'https://docs.example/other' }], same.criteria)[0]!.kind).toBe('evidence-url-changed');
    expect(packDrift(pack, [], same.criteria)[0]!.kind).toBe('evidence-gone');
    expect(packDrift(pack, [{ ...same.evidence[0]!, fingerprint: 'f2' }], same.criteria)).toEqual([{ kind: 'evidence-content-changed', id: 'e1', title: 'Docs crawl' }]);
    expect(packDrift(pack, [{ ...same.evidence[0]!, fingerprint: 'f2', livePage: true }], same.criteria)).toEqual([]);
    expect(packDrift(pack, same.evidence, [{ id: 'c1', met: false, deleted: false }])).toEqual([{ kind: 'criterion-unmet', id: 'c1', title: 'Links healthy' }]);
    expect(packDrift(pack, same.evidence, [])[0]!.kind).toBe('criterion-removed');
  });

  it('does not count evidence that was already broken when the decision was made', () => {
    const broken = { ...pack, evidence: [{ ...pack.evidence[0]!, health: 'BROKEN' }] };
    expect(packDrift(broken, [{ ...same.evidence[0]!, health: 'BROKEN' }], same.criteria)).toEqual([]);
  });
});

describe('packMarkdown', () => {
  it('states the decision, the chain head, the hash, every criterion and every evidence link', () => {
    const md = packMarkdown(pack, 'f'.repeat(64));
    expect(md).toContain('# Decision pack: Docs links all green');
    expect(md).toContain('**Conditional Go** by Mia');
    expect(md).toContain('  - Pricing page link');
    expect(md).toContain(`#41 \`${'a'.repeat(64)}\``);
    expect(md).toContain(`SHA-256 of this pack's JSON: \`${'f'.repeat(64)}\``);
    expect(md).toContain('| Links healthy | LINK_HEALTH | yes | 10 | 10 |');
    expect(md).toContain('<https://docs.example/crawl>');
  });
});
