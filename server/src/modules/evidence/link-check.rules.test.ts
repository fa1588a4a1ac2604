import { describe, expect, it } from 'vitest';
import {
  addressRange,
  checkableUrl,
  describeRequestError,
  fingerprintable,
  healthOfStatus,
  isPublicAddress,
  nextFingerprintState,
  nextLinkState,
  nextRedirect,
  refusalMessage,
  retryWithGet,
  type LinkCheckOutcome,
} from './link-check.rules.js';

describe('addressRange / isPublicAddress', () => {
  it.each([
    ['93.184.215.14', 'unicast'],
    ['8.8.8.8', 'unicast'],
    ['2606:4700:4700::1111', 'unicast'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.169.254', 'linkLocal'], // cloud metadata endpoints live here
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.255', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:8.8.8.8', 'unicast'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::8.8.8.8', 'unicast'],
    ['not-an-ip', 'invalid'],
    ['', 'invalid'],
  ])('%s is %s', (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(range === 'unicast');
  });

  it('stays just inside and outside the private blocks', () => {
    expect(isPublicAddress('172.15.255.255')).toBe(true);
    expect(isPublicAddress('172.32.0.0')).toBe(true);
    expect(isPublicAddress('100.63.255.255')).toBe(true);
    expect(isPublicAddress('100.128.0.0')).toBe(true);
    expect(isPublicAddress('11.0.0.0')).toBe(true);
    expect(isPublicAddress('9.255.255.255')).toBe(true);
  });

  it('treats documentation, 6to4 and Teredo addresses as not public', () => {
    expect(isPublicAddress('192.0.2.1')).toBe(false);
    expect(isPublicAddress('2001:db8::1')).toBe(false);
    expect(isPublicAddress('2002:7f00:1::1')).toBe(false);
    expect(isPublicAddress('2001::1')).toBe(false);
  });

  it('says why an address is refused, naming the host it came from', () => {
    expect(refusalMessage('127.0.0.1')).toMatch(/^refused: 127\.0\.0\.1, a loopback address/);
    expect(refusalMessage('10.0.0.5', 'intranet.example')).toMatch(/intranet\.example resolves to 10\.0\.0\.5, a private address/);
    expect(refusalMessage('100.64.1.1')).toMatch(/carrier-grade NAT/);
    expect(refusalMessage('2002::1')).toMatch(/non-public \(6to4\)/);
    expect(refusalMessage('::1')).toMatch(/LINK_CHECK_ALLOW_PRIVATE/);
  });
});

describe('checkableUrl', () => {
  it('accepts http and https, dropping the fragment', () => {
    expect(checkableUrl('https://example.com/a?b=1#top')).toEqual({ url: new URL('https://example.com/a?b=1') });
    expect('url' in checkableUrl('http://example.com')).toBe(true);
  });

  it.each(['ftp://example.com/file', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,hi', 'gopher://x'])('refuses %s', (url) => {
    expect(checkableUrl(url)).toEqual({ error: expect.stringMatching(/^only http and https links can be checked/) });
  });

  it('refuses what is no URL', () => {
    expect(checkableUrl('example.com/page')).toEqual({ error: 'not a valid URL' });
    expect(checkableUrl('')).toEqual({ error: 'not a valid URL' });
  });
});

describe('nextRedirect', () => {
  const chain = (visited: string[] = ['https://a.example/start'], followed = 0, maxRedirects = 5) => ({ visited: new Set(visited), followed, maxRedirects });

  it('resolves a relative Location against the URL that answered', () => {
    expect(nextRedirect('https://a.example/docs/start', 302, 'next?x=1', chain())).toEqual({ follow: 'https://a.example/docs/next?x=1' });
    expect(nextRedirect('https://a.example/docs/start', 301, '/root', chain())).toEqual({ follow: 'https://a.example/root' });
    expect(nextRedirect('https://a.example/docs/start', 308, '//b.example/x', chain())).toEqual({ follow: 'https://b.example/x' });
    expect(nextRedirect('https://a.example/start', 307, 'http://b.example/#frag', chain())).toEqual({ follow: 'http://b.example/' });
  });

  it('needs a Location', () => {
    expect(nextRedirect('https://a.example/start', 302, undefined, chain())).toEqual({ error: 'redirect (302) without a Location header' });
    expect(nextRedirect('https://a.example/start', 302, '', chain())).toEqual({ error: 'redirect (302) without a Location header' });
  });

  it('keeps to http and https', () => {
    expect(nextRedirect('https://a.example/start', 302, 'ftp://a.example/file', chain())).toEqual({ error: 'redirect (302) to an unsupported scheme ftp:' });
    expect(nextRedirect('https://a.example/start', 302, 'file:///etc/passwd', chain())).toEqual({ error: 'redirect (302) to an unsupported scheme file:' });
  });

  it('refuses an unparsable Location', () => {
    expect(nextRedirect('https://a.example/start', 302, 'http://[::1', chain())).toEqual({ error: expect.stringMatching(/^redirect \(302\) to an invalid URL/) });
  });

  it('detects a loop, a fragment making no difference', () => {
    const visited = ['https://a.example/start', 'https://a.example/b'];
    expect(nextRedirect('https://a.example/b', 302, '/start#again', chain(visited, 1))).toEqual({ error: 'redirect loop: back to https://a.example/start' });
    expect(nextRedirect('https://a.example/start', 302, '/start', chain())).toEqual({ error: 'redirect loop: back to https://a.example/start' });
  });

  it('stops after maxRedirects', () => {
    expect(nextRedirect('https://a.example/4', 302, '/5', chain(['https://a.example/4'], 4, 5))).toEqual({ follow: 'https://a.example/5' });
    expect(nextRedirect('https://a.example/5', 302, '/6', chain(['https://a.example/5'], 5, 5))).toEqual({ error: 'too many redirects (more than 5)' });
    expect(nextRedirect('https://a.example/start', 302, '/1', chain(undefined, 0, 0))).toEqual({ error: 'too many redirects (more than 0)' });
  });
});

describe('healthOfStatus and the GET fallback', () => {
  it.each([
    [200, 'HEALTHY'],
    [204, 'HEALTHY'],
    [299, 'HEALTHY'],
    [401, 'HEALTHY'],
    [403, 'HEALTHY'],
    [429, 'HEALTHY'],
    [199, 'BROKEN'],
    [300, 'BROKEN'],
    [304, 'BROKEN'],
    [400, 'BROKEN'],
    [404, 'BROKEN'],
    [405, 'BROKEN'],
    [410, 'BROKEN'],
    [451, 'BROKEN'],
    [500, 'BROKEN'],
    [503, 'BROKEN'],
  ] as const)('%i is %s', (status, health) => {
    expect(healthOfStatus(status)).toBe(health);
  });

  it('retries HEAD with GET on any client or server error', () => {
    expect([200, 301, 399].map(retryWithGet)).toEqual([false, false, false]);
    expect([400, 403, 404, 405, 501].map(retryWithGet)).toEqual([true, true, true, true, true]);
  });
});

describe('nextLinkState', () => {
  const t0 = new Date('2026-03-01T00:00:00Z');
  const t1 = new Date('2026-03-02T00:00:00Z');
  const healthy: LinkCheckOutcome = { health: 'HEALTHY', httpStatus: 200, finalUrl: 'https://a.example/', checkError: null };
  const broken: LinkCheckOutcome = { health: 'BROKEN', httpStatus: 404, finalUrl: 'https://a.example/', checkError: null };

  it('records the outcome and when it was checked', () => {
    expect(nextLinkState({ health: 'UNCHECKED', brokenSince: null }, healthy, t1)).toEqual({ ...healthy, checkedAt: t1, brokenSince: null });
  });

  it('sets brokenSince when a link turns broken', () => {
    expect(nextLinkState({ health: 'UNCHECKED', brokenSince: null }, broken, t1).brokenSince).toEqual(t1);
    expect(nextLinkState({ health: 'HEALTHY', brokenSince: null }, broken, t1).brokenSince).toEqual(t1);
  });

  it('keeps brokenSince while it stays broken', () => {
    expect(nextLinkState({ health: 'BROKEN', brokenSince: t0 }, broken, t1)).toMatchObject({ brokenSince: t0, checkedAt: t1 });
  });

  it('starts brokenSince when a broken row has none (written before it was kept)', () => {
    expect(nextLinkState({ health: 'BROKEN', brokenSince: null }, broken, t1).brokenSince).toEqual(t1);
  });

  it('clears brokenSince when the link is healthy again', () => {
    expect(nextLinkState({ health: 'BROKEN', brokenSince: t0 }, healthy, t1).brokenSince).toBeNull();
  });

  it('does not keep a stale brokenSince on an unchecked row (its URL was edited)', () => {
    expect(nextLinkState({ health: 'UNCHECKED', brokenSince: t0 }, broken, t1).brokenSince).toEqual(t1);
  });
});

describe('describeRequestError', () => {
  it('names the common network failures', () => {
    expect(describeRequestError({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND x' })).toBe('host not found');
    expect(describeRequestError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })).toBe('connection refused');
    expect(describeRequestError({ code: 'HPE_INVALID_CONSTANT', message: 'Parse Error' })).toBe('invalid HTTP response (HPE_INVALID_CONSTANT)');
    expect(describeRequestError({ code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' })).toBe('TLS error: certificate has expired');
    expect(describeRequestError({ code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: "Hostname/IP does not match certificate's altnames" })).toMatch(/^TLS error/);
    expect(describeRequestError({ message: 'socket hang up' })).toBe('socket hang up');
    expect(describeRequestError({ message: 'x'.repeat(1000) })).toHaveLength(300);
  });
});

describe('nextFingerprintState', () => {
  const fp = (sha256: string) => ({ sha256, contentType: 'text/html', bytes: 10, truncated: false });
  const t1 = new Date('2026-04-01T00:00:00Z');
  const t2 = new Date('2026-04-02T00:00:00Z');

  it('captures the first fingerprint, unchanged', () => {
    expect(nextFingerprintState({ capturedFingerprint: null, contentChangedAt: null, livePage: false }, fp('a'), t1)).toMatchObject({ capturedFingerprint: 'a', fingerprint: 'a', contentChangedAt: null, fingerprintAt: t1 });
  });

  it('marks content that differs from the captured one as changed since the first fetch that saw it, and keeps that date', () => {
    const changed = nextFingerprintState({ capturedFingerprint: 'a', contentChangedAt: null, livePage: false }, fp('b'), t1);
    expect(changed).toMatchObject({ capturedFingerprint: 'a', fingerprint: 'b', contentChangedAt: t1 });
    expect(nextFingerprintState({ capturedFingerprint: 'a', contentChangedAt: t1, livePage: false }, fp('c'), t2).contentChangedAt).toEqual(t1);
  });

  it('clears the change when the captured content comes back', () => {
    expect(nextFingerprintState({ capturedFingerprint: 'a', contentChangedAt: t1, livePage: false }, fp('a'), t2).contentChangedAt).toBeNull();
  });

  it('never compares a live page', () => {
    expect(nextFingerprintState({ capturedFingerprint: 'a', contentChangedAt: null, livePage: true }, fp('b'), t1)).toMatchObject({ fingerprint: 'b', contentChangedAt: null });
  });

  it('fetches content only for a 2xx answer', () => {
    expect(fingerprintable({ health: 'HEALTHY', httpStatus: 200, finalUrl: 'x', checkError: null })).toBe(true);
    expect(fingerprintable({ health: 'HEALTHY', httpStatus: 403, finalUrl: 'x', checkError: null })).toBe(false);
    expect(fingerprintable({ health: 'BROKEN', httpStatus: 404, finalUrl: 'x', checkError: null })).toBe(false);
  });
});
