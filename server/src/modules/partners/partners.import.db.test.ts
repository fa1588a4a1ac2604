import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { toCsv } from '../../lib/csv.js';
import type { Role } from '../users/users.schema.js';
import { callerFor, createTestDb, testServices } from '../../test/test-db.js';

const header = 'company,website,segment,package,track,owner_email,stage,expected_value,currency,next_step,next_step_due,tags,contact_name,contact_role,contact_email';

describe('partners CSV import', async () => {
  const db = await createTestDb();
  const services = await testServices(db, '2026-03-10');
  const user = async (role: Role, email: string) => {
    const id = randomUUID();
    await db.prisma.user.create({ data: { id, name: `${role} ${email}`, email, role, emailVerified: true } });
    return { id, name: `${role} ${email}`, email, role };
  };
  const seller = await user('sales', 'seller@example.test');
  await user('pm', 'pm@example.test');
  const sales = callerFor(services, seller);
  const admin = callerFor(services, await user('admin', 'admin@example.test'));
  await sales.partners.create({ company: 'Existing Corp', segment: 'OTHER', package: 'OSS', track: 'HOSTED' });

  it('reports every kind of bad row with its row number, and a commit writes nothing', async () => {
    const rows = [
      'Good Co,https://good.example,AI_INFRA,OSS,HOSTED,seller@example.test,LEAD,1000,USD,Call,2026-04-01,a;b,Ann,CTO,ann@good.example', // 1 ok
      'Bad Stage,,AI_INFRA,OSS,HOSTED,seller@example.test,WON,,,,,,,,', // 2
      'Bad Segment,,ROBOTS,OSS,HOSTED,seller@example.test,,,,,,,,,', // 3
      'Bad Package,,AI_INFRA,GOLD,HOSTED,seller@example.test,,,,,,,,,', // 4
      'Bad Track,,AI_INFRA,OSS,ONPREM,seller@example.test,,,,,,,,,', // 5
      'Unknown Owner,,AI_INFRA,OSS,HOSTED,nobody@example.test,,,,,,,,,', // 6
      'Bad Owner Email,,AI_INFRA,OSS,HOSTED,not-an-email,,,,,,,,,', // 7
      'Bad Contact Email,,AI_INFRA,OSS,HOSTED,seller@example.test,,,,,,,Bob,,bob@', // 8
      'Bad Number,,AI_INFRA,OSS,HOSTED,seller@example.test,,12k,,,,,,,', // 9
      'Bad Date,,AI_INFRA,OSS,HOSTED,seller@example.test,,,,,2026-13-45,,,,', // 10
      'good co,,AI_INFRA,OSS,HOSTED,seller@example.test,,,,,,,,,', // 11 duplicate of row 1
      'EXISTING corp,,AI_INFRA,OSS,HOSTED,seller@example.test,,,,,,,,,', // 12 exists
      ',,AI_INFRA,OSS,HOSTED,seller@example.test,,,,,,,,,', // 13 missing company
      'Pm Owner,,AI_INFRA,OSS,HOSTED,pm@example.test,,,,,,,,,', // 14 may not own
      'Bad Currency,,AI_INFRA,OSS,HOSTED,seller@example.test,,,US,,,,,,', // 15
      'Lost Co,,AI_INFRA,OSS,HOSTED,seller@example.test,LOST,,,,,,,,', // 16
      'Bad Website,notaurl,AI_INFRA,OSS,HOSTED,seller@example.test,,,,,,,,,', // 17
    ];
    const csv = [header, ...rows].join('\n');
    const expected = [
      'rows.2.stage',
      'rows.3.segment',
      'rows.4.package',
      'rows.5.track',
      'rows.6.owner_email',
      'rows.7.owner_email',
      'rows.8.contact_email',
      'rows.9.expected_value',
      'rows.10.next_step_due',
      'rows.11.company',
      'rows.12.company',
      'rows.13.company',
      'rows.14.owner_email',
      'rows.15.currency',
      'rows.16.stage',
      'rows.17.website',
    ];

    const preview = await sales.partners.importPreview({ csv });
    expect(preview.total).toBe(17);
    expect(preview.valid).toBe(1);
    expect(preview.rows[0]).toMatchObject({ row: 1, company: 'Good Co', valid: true, errors: [] });
    expect(preview.errors.map((e) => `rows.${e.row}.${e.field}`)).toEqual(expected);
    expect(preview.rows[10]!.errors[0]!.message).toBe('Duplicate of row 1');

    const partners = await db.prisma.partner.count();
    const events = await db.prisma.auditEvent.count();
    const error = (await admin.partners.importCommit({ csv }).catch((e: unknown) => e)) as { code: string; cause: { fieldIssues: { path: string }[] } };
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(error.cause.fieldIssues.map((i) => i.path)).toEqual(expected);
    expect(await db.prisma.partner.count()).toBe(partners);
    expect(await db.prisma.stageTransition.count()).toBe(partners);
    expect(await db.prisma.auditEvent.count()).toBe(events);
  });

  it('reports missing columns once, for the file', async () => {
    const preview = await sales.partners.importPreview({ csv: 'company,stage\nX,LEAD' });
    expect(preview.errors.map((e) => [e.row, e.field])).toEqual([[0, 'csv'], [0, 'csv'], [0, 'csv'], [0, 'csv']]);
    await expect(sales.partners.importCommit({ csv: 'company,stage\nX,LEAD' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('imports good rows with their transitions and contacts, and one audit event', async () => {
    const csv = [
      header,
      'Imported One,https://one.example,agent platform,cloud-team,platform,SELLER@example.test,poc,"12,500",eur,Kickoff,2026-03-01, x ; y ,Ann,CTO,ANN@one.example',
      'Imported Two,,OTHER,OSS,HOSTED,seller@example.test,,,,,,,,,',
    ].join('\r\n');
    const events = await db.prisma.auditEvent.count({ where: { action: 'partner.import' } });
    expect(await admin.partners.importCommit({ csv })).toEqual({ imported: 2 });
    const [one] = (await sales.partners.list({ q: 'imported one' })).items;
    expect(one).toMatchObject({ stage: 'POC', track: 'PLATFORM', segment: 'AGENT_PLATFORM', package: 'CLOUD_TEAM', ownerId: seller.id, expectedValue: 12_500, currency: 'EUR', tags: ['x', 'y'], nextStepOverdue: true });
    const detail = await sales.partners.byId({ id: one!.id });
    expect(detail).toMatchObject({ website: 'https://one.example', contacts: [{ name: 'Ann', role: 'CTO', email: 'ann@one.example' }], reachedPoc: true, canEdit: true });
    const transitions = await db.prisma.stageTransition.findMany({ where: { partnerId: one!.id } });
    expect(transitions).toMatchObject([{ fromStage: null, toStage: 'POC' }]);
    expect((await sales.partners.list({ q: 'imported two' })).items[0]).toMatchObject({ stage: 'LEAD', currency: 'USD', expectedValue: 0 });
    expect(await db.prisma.auditEvent.count({ where: { action: 'partner.import' } })).toBe(events + 1);
    // Importing the same file again: every company is now a duplicate.
    await expect(admin.partners.importCommit({ csv })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  // README: leadership works any partner, so it imports too (pm works the plan, not the pipeline:
  // partners.db.test.ts refuses its partner writes, the import included).
  it('lets leadership import, as it may create any partner', async () => {
    const leadership = callerFor(services, await user('leadership', 'lead@example.test'));
    const csv = [header, 'Leadership Import Co,,OTHER,OSS,HOSTED,seller@example.test,,,,,,,,,'].join('\n');
    expect(await leadership.partners.importPreview({ csv })).toMatchObject({ total: 1, valid: 1 });
    expect(await leadership.partners.importCommit({ csv })).toEqual({ imported: 1 });
    expect((await sales.partners.list({ q: 'leadership import' })).items).toMatchObject([{ ownerId: seller.id, stage: 'LEAD' }]);
  });

  it('imports 10,000 rows in one transaction', async () => {
    await db.prisma.partner.deleteMany();
    const lines = [header];
    const stages = ['LEAD', 'QUALIFIED', 'POC', 'PAID_TRIAL', 'PAID'];
    for (let i = 1; i <= 10_000; i++) {
      lines.push(`Company ${i},https://c${i}.example,AI_INFRA,CLOUD_TEAM,HOSTED,seller@example.test,${stages[i % 5]},${i * 10},USD,Follow up,2026-04-01,bulk;t${i % 7},Contact ${i},CTO,c${i}@example.test`);
    }
    const csv = lines.join('\n');
    const started = performance.now();
    expect(await sales.partners.importCommit({ csv })).toEqual({ imported: 10_000 });
    console.log(`imported 10,000 partners on ${db.kind} in ${Math.round(performance.now() - started)} ms (${(csv.length / 1024 / 1024).toFixed(2)} MB)`);
    expect(await db.prisma.partner.count()).toBe(10_000);
    expect(await db.prisma.stageTransition.count()).toBe(10_000);
    expect(await db.prisma.partnerContact.count()).toBe(10_000);
  });

  it('a file the console wrote, with formula-looking cells escaped, imports the original text', async () => {
    const texts = { '=': '=HYPERLINK("https://evil.test")', '+': "+cmd|' /C calc'!A0", '-': '-1+2', '@': '@SUM(A1)', tab: '\t=1', cr: '\r=1' };
    const csv = toCsv(
      Object.entries(texts).map(([name, text]) => ({
        company: `Formula ${name} ${text}`,
        segment: 'AI_INFRA',
        package: 'OSS',
        track: 'HOSTED',
        owner_email: 'seller@example.test',
        next_step: text,
        tags: text.replace(/[\t\r]/g, ''),
      })),
    );
    // As a spreadsheet reads it: no cell starts like a formula.
    for (const row of Papa.parse<string[]>(csv).data) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    await sales.partners.importCommit({ csv });
    for (const [name, text] of Object.entries(texts)) {
      const row = await db.prisma.partner.findFirstOrThrow({ where: { company: { startsWith: `Formula ${name} ` } }, select: { company: true, nextStep: true, tags: true } });
      expect(row).toEqual({ company: `Formula ${name} ${text}`.trim(), nextStep: text.trim(), tags: [text.replace(/[\t\r]/g, '')] });
    }
  });
});
