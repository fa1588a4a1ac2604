import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isPublicAddress } from './link-check.rules.js';
import { checkUrl, type LinkCheckOptions } from './link-check.service.js';

// A local server playing every kind of link the checker meets. `hits` records what it was asked.
let hits: string[] = [];
let port = 0;
let base = '';

const server = http.createServer((req, res) => {
  const path = req.url ?? '/';
  hits.push(`${req.method} ${path}`);
  const redirect = (to: string, status = 302) => res.writeHead(status, { location: to }).end();
  const many = /^\/many\/(\d+)$/.exec(path);
  if (many) return redirect(`/many/${Number(many[1]) + 1}`);
  const slow = /^\/slow\/(\d+)$/.exec(path);
  if (slow) {
    const timer = setTimeout(() => redirect(`/slow/${Number(slow[1]) + 1}`), 150);
    res.on('close', () => clearTimeout(timer));
    return;
  }
  switch (path) {
    case '/ok':
      return res.writeHead(200, { 'content-type': 'text/plain' }).end(req.method === 'HEAD' ? undefined : 'ok');
    case '/missing':
      return res.writeHead(404).end();
    case '/protected':
      return res.writeHead(403).end();
    case '/error':
      return res.writeHead(503).end();
    case '/no-head':
      return req.method === 'HEAD' ? res.writeHead(405).end() : res.writeHead(200).end('page');
    case '/endless':
      // HEAD is refused; the GET body never ends, so a checker that read it would never finish.
      if (req.method === 'HEAD') return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(Buffer.alloc(64 * 1024));
      return; // and never res.end()
    case '/chain/1':
      return redirect('/chain/2', 301);
    case '/chain/2':
      return redirect(`${base}/chain/3`, 307); // absolute
    case '/chain/3':
      return redirect('../final', 308); // relative to /chain/3
    case '/final':
      return res.writeHead(200).end();
    case '/loop/a':
      return redirect('/loop/b');
    case '/loop/b':
      return redirect('/loop/a');
    case '/no-location':
      return res.writeHead(302).end();
    case '/to-ftp':
      return redirect('ftp://example.com/file');
    case '/to-intranet':
      return redirect(`http://intranet.test:${port}/ok`);
    case '/to-loopback-literal':
      return redirect(`http://127.0.0.2:${port}/ok`);
    case '/hang':
      return; // accepts, never answers
    default:
      return res.writeHead(404).end();
  }
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  hits = [];
});

// The loopback test server stands in for the internet here; each test says what is private.
const open: Partial<LinkCheckOptions> = { allowPrivate: true, timeoutMs: 2_000 };

describe('checkUrl against a local server', () => {
  it('finds a 200 healthy with HEAD alone', async () => {
    expect(await checkUrl(`${base}/ok`, open)).toEqual({ health: 'HEALTHY', httpStatus: 200, finalUrl: `${base}/ok`, checkError: null });
    expect(hits).toEqual(['HEAD /ok']);
  });

  it('finds a 404 broken, after trying GET', async () => {
    expect(await checkUrl(`${base}/missing`, open)).toEqual({ health: 'BROKEN', httpStatus: 404, finalUrl: `${base}/missing`, checkError: null });
    expect(hits).toEqual(['HEAD /missing', 'GET /missing']);
  });

  it('finds a 5xx broken', async () => {
    expect(await checkUrl(`${base}/error`, open)).toMatchObject({ health: 'BROKEN', httpStatus: 503 });
  });

  it('counts a protected page (403) healthy, recording the status', async () => {
    expect(await checkUrl(`${base}/protected`, open)).toMatchObject({ health: 'HEALTHY', httpStatus: 403, checkError: null });
  });

  it('falls back to GET when HEAD is not allowed (405)', async () => {
    expect(await checkUrl(`${base}/no-head`, open)).toMatchObject({ health: 'HEALTHY', httpStatus: 200 });
    expect(hits).toEqual(['HEAD /no-head', 'GET /no-head']);
  });

  it('does not download a GET body', async () => {
    const started = Date.now();
    expect(await checkUrl(`${base}/endless`, { ...open, timeoutMs: 1_000 })).toMatchObject({ health: 'HEALTHY', httpStatus: 200 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('follows a chain of 3 redirects (relative, absolute) to the final URL', async () => {
    expect(await checkUrl(`${base}/chain/1#section`, open)).toEqual({ health: 'HEALTHY', httpStatus: 200, finalUrl: `${base}/final`, checkError: null });
    expect(hits).toEqual(['HEAD /chain/1', 'HEAD /chain/2', 'HEAD /chain/3', 'HEAD /final']);
  });

  it('finds a redirect loop broken, saying so', async () => {
    expect(await checkUrl(`${base}/loop/a`, open)).toEqual({
      health: 'BROKEN',
      httpStatus: 302,
      finalUrl: `${base}/loop/b`,
      checkError: `redirect loop: back to ${base}/loop/a`,
    });
    expect(hits).toEqual(['HEAD /loop/a', 'HEAD /loop/b']);
  });

  it('gives up after maxRedirects', async () => {
    expect(await checkUrl(`${base}/many/0`, { ...open, maxRedirects: 3 })).toMatchObject({
      health: 'BROKEN',
      httpStatus: 302,
      finalUrl: `${base}/many/3`,
      checkError: 'too many redirects (more than 3)',
    });
    expect(hits).toHaveLength(4);
    expect(await checkUrl(`${base}/many/0`, open)).toMatchObject({ checkError: 'too many redirects (more than 5)' });
  });

  it('finds a redirect without Location, or to another scheme, broken', async () => {
    expect(await checkUrl(`${base}/no-location`, open)).toMatchObject({ health: 'BROKEN', httpStatus: 302, checkError: 'redirect (302) without a Location header' });
    expect(await checkUrl(`${base}/to-ftp`, open)).toMatchObject({ health: 'BROKEN', checkError: 'redirect (302) to an unsupported scheme ftp:' });
  });

  it('times out a server that never answers, quickly', async () => {
    const started = Date.now();
    expect(await checkUrl(`${base}/hang`, { ...open, timeoutMs: 200 })).toEqual({ health: 'BROKEN', httpStatus: null, finalUrl: `${base}/hang`, checkError: 'timed out after 200 ms' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('gives up when the whole chain outlasts the deadline, each hop in time', async () => {
    const started = Date.now();
    expect(await checkUrl(`${base}/slow/0`, { ...open, timeoutMs: 1_000, deadlineMs: 400, maxRedirects: 50 })).toMatchObject({
      health: 'BROKEN',
      checkError: 'gave up after 400 ms in all',
    });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('reports a refused connection', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await checkUrl(`http://127.0.0.1:${freePort}/`, open)).toMatchObject({ health: 'BROKEN', httpStatus: null, checkError: 'connection refused' });
  });

  it('stops when aborted from outside', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await checkUrl(`${base}/hang`, { ...open, signal: controller.signal })).toMatchObject({ health: 'BROKEN', checkError: 'check aborted' });
  });

  it('refuses schemes other than http and https without a request', async () => {
    for (const url of ['ftp://127.0.0.1/file', 'file:///etc/passwd', 'not a url']) {
      expect(await checkUrl(url, open)).toMatchObject({ health: 'BROKEN', httpStatus: null, finalUrl: null, checkError: expect.stringMatching(/only http and https|not a valid URL/) });
    }
  });
});

describe('checkUrl refusing private addresses', () => {
  const guarded: Partial<LinkCheckOptions> = { allowPrivate: false, timeoutMs: 2_000 };

  it('refuses a loopback IP literal without connecting', async () => {
    expect(await checkUrl(`${base}/ok`, guarded)).toMatchObject({ health: 'BROKEN', httpStatus: null, checkError: expect.stringMatching(/^refused: 127\.0\.0\.1, a loopback address/) });
    expect(await checkUrl(`http://[::1]:${port}/ok`, guarded)).toMatchObject({ checkError: expect.stringMatching(/^refused: ::1, a loopback address/) });
    expect(await checkUrl(`http://[::ffff:127.0.0.1]:${port}/ok`, guarded)).toMatchObject({ checkError: expect.stringMatching(/^refused: .*loopback/) });
    expect(await checkUrl(`http://2130706433:${port}/ok`, guarded)).toMatchObject({ checkError: expect.stringMatching(/^refused: 127\.0\.0\.1/) });
    expect(await checkUrl('http://169.254.169.254/latest/meta-data/', guarded)).toMatchObject({ checkError: expect.stringMatching(/link-local/) });
    expect(hits).toEqual([]);
  });

  it('refuses a name that resolves to loopback, at connect time (system DNS)', async () => {
    expect(await checkUrl(`http://localhost:${port}/ok`, guarded)).toMatchObject({
      health: 'BROKEN',
      checkError: expect.stringMatching(/^refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/),
    });
    expect(hits).toEqual([]);
  });

  // Pretend 127.0.0.1 is the public internet: public.test resolves there, intranet.test to 10.0.0.7.
  const names: Record<string, string[]> = { 'public.test': ['127.0.0.1'], 'intranet.test': ['10.0.0.7'], 'mixed.test': ['127.0.0.1', '192.168.0.9'] };
  const pretend: Partial<LinkCheckOptions> = {
    ...guarded,
    isPublic: (address) => address === '127.0.0.1' || isPublicAddress(address),
    resolve: async (hostname) => {
      const addresses = names[hostname];
      if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return addresses.map((address) => ({ address, family: 4 }));
    },
  };

  it('lets a public host through', async () => {
    expect(await checkUrl(`http://public.test:${port}/ok`, pretend)).toMatchObject({ health: 'HEALTHY', httpStatus: 200 });
    expect(hits).toEqual(['HEAD /ok']);
  });

  it('refuses a redirect from a public host to a private one', async () => {
    expect(await checkUrl(`http://public.test:${port}/to-intranet`, pretend)).toEqual({
      health: 'BROKEN',
      httpStatus: null,
      finalUrl: `http://intranet.test:${port}/ok`,
      checkError: expect.stringMatching(/^refused: intranet\.test resolves to 10\.0\.0\.7, a private address/),
    });
    expect(hits).toEqual(['HEAD /to-intranet']);
  });

  it('refuses a redirect to a private IP literal', async () => {
    expect(await checkUrl(`http://public.test:${port}/to-loopback-literal`, pretend)).toMatchObject({
      health: 'BROKEN',
      checkError: expect.stringMatching(/^refused: 127\.0\.0\.2, a loopback address/),
    });
    expect(hits).toEqual(['HEAD /to-loopback-literal']);
  });

  it('refuses a name with any private address among its answers', async () => {
    expect(await checkUrl(`http://mixed.test:${port}/ok`, pretend)).toMatchObject({ checkError: expect.stringMatching(/mixed\.test resolves to 192\.168\.0\.9/) });
    expect(hits).toEqual([]);
  });

  it('checks every connection, so a name rebound to a private address between requests is refused', async () => {
    let lookups = 0;
    const rebinding: Partial<LinkCheckOptions> = {
      ...pretend,
      resolve: async () => [{ address: lookups++ === 0 ? '127.0.0.1' : '10.0.0.7', family: 4 }],
    };
    // HEAD /missing answers 404 from the "public" address; the GET that follows connects anew.
    expect(await checkUrl(`http://rebind.test:${port}/missing`, rebinding)).toMatchObject({
      health: 'BROKEN',
      checkError: expect.stringMatching(/^refused: rebind\.test resolves to 10\.0\.0\.7/),
    });
    expect(hits).toEqual(['HEAD /missing']);
    expect(lookups).toBe(2);
  });

  it('reports a name that does not resolve', async () => {
    expect(await checkUrl(`http://nowhere.test:${port}/ok`, pretend)).toMatchObject({ health: 'BROKEN', checkError: 'host not found' });
  });
});
