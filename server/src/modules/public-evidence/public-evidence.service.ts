// What the public evidence page may show, read with a select that names every public field: published
// claims (never drafts, approved-but-unpublished, retracted or archived ones) and the live evidence
// attached to them — no notes, no people, no partners, nothing else.
import type { Actor } from '../../context.js';
import type { Db } from '../../db/database.js';
import { recordAudit } from '../audit/audit.service.js';
import type { PublicClaim } from './public-evidence.rules.js';

export const PUBLIC_EVIDENCE_SETTING = 'public_evidence_page';

/** Off unless an admin turned it on. */
export async function publicEvidenceEnabled(db: Db): Promise<boolean> {
  const setting = await db.appSetting.findUnique({ where: { key: PUBLIC_EVIDENCE_SETTING }, select: { value: true } });
  return setting?.value === 'on';
}

export async function setPublicEvidenceEnabled(db: Db, actor: Actor, enabled: boolean): Promise<{ enabled: boolean }> {
  return db.$transaction(async (tx) => {
    const before = await tx.appSetting.findUnique({ where: { key: PUBLIC_EVIDENCE_SETTING }, select: { value: true } });
    const was = before?.value === 'on';
    if (was === enabled) return { enabled };
    const value = enabled ? 'on' : 'off';
    await tx.appSetting.upsert({ where: { key: PUBLIC_EVIDENCE_SETTING }, create: { key: PUBLIC_EVIDENCE_SETTING, value }, update: { value } });
    await recordAudit(tx, actor, { action: 'setting.update', entityType: 'setting', entityId: PUBLIC_EVIDENCE_SETTING, changes: { publicEvidencePage: { from: was, to: enabled } } });
    return { enabled };
  });
}

/** The published claims and their evidence, in two statements whatever their number. */
export async function publicClaims(db: Db): Promise<PublicClaim[]> {
  const claims = await db.claim.findMany({
    where: { status: 'PUBLISHED', archivedAt: null, publishedAt: { not: null } },
    select: { id: true, statement: true, channel: true, layer: true, boundary: true, publishedAt: true },
    orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }],
  });
  if (!claims.length) return [];
  const links = await db.evidenceLink.findMany({
    where: { targetType: 'claim', targetId: { in: claims.map((c) => c.id) }, evidence: { archivedAt: null } },
    select: { targetId: true, evidence: { select: { title: true, kind: true, url: true, capturedOn: true, health: true, checkedAt: true } } },
    orderBy: [{ evidence: { capturedOn: 'desc' } }, { createdAt: 'asc' }],
  });
  const byClaim = new Map<string, PublicClaim['evidence']>();
  for (const { targetId, evidence } of links) {
    const list = byClaim.get(targetId) ?? [];
    list.push({
      title: evidence.title,
      kind: evidence.kind,
      url: evidence.url,
      capturedOn: evidence.capturedOn.toISOString().slice(0, 10),
      health: evidence.health,
      checkedAt: evidence.checkedAt?.toISOString() ?? null,
    });
    byClaim.set(targetId, list);
  }
  return claims.map((c) => ({
    id: c.id,
    statement: c.statement,
    channel: c.channel,
    layer: c.layer,
    boundary: c.boundary,
    publishedAt: c.publishedAt!.toISOString(),
    evidence: byClaim.get(c.id) ?? [],
  }));
}
