// Web performance figures for the production build: the JavaScript a first visit to a route needs
// (raw and gzip bytes) and Lighthouse's performance score. Run alone (`pnpm --filter @aionis/bench exec
// tsx src/web.ts`) it starts the built server in demo mode, signs in and measures `/` and `/plan`;
// bench.ts imports the two measurements.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import { builtWeb } from './checkout.js';
import { ApiSession, startServer } from './server-process.js';
const defaultChrome = '/usr/bin/chromium';
const chromeFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface BundleFile {
  file: string;
  raw: number;
  gzip: number;
}

export interface BundleReport {
  route: string;
  /** 'observed': every script a signed-in headless Chromium fetched; 'manifest': Vite's import graph. */
  method: 'observed' | 'manifest';
  files: BundleFile[];
  totalRaw: number;
  totalGzip: number;
}

export interface LighthouseReport {
  url: string;
  formFactor: 'mobile' | 'desktop';
  /** 0–100. */
  performance: number;
  /** Milliseconds, except cls (unitless). */
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  si: number;
}

interface BrowserOptions {
  cookie?: string;
  chromePath?: string;
}

/**
 * The JavaScript needed for the first render of `route`, each file's size as built and gzipped
 * (node:zlib, level 9). With `baseUrl` it is what a signed-in headless Chromium actually fetched
 * (entry, its static imports, the lazily loaded route chunks and anything they import dynamically
 * while the page settles); without, the entry's static import graph plus the route's component
 * chunks from Vite's manifest, which misses dynamic imports made at render time.
 */
export async function measureBundle(
  distDir: string,
  route: string,
  observe?: BrowserOptions & { baseUrl: string },
): Promise<BundleReport> {
  const files = observe ? await observedScripts(distDir, route, observe) : manifestScripts(distDir, route);
  const sized = files.map((file) => {
    const bytes = readFileSync(path.join(distDir, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  sized.sort((a, b) => b.gzip - a.gzip);
  return {
    route,
    method: observe ? 'observed' : 'manifest',
    files: sized,
    totalRaw: sized.reduce((sum, f) => sum + f.raw, 0),
    totalGzip: sized.reduce((sum, f) => sum + f.gzip, 0),
  };
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

function manifestScripts(distDir: string, route: string): string[] {
  const manifestPath = path.join(distDir, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: build the web app with build.manifest`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  // The signed-in layout and the route's own component; TanStack Router's file names for a path.
  const routeFile = route === '/' ? 'index' : route.replace(/^\//, '');
  const candidates = ['src/routes/_app.tsx', `src/routes/_app/${routeFile}.tsx`, `src/routes/_app/${routeFile}/index.tsx`, `src/routes/${routeFile}.tsx`];
  const keys = [
    ...Object.keys(manifest).filter((k) => manifest[k]?.isEntry),
    ...candidates.map((c) => `${c}?tsr-split=component`).filter((k) => manifest[k]),
  ];
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    for (const next of chunk.imports ?? []) visit(next);
  };
  keys.forEach(visit);
  return [...seen].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
}

async function observedScripts(distDir: string, route: string, options: BrowserOptions & { baseUrl: string }): Promise<string[]> {
  const { launch } = await fromLighthouse<ChromeLauncherModule>('chrome-launcher');
  const puppeteer = await fromLighthouse<PuppeteerModule>('puppeteer-core');
  const chrome = await launch({ chromePath: options.chromePath ?? defaultChrome, chromeFlags });
  try {
    const browser = await puppeteer.default.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 800 });
      if (options.cookie) await page.setExtraHTTPHeaders({ Cookie: options.cookie });
      const scripts = new Set<string>();
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (response.request().resourceType() === 'script' && url.origin === new URL(options.baseUrl).origin) scripts.add(url.pathname);
      });
      // The live-updates stream stays open, so "idle" allows two connections.
      await page.goto(new URL(route, options.baseUrl).href, { waitUntil: 'networkidle2', timeout: 60_000 });
      // The page's heading is there once the route rendered (not just the loader).
      await page.waitForSelector('main h1', { timeout: 30_000 });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const finalPath = new URL(page.url()).pathname;
      if (finalPath !== route) throw new Error(`${route} ended on ${finalPath}: not signed in?`);
      return [...scripts].map((p) => p.replace(/^\//, '')).filter((f) => existsSync(path.join(distDir, f)));
    } finally {
      await browser.disconnect();
    }
  } finally {
    chrome.kill();
  }
}

/**
 * Lighthouse's performance category for `url` with its default settings: a mid-range phone
 * (Moto G Power emulation) on simulated slow 4G with 4x CPU slowdown, the figure PageSpeed Insights
 * shows. `desktop: true` uses Lighthouse's desktop preset instead.
 */
export async function measureLighthouse(url: string, opts: BrowserOptions & { desktop?: boolean } = {}): Promise<LighthouseReport> {
  const { launch } = await fromLighthouse<ChromeLauncherModule>('chrome-launcher');
  const chrome = await launch({ chromePath: opts.chromePath ?? defaultChrome, chromeFlags });
  try {
    const desktop = opts.desktop
      ? { extends: 'lighthouse:default', settings: { formFactor: 'desktop' as const, screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false }, throttling: { rttMs: 40, throughputKbps: 10_240, cpuSlowdownMultiplier: 1, requestLatencyMs: 0, downloadThroughputKbps: 0, uploadThroughputKbps: 0 } } }
      : undefined;
    const result = await lighthouse(
      url,
      {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance'],
        ...(opts.cookie ? { extraHeaders: { Cookie: opts.cookie } } : {}),
      },
      desktop,
    );
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.message}`);
    const finalUrl = lhr.finalDisplayedUrl;
    if (new URL(finalUrl).pathname !== new URL(url).pathname) throw new Error(`${url} ended on ${finalUrl}: not signed in?`);
    const metric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    return {
      url,
      formFactor: opts.desktop ? 'desktop' : 'mobile',
      performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      fcp: Math.round(metric('first-contentful-paint')),
      lcp: Math.round(metric('largest-contentful-paint')),
      tbt: Math.round(metric('total-blocking-time')),
      cls: Number(metric('cumulative-layout-shift').toFixed(3)),
      si: Math.round(metric('speed-index')),
    };
  } finally {
    chrome.kill();
  }
}

// chrome-launcher and puppeteer-core come with Lighthouse; resolve them from there rather than
// declaring them a second time.
const lighthouseRequire = createRequire(fileURLToPath(import.meta.resolve('lighthouse')));
async function fromLighthouse<T>(name: string): Promise<T> {
  return (await import(pathToFileURL(lighthouseRequire.resolve(name)).href)) as T;
}

// The little of each API used here (neither package is a direct dependency, so no types resolve).
interface ChromeLauncherModule {
  launch(options: { chromePath: string; chromeFlags: string[] }): Promise<{ port: number; kill(): void }>;
}
interface PuppeteerResponse {
  url(): string;
  request(): { resourceType(): string };
}
interface PuppeteerPage {
  setViewport(viewport: { width: number; height: number }): Promise<void>;
  setExtraHTTPHeaders(headers: Record<string, string>): Promise<void>;
  on(event: 'response', handler: (response: PuppeteerResponse) => void): void;
  goto(url: string, options: { waitUntil: string; timeout: number }): Promise<unknown>;
  waitForSelector(selector: string, options: { timeout: number }): Promise<unknown>;
  url(): string;
}
interface PuppeteerModule {
  default: {
    connect(options: { browserURL: string }): Promise<{ newPage(): Promise<PuppeteerPage>; disconnect(): Promise<void> }>;
  };
}

// ---------------------------------------------------------------------------------------------
// Standalone run: a demo server on a free port, signed in as leadership, both pages measured.

const demoAccount = { email: 'leadership@demo.aionis.test', password: 'demo-leadership-aionis-2026' };

/** Signs in as the demo leadership account and returns the Cookie header value for the session. */
export async function signIn(baseUrl: string, account = demoAccount): Promise<string> {
  return (await ApiSession.signIn(baseUrl, account.email, account.password)).cookie;
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

async function main() {
  const distDir = builtWeb;
  const routes = ['/', '/plan'];
  // DEMO: the server seeds sample data and the demo accounts into a throw-away database of its own.
  const server = await startServer({ database: 'pglite', name: 'aionis_web', env: { DEMO: 'true', LOG_LEVEL: 'warn' } });
  try {
    const cookie = await signIn(server.url);
    for (const route of routes) {
      const observed = await measureBundle(distDir, route, { baseUrl: server.url, cookie });
      const manifest = await measureBundle(distDir, route);
      console.log(`\nJavaScript for the first visit to ${route} (KB; gzip = node:zlib level 9)`);
      console.table(observed.files.map((f) => ({ file: f.file, raw: kb(f.raw), gzip: kb(f.gzip) })));
      console.log(`observed: ${observed.files.length} files, ${kb(observed.totalRaw)} KB raw, ${kb(observed.totalGzip)} KB gzip (budget 150 KB)`);
      console.log(`manifest: ${manifest.files.length} files, ${kb(manifest.totalRaw)} KB raw, ${kb(manifest.totalGzip)} KB gzip`);
    }
    // Lighthouse varies from run to run (its CPU timings are this machine's, times four): the median
    // of several runs by score, as Lighthouse's own variability guide advises.
    const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
    const median = async (url: string, desktop: boolean) => {
      const results: LighthouseReport[] = [];
      for (let attempt = 0; results.length < runs; attempt++) {
        try {
          results.push(await measureLighthouse(url, { cookie, desktop }));
        } catch (error) {
          // Lighthouse now and then fails to record a trace (NO_NAVSTART); such a run is retried.
          if (attempt >= runs + 2) throw error;
          console.warn(String(error));
        }
      }
      return results.sort((a, b) => a.performance - b.performance)[Math.floor(results.length / 2)]!;
    };
    const scores = [];
    for (const route of routes) {
      scores.push(await median(`${server.url}${route}`, false));
      if (process.argv.includes('--desktop')) scores.push(await median(`${server.url}${route}`, true));
    }
    console.log(`\nLighthouse performance, median of ${runs} runs (mobile = Lighthouse default: emulated phone, simulated slow 4G, 4x CPU)`);
    console.table(
      scores.map((s) => ({ page: new URL(s.url).pathname, form: s.formFactor, score: s.performance, 'FCP ms': s.fcp, 'LCP ms': s.lcp, 'TBT ms': s.tbt, CLS: s.cls, 'SI ms': s.si })),
    );
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
