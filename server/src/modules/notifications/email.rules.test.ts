import { describe, expect, it } from 'vitest';
import { renderMail, sentence, unsubscribeUrl, verifyUnsubscribe } from './email.rules.js';

describe('notification email', () => {
  it('says each kind in English and Chinese, with status words translated', () => {
    expect(sentence('gate.changed', { title: 'Recall', change: 'status', to: 'BLOCKED' }, 'en')).toBe('Gate “Recall” is now Blocked');
    expect(sentence('gate.changed', { title: 'Recall', change: 'status', to: 'BLOCKED' }, 'zh-CN')).toBe('Gate “Recall” 现为受阻');
    expect(sentence('gate.changed', { title: 'Recall', change: 'criterion', to: 'met' }, 'en')).toBe('A criterion of gate “Recall” is now met');
    expect(sentence('gate.changed', { title: 'Recall', change: 'decision', decision: 'GO', to: 'PASSED' }, 'en')).toBe('Gate “Recall”: decision GO, now Passed');
    expect(sentence('partner.changed', { company: 'Acme', from: 'LEAD', to: 'POC' }, 'en')).toBe('Acme moved from Lead to PoC');
    expect(sentence('claim.changed', { statement: 'p95 < 50 ms', to: 'PUBLISHED' }, 'zh-CN')).toBe('对外声明 “p95 < 50 ms” 现为已发布');
    expect(sentence('evidence.broken', { title: 'Bench' }, 'en')).toBe('The link of evidence “Bench” you added is broken');
  });

  it('escapes what people typed in the HTML body and keeps the subject on one line', () => {
    const mail = renderMail({ kind: 'actionItem.assigned', params: { actorName: 'Lee', title: '<script>x</script>\r\nBcc: x' }, lang: 'en', recordUrl: 'http://c/reviews/2026-03-09', unsubscribeUrl: 'http://c/u?a=1&b=2' });
    expect(mail.subject).toBe('[Aionis] Lee assigned you an action item: <script>x</script> Bcc: x');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).toContain('href="http://c/u?a=1&amp;b=2"');
    expect(mail.text).toContain('Open it in the console: http://c/reviews/2026-03-09');
    expect(mail.text).toContain('Stop emails like this: http://c/u?a=1&b=2');
  });

  it('signs the unsubscribe link per person and kind', () => {
    const url = new URL(unsubscribeUrl('https://console.example/', 'secret-1', 'user-1', 'gate.changed'));
    expect(url.pathname).toBe('/api/notifications/unsubscribe');
    const sig = url.searchParams.get('s')!;
    expect(verifyUnsubscribe('secret-1', 'user-1', 'gate.changed', sig)).toBe(true);
    expect(verifyUnsubscribe('secret-1', 'user-2', 'gate.changed', sig)).toBe(false);
    expect(verifyUnsubscribe('secret-1', 'user-1', 'claim.changed', sig)).toBe(false);
    expect(verifyUnsubscribe('secret-2', 'user-1', 'gate.changed', sig)).toBe(false);
    expect(verifyUnsubscribe('secret-1', 'user-1', 'gate.changed', '')).toBe(false);
  });
});
