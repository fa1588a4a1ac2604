// Company names that differ only in inner whitespace (or case, or surrounding spaces) are one partner.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { callerFor, createTestDb, createTestUser, testServices } from '../../test/test-db.js';
import { companyKey } from './partners-import.rules.js';

const migration = new URL('../../../../prisma/migrations/20261204020000_company_key_inner_spaces/migration.sql', import.meta.url);

describe('company names', async () => {
  const db = await createTestDb();
  const services = await testServices(db);
  const sales = callerFor(services, await createTestUser(db, 'sales'));
  const partner = (company: string) => ({ company, segment: 'AI_INFRA' as const, package: 'OSS' as const, track: 'HOSTED' as const });

  it('the key ignores case, surrounding and repeated inner whitespace of any kind', () => {
    expect(companyKey('  Acme \t  Corp\u00a0 Ltd ')).toBe('acme corp ltd');
    expect(companyKey('Acme Corp')).toBe(companyKey('ACME    corp'));
    expect(companyKey('AcmeCorp')).not.toBe(companyKey('Acme Corp'));
  });

  it('create, rename and import refuse a name that differs only in inner spaces: CONFLICT on company', async () => {
    const first = await sales.partners.create(partner('Spacey Corp'));
    await expect(sales.partners.create(partner('Spacey   Corp'))).rejects.toMatchObject({ code: 'CONFLICT', cause: { fieldIssues: [{ path: 'company' }] } });
    const other = await sales.partners.create(partner('Other Corp'));
    await expect(sales.partners.update({ id: other.id, version: other.version, company: 'spacey \t corp' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const preview = await sales.partners.importPreview({ csv: `company,segment,package,track,owner_email\nSpacey  Corp,AI_INFRA,OSS,HOSTED,${(await db.prisma.user.findFirstOrThrow({ where: { role: 'sales' } })).email}` });
    expect(JSON.stringify(preview)).toMatch(/already exists/i);
    expect(await db.prisma.partner.count({ where: { companyKey: 'spacey corp' } })).toBe(1);
    expect((await db.prisma.partner.findUniqueOrThrow({ where: { id: first.id } })).companyKey).toBe('spacey corp');
  });

  it('the migration recomputes keys written before; a pair that now collides keeps both partners, the oldest on the key', async () => {
    const owner = await db.prisma.user.findFirstOrThrow({ where: { role: 'sales' }, select: { id: true } });
    const old = (company: string, key: string, createdAt: string) =>
      db.prisma.partner.create({ data: { company, companyKey: key, segment: 'AI_INFRA', package: 'OSS', track: 'HOSTED', ownerId: owner.id, createdAt: new Date(createdAt) }, select: { id: true } });
    // Keys as the old rule wrote them (trim + lower case only).
    const a = await old('Twin  Co', 'twin  co', '2026-01-01T00:00:00Z');
    const b = await old('Twin Co', 'twin co', '2026-02-01T00:00:00Z');
    const c = await old('Solo   Inc', 'solo   inc', '2026-01-01T00:00:00Z');
    for (const statement of (await readFile(migration, 'utf8')).split(/;\s*\n/).map((s) => s.replace(/^\s*--.*$/gm, '').trim()).filter(Boolean)) {
      await db.prisma.$executeRawUnsafe(statement);
    }
    const key = async (id: string) => (await db.prisma.partner.findUniqueOrThrow({ where: { id }, select: { companyKey: true } })).companyKey;
    expect(await key(a.id)).toBe('twin co');
    expect(await key(b.id)).toBe(`twin co #${b.id}`);
    expect(await key(c.id)).toBe('solo inc');
    // Rows already right are left alone; the rule applies from now on.
    await expect(sales.partners.create(partner('Solo Inc'))).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
