import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { callerFor, createTestDb, createTestUser, TEST_PUBLIC_URL, testServices } from '../../test/test-db.js';
import { OutboxDispatcher } from '../outbox/outbox.service.js';
import { seedIfEmpty } from '../seed/seed.service.js';
import { emailChannel, smtpTransport, unsubscribeSecret, type MailConfig } from './email.service.js';
import { inAppChannel, notificationExpander } from './notifications.service.js';

/** A real SMTP server on loopback; every message is read back with mailparser. */
async function smtpReceiver() {
  const received: ParsedMail[] = [];
  const start = (port = 0) =>
    new Promise<SMTPServer>((resolve) => {
      const server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, _session, callback) {
          simpleParser(stream).then(
            (mail) => {
              received.push(mail);
              callback();
            },
            (error: Error) => callback(error),
          );
        },
      });
      server.listen(port, '127.0.0.1', () => resolve(server));
    });
  let server = await start();
  const port = (server.server.address() as AddressInfo).port;
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  afterAll(stop);
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    down: stop,
    async up() {
      server = await start(port);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('email notifications against a real SMTP server', async () => {
  const db = await createTestDb();
  const smtp = await smtpReceiver();
  const mail: MailConfig = { transport: smtpTransport(smtp.url), from: 'Aionis <console@example.test>', publicUrl: TEST_PUBLIC_URL, secret: await unsubscribeSecret(db.prisma) };
  const services = { ...(await testServices(db)), mail };
  const app = await buildApp(services, { logger: false, serveWeb: false, publicUrl: TEST_PUBLIC_URL });
  afterAll(() => app.close());
  const pmUser = await createTestUser(db, 'pm', 'Pat PM');
  const leadUser = await createTestUser(db, 'leadership', 'Lee Lead');
  const api = { pm: callerFor(services, pmUser), lead: callerFor(services, leadUser) };
  const dispatcher = new OutboxDispatcher(db.prisma, {
    channels: [inAppChannel, emailChannel(db.prisma, mail)],
    expand: notificationExpander(['inapp', 'email']),
    backoff: { baseMs: 100, maxMs: 400, maxAttempts: 10, jitter: 0 },
    holder: 'mail-test',
  });
  let reviewId = '';

  beforeAll(async () => {
    await seedIfEmpty(db.prisma);
    reviewId = (await api.lead.reviews.openThisWeek()).id;
  });

  const mailsTo = (address: string) => smtp.received.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((to) => to?.value.some((v) => v.address === address)));

  it('sends text and HTML in the recipient\'s language, linking to the record, with a signed one-click unsubscribe', async () => {
    expect(await api.pm.notifications.mailLanguage()).toBe('en');
    await api.pm.notifications.setMailLanguage({ language: 'zh-CN' });
    expect((await api.pm.notifications.preferences()).find((p) => p.kind === 'actionItem.assigned')).toEqual({ kind: 'actionItem.assigned', channels: { inapp: true, email: true } });
    await api.lead.reviews.addActionItem({ reviewId, title: '重跑召回基准', ownerId: pmUser.id });
    await dispatcher.drain();
    await dispatcher.drain();

    const [message, ...more] = mailsTo(pmUser.email);
    expect(more).toEqual([]);
    expect(message!.subject).toBe('[Aionis] Lee Lead 给你分配了行动项：重跑召回基准');
    expect(message!.from?.value).toEqual([{ name: 'Aionis', address: 'console@example.test' }]);
    expect(message!.text).toContain(`在控制台中打开: ${TEST_PUBLIC_URL}/reviews/2026-03-09`);
    expect(message!.html).toContain(`href="${TEST_PUBLIC_URL}/reviews/2026-03-09"`);
    expect(message!.html).toContain('Lee Lead 给你分配了行动项：重跑召回基准');
    expect(message!.messageId).toMatch(/@aionis\.notifications>?$/);
    const header = (name: string) => message!.headerLines.find((h) => h.key === name)?.line.slice(name.length + 1).trim() ?? '';
    const unsubscribe = /^<(.+)>$/.exec(header('list-unsubscribe'))?.[1] ?? '';
    expect(unsubscribe).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/api/notifications/unsubscribe\\?u=`));
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(message!.text).toContain(unsubscribe);

    // The link works without signing in: GET asks, POST (the mail client's one-click) unsubscribes.
    const path = unsubscribe.slice(TEST_PUBLIC_URL.length);
    const asked = await app.inject({ method: 'GET', url: path });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('<form method="post"');
    expect((await api.pm.notifications.preferences()).find((p) => p.kind === 'actionItem.assigned')?.channels.email).toBe(true);
    const done = await app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(done.statusCode).toBe(200);
    expect((await api.pm.notifications.preferences()).find((p) => p.kind === 'actionItem.assigned')?.channels).toEqual({ inapp: true, email: false });

    // A tampered link (another kind, the same signature) changes nothing.
    const forged = await app.inject({ method: 'POST', url: path.replace('k=actionItem.assigned', 'k=gate.changed') });
    expect(forged.statusCode).toBe(400);
    expect((await api.pm.notifications.preferences()).find((p) => p.kind === 'gate.changed')?.channels.email).toBe(true);

    // The next one arrives in-app only.
    const inboxBefore = await api.pm.notifications.unreadCount();
    await api.lead.reviews.addActionItem({ reviewId, title: 'In-app only', ownerId: pmUser.id });
    await dispatcher.drain();
    expect(mailsTo(pmUser.email)).toHaveLength(1);
    expect(await api.pm.notifications.unreadCount()).toBe(inboxBefore + 1);
  });

  it('an SMTP server that is down leaves the mail pending and retried; nothing is lost', async () => {
    await api.pm.notifications.setPreference({ kind: 'actionItem.assigned', channel: 'email', enabled: true });
    await api.pm.notifications.setMailLanguage({ language: 'en' });
    await smtp.down();
    const item = await api.lead.reviews.addActionItem({ reviewId, title: 'Mail while the server is down', ownerId: pmUser.id });
    await dispatcher.drain();
    const delivery = () => db.prisma.outboxDelivery.findFirstOrThrow({ where: { channel: 'email', event: { entityId: item.id } } });
    expect(await delivery()).toMatchObject({ status: 'RETRYING', attempts: 1 });
    expect((await delivery()).lastError).toMatch(/ECONNREFUSED|connect/i);
    await smtp.up();
    await sleep(150);
    await dispatcher.drain();
    expect(await delivery()).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(mailsTo(pmUser.email).filter((m) => m.subject === '[Aionis] Lee Lead assigned you an action item: Mail while the server is down')).toHaveLength(1);
  });
});
