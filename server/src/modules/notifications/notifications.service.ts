// Notifications over the outbox (decisions 029–030): what a change tells whom, written in its
// transaction; the in-app inbox; preferences and follows.
import type { Actor, AppServices } from '../../context.js';
import type { Db, Tx } from '../../db/database.js';
import { toIsoDate } from '../../lib/dates.js';
import { DomainError } from '../../lib/errors.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { writeOutboxEvent, type Expander, type OutboxChannel } from '../outbox/outbox.service.js';
import { parseTarget } from '../outbox/outbox.rules.js';
import { isRole } from '../users/users.rules.js';
import { notificationKinds, type FollowableType, type NotificationKind, type PersonalChannel } from './notifications.schema.js';
import { channelsFor, factsNeeded, planNotification, type Facts, type FactsNeed, type Person, type Trigger } from './notifications.rules.js';

const personSelect = { id: true, role: true, banned: true } satisfies Prisma.UserSelect;
const person = (row: { id: string; role: string; banned: boolean } | null): Person | null => (row && isRole(row.role) ? { id: row.id, role: row.role, banned: row.banned } : null);
const people = (rows: { id: string; role: string; banned: boolean }[]) => rows.map(person).filter((p): p is Person => p !== null);

async function followers(tx: Tx | Db, entityType: FollowableType, entityId: string): Promise<Person[]> {
  const rows = await tx.follow.findMany({ where: { entityType, entityId }, select: { userId: true } });
  if (rows.length === 0) return [];
  return people(await tx.user.findMany({ where: { id: { in: rows.map((r) => r.userId) } }, select: personSelect }));
}

/** The facts a trigger needs, read in its transaction; null when the record is gone. */
async function loadFacts(tx: Tx | Db, need: FactsNeed): Promise<Facts | null> {
  switch (need.load) {
    case 'actionItem': {
      const row = await tx.actionItem.findUnique({ where: { id: need.id }, select: { title: true, dueDate: true, review: { select: { weekStart: true } }, owner: { select: personSelect } } });
      return row && { load: 'actionItem', title: row.title, dueDate: row.dueDate && toIsoDate(row.dueDate), reviewWeek: toIsoDate(row.review.weekStart), owner: person(row.owner) };
    }
    case 'partner': {
      const row = await tx.partner.findUnique({ where: { id: need.id }, select: { company: true, owner: { select: personSelect } } });
      return row && { load: 'partner', company: row.company, owner: person(row.owner), followers: await followers(tx, 'partner', need.id) };
    }
    case 'gate': {
      const row = await tx.gate.findUnique({ where: { id: need.id }, select: { id: true, title: true, ownerName: true } });
      if (!row) return null;
      // A gate's owner is a name typed on the plan; the people of that name own it.
      const owners = row.ownerName.trim() ? people(await tx.user.findMany({ where: { name: { equals: row.ownerName.trim(), mode: 'insensitive' } }, select: personSelect })) : [];
      return { load: 'gate', id: row.id, title: row.title, owners, followers: await followers(tx, 'gate', row.id) };
    }
    case 'evidence': {
      const row = await tx.evidence.findUnique({ where: { id: need.id }, select: { title: true, addedById: true } });
      if (!row) return null;
      const addedBy = row.addedById ? person(await tx.user.findUnique({ where: { id: row.addedById }, select: personSelect })) : null;
      return { load: 'evidence', title: row.title, addedBy };
    }
    case 'claim': {
      const row = await tx.claim.findUnique({ where: { id: need.id }, select: { statement: true, createdById: true } });
      if (!row) return null;
      const createdBy = row.createdById ? person(await tx.user.findUnique({ where: { id: row.createdById }, select: personSelect })) : null;
      return { load: 'claim', statement: row.statement, createdBy, followers: await followers(tx, 'claim', need.id) };
    }
  }
}

/**
 * Called for every audited change, in its transaction: when the change tells someone, writes the
 * outbox event naming them. Changes that tell no one cost nothing more.
 */
export async function notifyOfChange(tx: Tx | Db, actor: Pick<Actor, 'userId' | 'name'>, trigger: Trigger): Promise<void> {
  const need = factsNeeded(trigger);
  if (!need) return;
  const facts = await loadFacts(tx, need);
  const planned = facts && planNotification(trigger, facts);
  if (!planned) return;
  await writeOutboxEvent(tx, actor, {
    type: planned.kind,
    entityType: planned.entityType,
    entityId: planned.entityId,
    recipients: planned.recipients,
    payload: { kind: planned.kind, link: planned.link, params: planned.params, actorName: actor.name },
  });
}

const isKind = (type: string): type is NotificationKind => (notificationKinds as readonly string[]).includes(type);

/**
 * The outbox's expander for notifications: each recipient's channels for the kind, as they are set when
 * the event is fanned out. `channels` are those this server has (email only when SMTP is configured).
 */
export function notificationExpander(channels: readonly PersonalChannel[]): Expander {
  return async (tx, event) => {
    if (!isKind(event.type) || event.recipients.length === 0) return [];
    const [prefs, active] = await Promise.all([
      tx.notificationPreference.findMany({ where: { userId: { in: event.recipients }, kind: event.type }, select: { userId: true, kind: true, channel: true, enabled: true } }),
      tx.user.findMany({ where: { id: { in: event.recipients }, banned: false }, select: { id: true } }),
    ]);
    return active.flatMap(({ id }) =>
      channelsFor(event.type as NotificationKind, prefs.filter((p) => p.userId === id), channels).map((channel) => ({ channel, target: { kind: 'user' as const, id } })),
    );
  };
}

interface NotificationPayload {
  kind: string;
  link: string;
  params: Prisma.InputJsonValue;
}

const payloadOf = (value: Prisma.JsonValue): NotificationPayload => {
  const v = (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  return { kind: String(v.kind ?? ''), link: String(v.link ?? '/'), params: (v.params ?? {}) as Prisma.InputJsonValue };
};

/** The in-app inbox as an outbox channel: a delivery is a Notification row, written with its "sent". */
export const inAppChannel: OutboxChannel = {
  name: 'inapp',
  concurrency: 8,
  timeoutMs: 10_000,
  transactional: true,
  async send(delivery, { tx }) {
    const target = parseTarget(delivery.target);
    if (!tx || target?.kind !== 'user') throw new Error(`An in-app delivery goes to a user, not ${delivery.target}`);
    const payload = payloadOf(delivery.event.payload);
    await tx.notification.createMany({
      data: [{ userId: target.id, deliveryId: delivery.id, kind: delivery.event.type, entityType: delivery.event.entityType, entityId: delivery.event.entityId, params: { ...(payload.params as object), actorName: delivery.event.actorName }, link: payload.link, createdAt: delivery.event.createdAt }],
      skipDuplicates: true,
    });
  },
};

// ---- the inbox -----------------------------------------------------------------------------------

export async function unreadCount(db: Db, userId: string) {
  return db.notification.count({ where: { userId, readAt: null } });
}

/** Newest first, keyset-paged by (createdAt, id). */
export async function listInbox(db: Db, userId: string, input: { limit: number; cursor?: string | null | undefined; unreadOnly?: boolean | undefined }) {
  const cursor = input.cursor ? await db.notification.findFirst({ where: { id: input.cursor, userId }, select: { createdAt: true, id: true } }) : null;
  const rows = await db.notification.findMany({
    where: {
      userId,
      ...(input.unreadOnly && { readAt: null }),
      ...(cursor && { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    select: { id: true, kind: true, entityType: true, entityId: true, params: true, link: true, readAt: true, createdAt: true },
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((r) => ({ ...r, params: r.params as Record<string, string | boolean | null>, readAt: r.readAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** Marks the reader's own notifications read (someone else's ids change nothing). */
export async function markRead(db: Db, userId: string, ids: string[]) {
  const done = await db.notification.updateMany({ where: { userId, id: { in: ids }, readAt: null }, data: { readAt: new Date() } });
  return { marked: done.count };
}

export async function markAllRead(db: Db, userId: string) {
  const done = await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
  return { marked: done.count };
}

// ---- preferences and follows ----------------------------------------------------------------------

/** The channels a person may choose on this server: the inbox always, email when SMTP is configured. */
export const availableChannels = (services: Pick<AppServices, 'mail'>): PersonalChannel[] => (services.mail ? ['inapp', 'email'] : ['inapp']);

export async function preferencesOf(db: Db, userId: string, channels: readonly PersonalChannel[]) {
  const rows = await db.notificationPreference.findMany({ where: { userId }, select: { kind: true, channel: true, enabled: true } });
  return notificationKinds.map((kind) => ({ kind, channels: Object.fromEntries(channels.map((c) => [c, channelsFor(kind, rows, [c]).length > 0])) as Record<PersonalChannel, boolean> }));
}

export async function setPreference(db: Db, userId: string, input: { kind: NotificationKind; channel: PersonalChannel; enabled: boolean }) {
  await db.notificationPreference.upsert({
    where: { userId_kind_channel: { userId, kind: input.kind, channel: input.channel } },
    create: { userId, ...input },
    update: { enabled: input.enabled },
  });
}

const followable = {
  gate: (db: Db, id: string) => db.gate.count({ where: { id, deletedAt: null } }),
  partner: (db: Db, id: string) => db.partner.count({ where: { id, archivedAt: null } }),
  claim: (db: Db, id: string) => db.claim.count({ where: { id, archivedAt: null } }),
} satisfies Record<FollowableType, (db: Db, id: string) => Promise<number>>;

export async function setFollow(db: Db, userId: string, input: { entityType: FollowableType; entityId: string; follow: boolean }) {
  if (input.follow && (await followable[input.entityType](db, input.entityId)) === 0) throw new DomainError('NOT_FOUND', `No such ${input.entityType} to follow`);
  if (input.follow) {
    await db.follow.createMany({ data: [{ userId, entityType: input.entityType, entityId: input.entityId }], skipDuplicates: true });
  } else {
    await db.follow.deleteMany({ where: { userId, entityType: input.entityType, entityId: input.entityId } });
  }
  return { following: input.follow };
}

export async function isFollowing(db: Db, userId: string, input: { entityType: FollowableType; entityId: string }) {
  return (await db.follow.count({ where: { userId, entityType: input.entityType, entityId: input.entityId } })) > 0;
}
