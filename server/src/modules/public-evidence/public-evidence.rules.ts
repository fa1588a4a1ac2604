// The public evidence page (launch plan §9: a monthly release evidence page tied to /changelog): the
// published claims with their boundary statements and the evidence behind them, grouped by month, as
// HTML in English or Chinese, as JSON and as an Atom feed. Pure: the service hands in exactly the public
// fields, and nothing else can reach these renderers.

export type PublicLocale = 'en' | 'zh-CN';

export interface PublicEvidenceItem {
  title: string;
  kind: string;
  url: string;
  capturedOn: string;
  health: 'UNCHECKED' | 'HEALTHY' | 'BROKEN';
  checkedAt: string | null;
}

export interface PublicClaim {
  id: string;
  statement: string;
  channel: string;
  layer: string;
  boundary: string;
  publishedAt: string;
  evidence: PublicEvidenceItem[];
}

export interface PublicMonth {
  /** YYYY-MM of publication (UTC). */
  month: string;
  claims: PublicClaim[];
}

/** Newest month first, newest claim first within a month. */
export function groupByMonth(claims: PublicClaim[]): PublicMonth[] {
  const sorted = [...claims].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || a.id.localeCompare(b.id));
  const months: PublicMonth[] = [];
  for (const claim of sorted) {
    const month = claim.publishedAt.slice(0, 7);
    const last = months.at(-1);
    if (last?.month === month) last.claims.push(claim);
    else months.push({ month, claims: [claim] });
  }
  return months;
}

/** `?lang=` first, then the browser's Accept-Language; English otherwise. */
export function pickLocale(lang: string | undefined, acceptLanguage: string | undefined): PublicLocale {
  if (lang) return /^zh/i.test(lang) ? 'zh-CN' : 'en';
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim();
    if (/^zh/i.test(tag)) return 'zh-CN';
    if (/^en/i.test(tag)) return 'en';
  }
  return 'en';
}

const words = {
  en: {
    title: 'Aionis — published claims and their evidence',
    intro: 'Every external claim Aionis makes, with its boundary statement (what it does not promise) and the evidence it rests on. Links are re-checked on a schedule.',
    empty: 'No claims have been published yet.',
    boundary: 'Boundary',
    evidence: 'Evidence',
    noEvidence: 'No evidence attached.',
    captured: 'captured',
    published: 'Published',
    feeds: 'Also as JSON and as an Atom feed.',
    other: '中文',
    reports: 'Monthly evidence reports',
    channel: { WEBSITE: 'Website', RELEASE_NOTE: 'Release note', SALES_DECK: 'Sales material', DOCS: 'Docs' } as Record<string, string>,
    kind: { RELEASE_EVIDENCE: 'Release evidence', GATE_RUN: 'Gate run', ARTIFACT: 'Artifact', REPORT: 'Report', CUSTOMER_EVIDENCE: 'Customer evidence', DOC: 'Doc', WEB_PAGE: 'Web page' } as Record<string, string>,
    health: { UNCHECKED: 'not checked yet', HEALTHY: 'link healthy', BROKEN: 'link broken' } as Record<string, string>,
  },
  'zh-CN': {
    title: 'Aionis —— 已发布的对外声明及其证据',
    intro: 'Aionis 的每一条对外声明，附其边界说明（不承诺什么）和所依据的证据。链接会定期重新检查。',
    empty: '尚未发布任何声明。',
    boundary: '边界',
    evidence: '证据',
    noEvidence: '未附证据。',
    captured: '采集于',
    published: '发布于',
    feeds: '也提供 JSON 和 Atom 订阅。',
    other: 'English',
    reports: '月度证据报告',
    channel: { WEBSITE: '官网', RELEASE_NOTE: '发布说明', SALES_DECK: '销售材料', DOCS: '文档' } as Record<string, string>,
    kind: { RELEASE_EVIDENCE: '发布证据', GATE_RUN: 'Gate 运行', ARTIFACT: '制品', REPORT: '报告', CUSTOMER_EVIDENCE: '客户证据', DOC: '文档', WEB_PAGE: '网页' } as Record<string, string>,
    health: { UNCHECKED: '尚未检查', HEALTHY: '链接正常', BROKEN: '链接失效' } as Record<string, string>,
  },
} as const;

/** Escapes text for HTML and XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Only http(s) links become links: anything else is shown as text, never as an href. */
const safeHref = (url: string) => (/^https?:\/\//i.test(url) ? url : null);

/** The page's only style, inline; its hash goes into the page's CSP, so no other style or script can run. */
export const PUBLIC_PAGE_STYLE =
  'body{font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC",sans-serif;max-width:46rem;margin:0 auto;padding:1.5rem 1rem;color:#1a1b1e;background:#fff}' +
  'h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #dee2e6}' +
  'article{margin:1rem 0;padding:.75rem 1rem;border:1px solid #dee2e6;border-radius:8px}p{margin:.25rem 0}' +
  '.meta,.muted{color:#495057;font-size:.875rem}.broken{color:#c92a2a}ul{padding-left:1.25rem;margin:.25rem 0}a{color:#1864ab}' +
  '@media (prefers-color-scheme:dark){body{background:#1a1b1e;color:#e9ecef}article,h2{border-color:#373a40}.meta,.muted{color:#adb5bd}a{color:#74c0fc}.broken{color:#ff8787}}';

const monthLabel = (month: string, locale: PublicLocale) => {
  const [y, m] = month.split('-');
  return locale === 'zh-CN' ? `${y} 年 ${Number(m)} 月` : new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
};

export interface PublicReport {
  month: string;
  publishedAt: string;
  path: string;
}

export function renderPublicHtml(months: PublicMonth[], locale: PublicLocale, basePath: string, reports: PublicReport[] = []): string {
  const w = words[locale];
  const other: PublicLocale = locale === 'en' ? 'zh-CN' : 'en';
  const evidenceItem = (e: PublicEvidenceItem) => {
    const href = safeHref(e.url);
    const title = href ? `<a href="${escapeXml(href)}" rel="noopener noreferrer">${escapeXml(e.title)}</a>` : escapeXml(e.title);
    const health = `<span class="${e.health === 'BROKEN' ? 'broken' : 'muted'}">${escapeXml(w.health[e.health] ?? e.health)}</span>`;
    return `<li>${title} <span class="muted">· ${escapeXml(w.kind[e.kind] ?? e.kind)} · ${w.captured} ${e.capturedOn}</span> · ${health}</li>`;
  };
  const claim = (c: PublicClaim) =>
    `<article id="claim-${escapeXml(c.id)}"><p><strong>${escapeXml(c.statement)}</strong></p>` +
    `<p class="meta">${escapeXml(w.channel[c.channel] ?? c.channel)} · ${escapeXml(c.layer)} · ${w.published} ${c.publishedAt.slice(0, 10)}</p>` +
    `<p><span class="muted">${w.boundary}:</span> ${escapeXml(c.boundary)}</p>` +
    `<p class="muted">${w.evidence}:</p>${c.evidence.length ? `<ul>${c.evidence.map(evidenceItem).join('')}</ul>` : `<p class="muted">${w.noEvidence}</p>`}</article>`;
  const body = months.length
    ? months.map((m) => `<section><h2>${escapeXml(monthLabel(m.month, locale))}</h2>${m.claims.map(claim).join('')}</section>`).join('')
    : `<p class="muted">${w.empty}</p>`;
  const reportList = reports.length
    ? `<section><h2>${w.reports}</h2><ul>${reports.map((r) => `<li><a href="${escapeXml(r.path)}">${escapeXml(monthLabel(r.month, locale))}</a></li>`).join('')}</ul></section>`
    : '';
  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeXml(w.title)}</title><link rel="alternate" type="application/atom+xml" href="${basePath}.atom"><style>${PUBLIC_PAGE_STYLE}</style></head>` +
    `<body><header><h1>${escapeXml(w.title)}</h1><p class="muted">${escapeXml(w.intro)}</p>` +
    `<p class="muted"><a href="${basePath}?lang=${other}" lang="${other}">${w.other}</a> · <a href="${basePath}.json">JSON</a> · <a href="${basePath}.atom">Atom</a> — ${escapeXml(w.feeds)}</p></header>` +
    `<main>${body}${reportList}</main></body></html>`
  );
}

/** The JSON document (its shape is `public-evidence.schema.json`, version 1). */
export function publicJson(months: PublicMonth[], generatedAt: string, reports: PublicReport[] = []) {
  return { version: 1 as const, generatedAt, months: [...months], reports };
}

/** An Atom 1.0 feed, one entry per published claim, newest first. */
export function renderAtom(months: PublicMonth[], origin: string, basePath: string, updated: string): string {
  const claims = months.flatMap((m) => m.claims);
  const page = `${origin}${basePath}`;
  const entry = (c: PublicClaim) => {
    const evidence = c.evidence.map((e) => `${e.title} (${e.kind}, ${e.capturedOn}, ${e.health}): ${e.url}`).join('\n');
    const content = `${c.statement}\n\nBoundary: ${c.boundary}\n\nEvidence:\n${evidence || '—'}`;
    return (
      `<entry><id>${escapeXml(`${page}#claim-${c.id}`)}</id><title>${escapeXml(c.statement)}</title>` +
      `<updated>${c.publishedAt}</updated><published>${c.publishedAt}</published>` +
      `<link rel="alternate" href="${escapeXml(`${page}#claim-${c.id}`)}"/>` +
      `<category term="${escapeXml(c.channel)}"/><category term="${escapeXml(c.layer)}"/>` +
      `<content type="text">${escapeXml(content)}</content></entry>`
    );
  };
  return (
    `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">` +
    `<id>${escapeXml(page)}</id><title>Aionis — published claims and their evidence</title>` +
    `<updated>${updated}</updated><author><name>Aionis</name></author>` +
    `<link rel="self" href="${escapeXml(`${page}.atom`)}"/><link rel="alternate" href="${escapeXml(page)}"/>` +
    `${claims.map(entry).join('')}</feed>`
  );
}
