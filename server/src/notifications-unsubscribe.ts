// /api/notifications/unsubscribe: the link at the foot of every notification email. It works without
// signing in (its HMAC signature names the person and the kind). GET shows a page with one button, so a
// mail scanner that follows links changes nothing; POST unsubscribes — also what a mail client's
// one-click unsubscribe sends (RFC 8058, `List-Unsubscribe-Post`).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from './context.js';
import { unsubscribe } from './modules/notifications/email.service.js';

export const UNSUBSCRIBE_PATH = '/api/notifications/unsubscribe';

type Query = { u?: string; k?: string; s?: string };

const page = (reply: FastifyReply, status: number, body: string) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Aionis notifications</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">${body}</body></html>`);

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export async function registerUnsubscribe(app: FastifyInstance, services: AppServices) {
  const mail = services.mail;
  if (!mail) return;
  await app.register(async (scope) => {
    // The form and a mail client's one-click POST send `List-Unsubscribe=One-Click` as a form body; the link's query says it all.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.get(UNSUBSCRIBE_PATH, async (req: FastifyRequest<{ Querystring: Query }>, reply) => {
      const { u = '', k = '', s = '' } = req.query;
      const action = `${UNSUBSCRIBE_PATH}?${new URLSearchParams({ u, k, s })}`;
      return page(reply, 200, `<h1>Stop these emails?</h1><p>You will no longer get email for “${escapeHtml(k)}” notifications. They still appear in the console.</p><form method="post" action="${escapeHtml(action)}"><button type="submit">Unsubscribe</button></form><p lang="zh-CN">不再接收此类邮件？点击上面的按钮。</p>`);
    });
    scope.post(UNSUBSCRIBE_PATH, async (req: FastifyRequest<{ Querystring: Query }>, reply) => {
      const { u = '', k = '', s = '' } = req.query;
      const done = await unsubscribe(services.db.prisma, mail.secret, { userId: u, kind: k, signature: s });
      if (!done) return page(reply, 400, '<h1>This unsubscribe link is not valid</h1><p>Change your email settings on the Notifications page of the console.</p>');
      return page(reply, 200, `<h1>Unsubscribed</h1><p>You will no longer get email for “${escapeHtml(done.kind)}” notifications. Turn them back on from the Notifications settings page.</p><p lang="zh-CN">已退订此类邮件。</p>`);
    });
  });
}
