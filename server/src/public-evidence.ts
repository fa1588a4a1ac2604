// GET /public/evidence (HTML, English or Chinese), /public/evidence.json and /public/evidence.atom:
// served without signing in, when an admin has turned the page on. Each response is rate-limited per
// address, cached with an ETag, and the HTML has its own CSP: no script at all, its one inline style by
// hash, and framing allowed so the website can embed it (the page has nothing to click but links).
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from './context.js';
import { groupByMonth, pickLocale, PUBLIC_PAGE_STYLE, publicJson, renderAtom, renderPublicHtml } from './modules/public-evidence/public-evidence.rules.js';
import { publicClaims, publicEvidenceEnabled } from './modules/public-evidence/public-evidence.service.js';
import { publishedReportMarkdown, publishedReports } from './modules/reports/reports.service.js';

export const PUBLIC_EVIDENCE_PATH = '/public/evidence';

const styleHash = createHash('sha256').update(PUBLIC_PAGE_STYLE).digest('base64');
const htmlPolicy = `default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'; frame-ancestors *`;

/** Sends `body` with a strong ETag, or 304 when the client already holds it. */
function sendCached(req: FastifyRequest, reply: FastifyReply, body: string, contentType: string) {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  reply.header('etag', etag).header('cache-control', 'public, max-age=300').header('vary', 'Accept-Language');
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type(contentType).send(body);
}

export async function registerPublicEvidence(app: FastifyInstance, services: AppServices, options: { publicUrl: string; rateLimitPerMinute?: number }) {
  await app.register(async (scope) => {
    await scope.register(rateLimit, {
      max: options.rateLimitPerMinute ?? 120,
      timeWindow: '1 minute',
      errorResponseBuilder: (_req, context) => ({ statusCode: 429, error: 'Too many requests', message: `Try again in ${Math.ceil(context.ttl / 1000)} s` }),
    });

    const load = async (reply: FastifyReply) => {
      if (!(await publicEvidenceEnabled(services.db.prisma))) {
        reply.code(404).type('text/plain; charset=utf-8').send('The public evidence page is not turned on.');
        return null;
      }
      const [claims, reports] = await Promise.all([publicClaims(services.db.prisma), publishedReports(services.db.prisma)]);
      return Object.assign(groupByMonth(claims), { reports: reports.map((r) => ({ ...r, path: `${PUBLIC_EVIDENCE_PATH}/reports/${r.month}` })) });
    };
    const newest = (months: Awaited<ReturnType<typeof load>> & object) => months[0]?.claims[0]?.publishedAt ?? new Date(0).toISOString();

    scope.get(PUBLIC_EVIDENCE_PATH, async (req, reply) => {
      const months = await load(reply);
      if (!months) return reply;
      const query = req.query as { lang?: string };
      const locale = pickLocale(typeof query.lang === 'string' ? query.lang : undefined, req.headers['accept-language']);
      reply.raw.removeHeader('x-frame-options');
      reply.header('content-security-policy', htmlPolicy).header('content-language', locale);
      return sendCached(req, reply, renderPublicHtml(months, locale, PUBLIC_EVIDENCE_PATH, months.reports), 'text/html; charset=utf-8');
    });

    scope.get(`${PUBLIC_EVIDENCE_PATH}.json`, async (req, reply) => {
      const months = await load(reply);
      if (!months) return reply;
      reply.header('access-control-allow-origin', '*');
      return sendCached(req, reply, JSON.stringify(publicJson(months, newest(months), months.reports)), 'application/json; charset=utf-8');
    });

    // A monthly evidence report leadership published, as Markdown.
    scope.get(`${PUBLIC_EVIDENCE_PATH}/reports/:month`, async (req, reply) => {
      if (!(await load(reply))) return reply;
      const { month } = req.params as { month: string };
      const markdown = /^\d{4}-\d{2}$/.test(month) ? await publishedReportMarkdown(services.db.prisma, month) : null;
      if (!markdown) return reply.code(404).type('text/plain; charset=utf-8').send('No report has been published for that month.');
      reply.header('access-control-allow-origin', '*');
      return sendCached(req, reply, markdown, 'text/markdown; charset=utf-8');
    });

    scope.get(`${PUBLIC_EVIDENCE_PATH}.atom`, async (req, reply) => {
      const months = await load(reply);
      if (!months) return reply;
      reply.header('access-control-allow-origin', '*');
      return sendCached(req, reply, renderAtom(months, new URL(options.publicUrl).origin, PUBLIC_EVIDENCE_PATH, newest(months)), 'application/atom+xml; charset=utf-8');
    });
  });
}
