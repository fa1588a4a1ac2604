import { createHash } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import pLimit from 'p-limit';
import type { Actor, AppServices } from '../../context.js';
import type { Db } from '../../db/database.js';
import type { IsoDate } from '../../lib/dates.js';
import { recordAudit } from '../audit/audit.service.js';
import { lockCriteria, reevaluateCriteria } from '../criteria/criteria.service.js';
import {
  checkableUrl,
  describeRequestError,
  FINGERPRINT_MAX_BYTES,
  fingerprintable,
  formatDuration,
  healthOfStatus,
  isPublicAddress,
  nextFingerprintState,
  nextLinkState,
  nextRedirect,
  redirectStatuses,
  refusalMessage,
  retryWithGet,
  type Fingerprint,
  type LinkCheckOutcome,
} from './link-check.rules.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface LinkCheckOptions {
  /** Connect to private, loopback and other non-public addresses too (tests; an intranet deployment). */
  allowPrivate: boolean;
  /** Each request, from DNS lookup to response headers. */
  timeoutMs: number;
  maxRedirects: number;
  userAgent: string;
  /** The whole check, redirects and GET fallbacks included. Default: three times `timeoutMs`. */
  deadlineMs?: number;
  /** Aborts the check from outside (shutdown); an aborted check's outcome must be discarded. */
  signal?: AbortSignal;
  /** Test seam: the DNS resolver (default: the system's, as `dns.lookup` with `all: true`). */
  resolve?: (hostname: string, family: number) => Promise<ResolvedAddress[]>;
  /** Test seam: which addresses count as public (default: `isPublicAddress`). */
  isPublic?: (address: string) => boolean;
}

export const defaultLinkCheckOptions: LinkCheckOptions = {
  allowPrivate: false,
  timeoutMs: 10_000,
  maxRedirects: 5,
  userAgent: 'AionisLinkChecker/1 (evidence link health)',
};

/** What the server's configuration (LINK_CHECK_*) decides about link checks. */
export type LinkCheckConfig = NonNullable<AppServices['linkCheck']>;

class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
}

const systemResolve = (hostname: string, family: number) => dnsLookup(hostname, { all: true, family });

/**
 * A `lookup` for http.request that resolves the name and refuses the connection when any address is
 * not public. It runs when the socket connects, on the very addresses it connects to, so a name
 * that resolved to a public address a moment ago and to 127.0.0.1 now (DNS rebinding) is refused.
 */
function guardedLookup(resolve: NonNullable<LinkCheckOptions['resolve']>, isPublic: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options.family === 'IPv6' ? 6 : options.family === 'IPv4' ? 4 : (options.family ?? 0)).then(
      (addresses) => {
        const refused = addresses.find((a) => !isPublic(a.address));
        if (refused) return callback(new RefusedAddressError(refusalMessage(refused.address, hostname)), '', 0);
        if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

interface Answer {
  status: number;
  location: string | undefined;
}

/** One request; resolves with the status and Location once the headers arrive, never reading the body. */
function request(url: URL, method: 'HEAD' | 'GET', signal: AbortSignal, options: LinkCheckOptions, lookup: LookupFunction | undefined): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method,
        headers: { 'user-agent': options.userAgent, accept: '*/*' },
        // A fresh connection each time: a pooled socket would skip the address check.
        agent: false,
        signal,
        ...(lookup && { lookup }),
      },
      (res) => {
        resolve({ status: res.statusCode ?? 0, location: res.headers.location });
        res.destroy();
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Checks one link: http/https only; HEAD first, and GET when HEAD answers ≥ 400; redirects followed
 * by hand up to `maxRedirects`, a loop refused; each request bounded by `timeoutMs` and the whole
 * check by `deadlineMs`; non-public addresses refused unless `allowPrivate`. Never throws: a failure
 * is a BROKEN outcome with a `checkError`.
 */
export async function checkUrl(rawUrl: string, overrides: Partial<LinkCheckOptions> = {}): Promise<LinkCheckOutcome> {
  const options = { ...defaultLinkCheckOptions, ...overrides };
  const start = checkableUrl(rawUrl);
  if ('error' in start) return { health: 'BROKEN', httpStatus: null, finalUrl: null, checkError: start.error };

  const isPublic = options.isPublic ?? isPublicAddress;
  const lookup = options.allowPrivate ? undefined : guardedLookup(options.resolve ?? systemResolve, isPublic);
  const deadlineMs = options.deadlineMs ?? 3 * options.timeoutMs;
  const deadline = AbortSignal.timeout(deadlineMs);
  const outer = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;

  const visited = new Set([start.url.href]);
  let url = start.url;
  let followed = 0;
  const broken = (checkError: string, httpStatus: number | null = null): LinkCheckOutcome => ({ health: 'BROKEN', httpStatus, finalUrl: url.href, checkError });

  for (;;) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // An IP literal is connected to without a lookup, so it is checked here.
    if (!options.allowPrivate && isIP(host) && !isPublic(host)) return broken(refusalMessage(host));

    let answer: Answer;
    try {
      const once = (method: 'HEAD' | 'GET') => request(url, method, AbortSignal.any([outer, AbortSignal.timeout(options.timeoutMs)]), options, lookup);
      answer = await once('HEAD');
      if (retryWithGet(answer.status)) answer = await once('GET');
    } catch (error) {
      if (error instanceof RefusedAddressError) return broken(error.message);
      if (options.signal?.aborted) return broken('check aborted');
      if (deadline.aborted) return broken(`gave up after ${formatDuration(deadlineMs)} in all`);
      if ((error as Error).name === 'AbortError') return broken(`timed out after ${formatDuration(options.timeoutMs)}`);
      return broken(describeRequestError(error as Error));
    }

    if (!redirectStatuses.has(answer.status)) return { health: healthOfStatus(answer.status), httpStatus: answer.status, finalUrl: url.href, checkError: null };
    const step = nextRedirect(url.href, answer.status, answer.location, { visited, followed, maxRedirects: options.maxRedirects });
    if ('error' in step) return broken(step.error, answer.status);
    visited.add(step.follow);
    url = new URL(step.follow);
    followed++;
  }
}

/**
 * What `url` serves (the final URL of a healthy check): one GET, through the same address guard and time
 * limits, reading at most `maxBytes` of the body into a SHA-256. Null when the fetch fails or does not
 * answer 2xx: the fingerprint is left as it was, and link health stays the check's business.
 */
export async function fetchFingerprint(url: string, overrides: Partial<LinkCheckOptions> & { maxBytes?: number } = {}): Promise<Fingerprint | null> {
  const options = { ...defaultLinkCheckOptions, ...overrides };
  const maxBytes = overrides.maxBytes ?? FINGERPRINT_MAX_BYTES;
  const start = checkableUrl(url);
  if ('error' in start) return null;
  const isPublic = options.isPublic ?? isPublicAddress;
  const host = start.url.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivate && isIP(host) && !isPublic(host)) return null;
  const lookup = options.allowPrivate ? undefined : guardedLookup(options.resolve ?? systemResolve, isPublic);
  const signal = AbortSignal.any([AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])]);
  return new Promise<Fingerprint | null>((resolve) => {
    const client = start.url.protocol === 'https:' ? https : http;
    const req = client.request(
      {
        protocol: start.url.protocol,
        hostname: host,
        port: start.url.port || undefined,
        path: `${start.url.pathname}${start.url.search}`,
        method: 'GET',
        headers: { 'user-agent': options.userAgent, accept: '*/*', 'accept-encoding': 'identity' },
        agent: false,
        signal,
        ...(lookup && { lookup }),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          res.destroy();
          return resolve(null);
        }
        const hash = createHash('sha256');
        let read = 0;
        let truncated = false;
        let done = false;
        const finish = (ok: boolean) => {
          if (done) return;
          done = true;
          if (!ok) return resolve(null);
          const declared = Number(res.headers['content-length']);
          resolve({
            sha256: hash.digest('hex'),
            contentType: res.headers['content-type']?.split(';')[0]?.trim().toLowerCase() || null,
            bytes: truncated && Number.isFinite(declared) && declared > read ? declared : read,
            truncated,
          });
        };
        res.on('data', (chunk: Buffer) => {
          if (done) return;
          if (read + chunk.length > maxBytes) {
            hash.update(chunk.subarray(0, maxBytes - read));
            read = maxBytes;
            truncated = true;
            finish(true);
            res.destroy();
            return;
          }
          hash.update(chunk);
          read += chunk.length;
        });
        res.on('end', () => finish(true));
        res.on('error', () => finish(false));
        res.on('close', () => finish(false));
      },
    );
    req.on('error', () => resolve(null));
    req.end();
  });
}

// ---- checking stored evidence --------------------------------------------------------------------

export interface CheckEvidenceInput {
  /** Only these (live) evidence records; default: every live record. */
  ids?: readonly string[];
  /** The clock for `checkedAt` / `brokenSince`, read when each result is written. */
  now?: () => Date;
  actor: Actor;
  today: IsoDate;
  options?: Partial<LinkCheckOptions>;
  /** How many links are checked at once. */
  concurrency?: number;
  /** Stops the run (shutdown): checks not yet written are dropped, nothing is marked broken for it. */
  signal?: AbortSignal;
}

export interface LinkCheckSummary {
  checked: number;
  healthy: number;
  broken: number;
  /** Records whose health changed (an audit event and a criteria re-evaluation each). */
  changed: number;
}

/** The options a run gets from the server's configuration. */
export const linkCheckOptionsFrom = (config: LinkCheckConfig | undefined): Partial<LinkCheckOptions> =>
  config ? { allowPrivate: config.allowPrivate, timeoutMs: config.timeoutMs } : {};

/**
 * Checks the live evidence links (all, or `ids`), least recently checked first, `concurrency` at a
 * time, and writes each result in its own short transaction (never one transaction held across
 * network calls). A change of health is recorded in the audit trail and re-evaluates the criteria.
 */
export async function checkEvidence(db: Db, input: CheckEvidenceInput): Promise<LinkCheckSummary> {
  const now = input.now ?? (() => new Date());
  const rows = await db.evidence.findMany({
    where: { archivedAt: null, ...(input.ids && { id: { in: [...input.ids] } }) },
    orderBy: [{ checkedAt: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }],
    select: { id: true, url: true, livePage: true },
  });
  const summary: LinkCheckSummary = { checked: 0, healthy: 0, broken: 0, changed: 0 };
  const limit = pLimit(Math.max(1, input.concurrency ?? 4));
  const settled = await Promise.allSettled(
    rows.map((row) =>
      limit(async () => {
        if (input.signal?.aborted) return;
        const fetchOptions = { ...input.options, ...(input.signal && { signal: input.signal }) };
        const outcome = await checkUrl(row.url, fetchOptions);
        if (input.signal?.aborted) return;
        const fingerprint = fingerprintable(outcome) ? await fetchFingerprint(outcome.finalUrl!, fetchOptions) : null;
        if (input.signal?.aborted) return;
        const written = await writeOutcome(db, input, row, outcome, fingerprint, now());
        if (!written) return;
        summary.checked++;
        summary[written.health === 'HEALTHY' ? 'healthy' : 'broken']++;
        if (written.changed) summary.changed++;
      }),
    ),
  );
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return summary;
}

/**
 * Stores one outcome, unless the record moved on while it was being checked: archived, its URL
 * edited (the edit reset it to UNCHECKED), or its health written by a concurrent check — then this
 * result is stale and dropped (null). The update is conditional on what was read, so two checkers
 * never both record the same change.
 */
async function writeOutcome(db: Db, input: CheckEvidenceInput, row: { id: string; url: string }, outcome: LinkCheckOutcome, fingerprint: Fingerprint | null, now: Date) {
  return db.$transaction(async (tx) => {
    const live = { id: row.id, url: row.url, archivedAt: null };
    const before = await tx.evidence.findFirst({ where: live, select: { health: true, brokenSince: true, capturedFingerprint: true, contentChangedAt: true, livePage: true } });
    if (!before) return null;
    const next = nextLinkState(before, outcome, now);
    const changed = before.health !== next.health;
    // A change of health re-evaluates criteria: the criteria lock comes before the evidence row's
    // (one lock order everywhere, docs/architecture.md), else this and an edit deadlock.
    if (changed) await lockCriteria(tx);
    const content = fingerprint ? nextFingerprintState(before, fingerprint, now) : null;
    const { count } = await tx.evidence.updateMany({ where: { ...live, health: before.health }, data: { ...next, ...content } });
    if (count === 0) return null;
    // Content that now differs from what was captured (or is back to it) is a fact worth keeping; it does
    // not break the link, so criteria are not re-evaluated for it.
    if (content && (before.contentChangedAt === null) !== (content.contentChangedAt === null)) {
      await recordAudit(tx, input.actor, {
        action: 'evidence.content',
        entityType: 'evidence',
        entityId: row.id,
        changes: { contentChanged: { from: before.contentChangedAt !== null, to: content.contentChangedAt !== null }, fingerprint: { from: before.capturedFingerprint, to: content.fingerprint } },
      });
    }
    if (changed) {
      await recordAudit(tx, input.actor, {
        action: 'evidence.health',
        entityType: 'evidence',
        entityId: row.id,
        changes: { health: { from: before.health, to: next.health }, httpStatus: next.httpStatus, checkError: next.checkError },
      });
      await reevaluateCriteria(tx, input.actor, input.today);
    }
    return { health: next.health, changed };
  });
}

/**
 * Checks freshly saved links after the response, so a new link shows its health within seconds rather
 * than at the next scheduled run. Off unless the server's config says so (tests have no network).
 * Failures are logged by the caller's logger only through the result: a link that cannot be checked is
 * simply checked again by the schedule.
 */
export function checkInBackground(db: Db, ctx: { actor: Actor; today: () => IsoDate; linkCheck?: LinkCheckConfig | undefined }, ids: string[]) {
  if (!ctx.linkCheck?.checkOnSave) return;
  void checkEvidence(db, { ids, actor: ctx.actor, today: ctx.today(), options: linkCheckOptionsFrom(ctx.linkCheck) }).catch(() => undefined);
}
