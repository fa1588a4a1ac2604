// Email notifications over SMTP (decision 031): an outbox channel that writes each message in its
// recipient's language with a signed one-click unsubscribe link, and the unsubscribe itself.
import { randomBytes } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/database.js';
import type { OutboxChannel } from '../outbox/outbox.service.js';
import { parseTarget } from '../outbox/outbox.rules.js';
import { isMailLanguage, renderMail, unsubscribeUrl, verifyUnsubscribe } from './email.rules.js';
import { notificationKinds, type NotificationKind } from './notifications.schema.js';

export interface MailConfig {
  transport: Transporter;
  /** The From header: `Aionis <console@example.com>`. */
  from: string;
  publicUrl: string;
  /** Signs unsubscribe links. */
  secret: string;
}

/** A transport for SMTP_URL (smtp:// or smtps://user:pass@host:port). Nothing is sent until a message is. */
export const smtpTransport = (smtpUrl: string): Transporter => nodemailer.createTransport(smtpUrl);

/** The key for unsubscribe links, generated on first use and kept, so links outlive restarts; the first of two processes wins. */
export async function unsubscribeSecret(db: Db): Promise<string> {
  const key = 'notifications.unsubscribe-secret';
  await db.appSetting.createMany({ data: [{ key, value: randomBytes(32).toString('base64url') }], skipDuplicates: true });
  return (await db.appSetting.findUniqueOrThrow({ where: { key } })).value;
}

const payloadOf = (value: unknown) => {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const params = (typeof v.params === 'object' && v.params !== null ? v.params : {}) as Record<string, unknown>;
  return { link: typeof v.link === 'string' ? v.link : '/', params };
};

export function emailChannel(db: Db, mail: MailConfig): OutboxChannel {
  return {
    name: 'email',
    concurrency: 2,
    timeoutMs: 30_000,
    async send(delivery, { signal }) {
      const target = parseTarget(delivery.target);
      if (target?.kind !== 'user') throw new Error(`An email goes to a user, not ${delivery.target}`);
      const [user, profile] = await Promise.all([
        db.user.findUnique({ where: { id: target.id }, select: { email: true, name: true, banned: true } }),
        db.notificationProfile.findUnique({ where: { userId: target.id }, select: { language: true } }),
      ]);
      // Deactivated since the event: nothing to send, and nothing to retry.
      if (!user || user.banned) return;
      const lang = isMailLanguage(profile?.language) ? profile.language : 'en';
      const { link, params } = payloadOf(delivery.event.payload);
      const unsubscribe = unsubscribeUrl(mail.publicUrl, mail.secret, target.id, delivery.event.type);
      const message = renderMail({ kind: delivery.event.type, params: { ...params, actorName: delivery.event.actorName }, lang, recordUrl: `${mail.publicUrl}${link}`, unsubscribeUrl: unsubscribe });
      if (signal.aborted) throw signal.reason;
      await mail.transport.sendMail({
        from: mail.from,
        to: { name: user.name, address: user.email },
        subject: message.subject,
        text: message.text,
        html: message.html,
        // The same Message-ID on a resend after a crash lets a mail system drop the duplicate.
        messageId: `<${delivery.idempotencyKey.replaceAll(':', '.')}@aionis.notifications>`,
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
    },
  };
}

const isKind = (v: string): v is NotificationKind => (notificationKinds as readonly string[]).includes(v);

/** Applies a signed unsubscribe link: this kind's email off for this person. Null when the link is not good. */
export async function unsubscribe(db: Db, secret: string, link: { userId: string; kind: string; signature: string }): Promise<{ kind: NotificationKind } | null> {
  if (!isKind(link.kind) || !verifyUnsubscribe(secret, link.userId, link.kind, link.signature)) return null;
  if (!(await db.user.findUnique({ where: { id: link.userId }, select: { id: true } }))) return null;
  await db.notificationPreference.upsert({
    where: { userId_kind_channel: { userId: link.userId, kind: link.kind, channel: 'email' } },
    create: { userId: link.userId, kind: link.kind, channel: 'email', enabled: false },
    update: { enabled: false },
  });
  return { kind: link.kind };
}

export async function mailLanguage(db: Db, userId: string) {
  const profile = await db.notificationProfile.findUnique({ where: { userId }, select: { language: true } });
  return isMailLanguage(profile?.language) ? profile.language : 'en';
}

export async function setMailLanguage(db: Db, userId: string, language: 'en' | 'zh-CN') {
  await db.notificationProfile.upsert({ where: { userId }, create: { userId, language }, update: { language } });
}
