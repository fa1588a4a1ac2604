// Email for a notification (decision 031): the message in the recipient's language, and the signed
// one-click unsubscribe link for its kind. Pure: no I/O.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NotificationKind } from './notifications.schema.js';

export type MailLanguage = 'en' | 'zh-CN';
export const isMailLanguage = (v: unknown): v is MailLanguage => v === 'en' || v === 'zh-CN';

type Params = Record<string, unknown>;
const s = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

const gateStatus: Record<MailLanguage, Record<string, string>> = {
  en: { PENDING: 'Pending', ON_TRACK: 'On track', AT_RISK: 'At risk', BLOCKED: 'Blocked', PASSED: 'Passed', FAILED: 'Failed' },
  'zh-CN': { PENDING: '待定', ON_TRACK: '正常', AT_RISK: '有风险', BLOCKED: '受阻', PASSED: '已通过', FAILED: '未通过' },
};
const claimStatus: Record<MailLanguage, Record<string, string>> = {
  en: { DRAFT: 'Draft', APPROVED: 'Approved', PUBLISHED: 'Published', RETRACTED: 'Retracted' },
  'zh-CN': { DRAFT: '草稿', APPROVED: '已批准', PUBLISHED: '已发布', RETRACTED: '已撤回' },
};
const stage: Record<MailLanguage, Record<string, string>> = {
  en: { LEAD: 'Lead', QUALIFIED: 'Qualified', POC: 'PoC', PAID_TRIAL: 'Paid trial', PAID: 'Paid', LOST: 'Lost' },
  'zh-CN': { LEAD: '线索', QUALIFIED: '已确认', POC: 'PoC', PAID_TRIAL: '付费试用', PAID: '已付费', LOST: '已流失' },
};
const word = (table: Record<string, string>, v: unknown) => table[s(v)] ?? s(v);

/** The one sentence a notification says, as the subject and the first line of the body. */
export function sentence(kind: string, p: Params, lang: MailLanguage): string {
  const zh = lang === 'zh-CN';
  switch (kind) {
    case 'actionItem.assigned':
      return zh ? `${s(p.actorName)} 给你分配了行动项：${s(p.title)}` : `${s(p.actorName)} assigned you an action item: ${s(p.title)}`;
    case 'partner.assigned':
      return zh ? `${s(p.actorName)} 把 ${s(p.company)} 交给你负责` : `${s(p.actorName)} made you the owner of ${s(p.company)}`;
    case 'partner.changed':
      return zh
        ? `${s(p.company)} 从 ${word(stage[lang], p.from)} 进入 ${word(stage[lang], p.to)}`
        : `${s(p.company)} moved from ${word(stage[lang], p.from)} to ${word(stage[lang], p.to)}`;
    case 'gate.changed': {
      if (p.change === 'criterion') {
        const to = p.to === 'met' ? (zh ? '已达成' : 'met') : zh ? '未达成' : 'not met';
        return zh ? `Gate “${s(p.title)}” 的一项标准现为${to}` : `A criterion of gate “${s(p.title)}” is now ${to}`;
      }
      const to = word(gateStatus[lang], p.to);
      if (p.change === 'decision') return zh ? `Gate “${s(p.title)}”：决定 ${s(p.decision)}，现为${to}` : `Gate “${s(p.title)}”: decision ${s(p.decision)}, now ${to}`;
      return zh ? `Gate “${s(p.title)}” 现为${to}` : `Gate “${s(p.title)}” is now ${to}`;
    }
    case 'evidence.broken':
      return zh ? `你添加的证据 “${s(p.title)}” 链接失效` : `The link of evidence “${s(p.title)}” you added is broken`;
    case 'claim.changed':
      return zh ? `对外声明 “${s(p.statement)}” 现为${word(claimStatus[lang], p.to)}` : `Claim “${s(p.statement)}” is now ${word(claimStatus[lang], p.to)}`;
    default:
      return kind;
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Subject, plain text and HTML: the sentence, a link to the record, and the way to stop this kind. */
export function renderMail(input: { kind: string; params: Params; lang: MailLanguage; recordUrl: string; unsubscribeUrl: string }): RenderedMail {
  const zh = input.lang === 'zh-CN';
  const line = sentence(input.kind, input.params, input.lang);
  const open = zh ? '在控制台中打开' : 'Open it in the console';
  const stop = zh ? '不再接收此类邮件' : 'Stop emails like this';
  const why = zh ? '你收到这封邮件，是因为你在 Aionis GTM 控制台中开启了此类通知。' : 'You get this email because this kind of notification is on for you in the Aionis GTM console.';
  const subject = `[Aionis] ${line}`.replace(/[\r\n]+/g, ' ');
  const text = `${line}\n\n${open}: ${input.recordUrl}\n\n--\n${why}\n${stop}: ${input.unsubscribeUrl}\n`;
  const html = `<!doctype html><html lang="${input.lang}"><body style="font-family:system-ui,sans-serif;line-height:1.5">
<p style="font-size:16px">${escapeHtml(line)}</p>
<p><a href="${escapeHtml(input.recordUrl)}">${escapeHtml(open)}</a></p>
<hr><p style="color:#666;font-size:12px">${escapeHtml(why)}<br><a href="${escapeHtml(input.unsubscribeUrl)}">${escapeHtml(stop)}</a></p>
</body></html>`;
  return { subject, text, html };
}

// ---- one-click unsubscribe ---------------------------------------------------------------------

const signature = (secret: string, userId: string, kind: string) => createHmac('sha256', secret).update(`unsubscribe\n${userId}\n${kind}`).digest('base64url');

/** The link that switches this kind's email off for this person, without signing in. */
export function unsubscribeUrl(publicUrl: string, secret: string, userId: string, kind: NotificationKind | string): string {
  const query = new URLSearchParams({ u: userId, k: kind, s: signature(secret, userId, kind) });
  return `${publicUrl.replace(/\/$/, '')}/api/notifications/unsubscribe?${query}`;
}

/** Whether an unsubscribe link was signed by this server for this person and kind. */
export function verifyUnsubscribe(secret: string, userId: string, kind: string, presented: string): boolean {
  const expected = Buffer.from(signature(secret, userId, kind));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
