import ipaddr from 'ipaddr.js';
import type { LinkHealth } from './evidence.schema.js';

// ---- addresses (server-side request forgery) -----------------------------------------------------

/**
 * The range an IP address falls in, as ipaddr.js names it: `unicast` is the public internet;
 * anything else (private, loopback, linkLocal, uniqueLocal, carrierGradeNat, multicast, unspecified,
 * broadcast, reserved, 6to4, teredo …) is not. An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) and a
 * NAT64 address (`64:ff9b::10.0.0.1`) are judged by the IPv4 address inside, so neither can smuggle a
 * private address past the check. A string that is no IP address is `invalid`.
 */
export function addressRange(address: string): string {
  // A zone index (`fe80::1%eth0`) names an interface, not an address: it is link-local anyway.
  const bare = address.replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return 'invalid';
  const ip = ipaddr.parse(bare);
  if (ip instanceof ipaddr.IPv4) return ip.range();
  if (ip.isIPv4MappedAddress()) return ip.toIPv4Address().range();
  if (ip.match(nat64Prefix, 96)) {
    const [hi, lo] = ip.parts.slice(6) as [number, number];
    return new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]).range();
  }
  return ip.range();
}

// RFC 6052's well-known NAT64 prefix (64:ff9b::/96); DNS64 answers with it on IPv6-only networks.
const nat64Prefix = ipaddr.IPv6.parse('64:ff9b::');

/** Only public unicast addresses may be fetched (unless the configuration allows private ones). */
export const isPublicAddress = (address: string) => addressRange(address) === 'unicast';

const rangeNames: Record<string, string> = {
  private: 'a private',
  loopback: 'a loopback',
  linkLocal: 'a link-local',
  uniqueLocal: 'a unique-local',
  carrierGradeNat: 'a carrier-grade NAT',
  multicast: 'a multicast',
  unspecified: 'an unspecified',
  broadcast: 'a broadcast',
  invalid: 'an invalid',
};

/** Why the checker will not connect to this address, for `checkError`. */
export function refusalMessage(address: string, host?: string): string {
  const range = addressRange(address);
  const what = rangeNames[range] ?? `a non-public (${range})`;
  const target = host && host !== address ? `${host} resolves to ${address}` : address;
  return `refused: ${target}, ${what} address (private addresses are not checked unless LINK_CHECK_ALLOW_PRIVATE is set)`;
}

// ---- URLs and redirects --------------------------------------------------------------------------

export const checkedProtocols = ['http:', 'https:'] as const;

/** A URL the checker will request, without its fragment (never sent; two URLs differing in it are one). */
export function checkableUrl(raw: string): { url: URL } | { error: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: 'not a valid URL' };
  }
  if (!(checkedProtocols as readonly string[]).includes(url.protocol)) return { error: `only http and https links can be checked, not ${url.protocol}` };
  url.hash = '';
  return { url };
}

export const redirectStatuses: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

export type RedirectStep = { follow: string } | { error: string };

/**
 * Where a redirect leads: the Location resolved against the URL that answered (it may be relative),
 * which must stay http/https, must not revisit a URL of this chain (a loop), and must not exceed
 * `maxRedirects` redirects in all.
 */
export function nextRedirect(
  from: string,
  status: number,
  location: string | undefined,
  chain: { visited: ReadonlySet<string>; followed: number; maxRedirects: number },
): RedirectStep {
  if (!location) return { error: `redirect (${status}) without a Location header` };
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    return { error: `redirect (${status}) to an invalid URL: ${location.slice(0, 200)}` };
  }
  if (!(checkedProtocols as readonly string[]).includes(target.protocol)) return { error: `redirect (${status}) to an unsupported scheme ${target.protocol}` };
  target.hash = '';
  if (chain.visited.has(target.href)) return { error: `redirect loop: back to ${target.href}` };
  if (chain.followed >= chain.maxRedirects) return { error: `too many redirects (more than ${chain.maxRedirects})` };
  return { follow: target.href };
}

/** HEAD is cheap, but many servers answer it wrongly (405, 501, or a 404/403 GET would not give). */
export const retryWithGet = (status: number) => status >= 400;

// ---- health --------------------------------------------------------------------------------------

/** Reachable but protected: the page exists, the checker is not allowed in (a login, a bot wall, a rate limit). */
export const protectedStatuses: ReadonlySet<number> = new Set([401, 403, 429]);

export type CheckedHealth = Exclude<LinkHealth, 'UNCHECKED'>;

/**
 * The health a final status (after redirects) means: 2xx is healthy; 401/403/429 count as healthy
 * too (the status is recorded, so the page can say "protected"); anything else — 404, 410, 5xx, a
 * final 3xx without a usable Location — is broken.
 */
export function healthOfStatus(status: number): CheckedHealth {
  return (status >= 200 && status < 300) || protectedStatuses.has(status) ? 'HEALTHY' : 'BROKEN';
}

export interface LinkCheckOutcome {
  health: CheckedHealth;
  /** The last status received (a redirect's when the chain failed); null when nothing answered. */
  httpStatus: number | null;
  /** The last URL requested; null when the URL itself could not be requested. */
  finalUrl: string | null;
  /** Why a check failed without a final status (timeout, refused address, redirect loop …); null otherwise. */
  checkError: string | null;
}

export interface LinkState {
  health: LinkHealth;
  brokenSince: Date | null;
}

export interface NextLinkState extends LinkCheckOutcome {
  checkedAt: Date;
  brokenSince: Date | null;
}

/**
 * The evidence row after a check: the outcome, when it was checked, and since when it is broken —
 * kept while it stays broken (so "broken for 3 days" means it), set when it turns broken, cleared
 * when it is healthy again.
 */
export function nextLinkState(before: LinkState, outcome: LinkCheckOutcome, now: Date): NextLinkState {
  const brokenSince = outcome.health === 'HEALTHY' ? null : before.health === 'BROKEN' && before.brokenSince ? before.brokenSince : now;
  return { ...outcome, checkedAt: now, brokenSince };
}

// ---- errors --------------------------------------------------------------------------------------

const errorCodes: Record<string, string> = {
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
};

/** A readable `checkError` for a failed request (Node's error code, else its message). */
export function describeRequestError(error: { code?: unknown; message?: unknown }): string {
  const code = typeof error.code === 'string' ? error.code : '';
  const message = typeof error.message === 'string' ? error.message : String(error);
  if (errorCodes[code]) return errorCodes[code];
  if (code.startsWith('HPE_')) return `invalid HTTP response (${code})`;
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return `TLS error: ${message}`;
  return message.slice(0, 300) || code || 'request failed';
}

export const formatDuration = (ms: number) => (ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`);

// ---- fingerprints (docs/decisions/043-evidence-fingerprints.md) -----------------------------------

/** How much of a body is hashed; a larger one is hashed up to here and marked truncated. */
export const FINGERPRINT_MAX_BYTES = 1_048_576;

export interface Fingerprint {
  /** SHA-256 (hex) of the body, or of its first FINGERPRINT_MAX_BYTES. */
  sha256: string;
  contentType: string | null;
  /** The body's length: Content-Length when the body was cut at the cap, else the bytes read. */
  bytes: number;
  truncated: boolean;
}

/** Only a page that answered 2xx is fetched for its content: a protected page's login wall is not the evidence. */
export const fingerprintable = (outcome: LinkCheckOutcome) => outcome.health === 'HEALTHY' && outcome.httpStatus !== null && outcome.httpStatus >= 200 && outcome.httpStatus < 300;

export interface FingerprintState {
  capturedFingerprint: string | null;
  contentChangedAt: Date | null;
  livePage: boolean;
}

export interface NextFingerprintState {
  fingerprint: string;
  fingerprintType: string | null;
  fingerprintBytes: number;
  fingerprintTruncated: boolean;
  fingerprintAt: Date;
  capturedFingerprint: string;
  contentChangedAt: Date | null;
}

/**
 * The evidence's fingerprint fields after a fetch. The first fingerprint is the captured one. After that
 * content that differs from it is *changed* since the first fetch that saw the difference (kept while it
 * stays different, cleared if the original content comes back); a live page is never compared.
 */
export function nextFingerprintState(before: FingerprintState, fp: Fingerprint, now: Date): NextFingerprintState {
  const captured = before.capturedFingerprint ?? fp.sha256;
  const differs = !before.livePage && fp.sha256 !== captured;
  return {
    fingerprint: fp.sha256,
    fingerprintType: fp.contentType,
    fingerprintBytes: fp.bytes,
    fingerprintTruncated: fp.truncated,
    fingerprintAt: now,
    capturedFingerprint: captured,
    contentChangedAt: differs ? (before.contentChangedAt ?? now) : null,
  };
}
