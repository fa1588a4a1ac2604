// Who hears of what (decision 030): pure functions from an audited change and the facts read in its
// transaction to the notification it causes, if any. No I/O here; notifications.service loads the facts.
import type { Role } from '../users/users.schema.js';
import type { NotificationKind } from './notifications.schema.js';

/** A change as the audit trail records it. */
export interface Trigger {
  action: string;
  entityType: string;
  entityId: string;
  changes: unknown;
  actorId: string | null;
}

/** Someone who might be told. */
export interface Person {
  id: string;
  role: Role;
  /** Deactivated accounts hear nothing. */
  banned: boolean;
}

/** The facts a trigger needs, read in the change's transaction (so they are the state it committed). */
export type FactsNeed =
  | { load: 'actionItem'; id: string }
  | { load: 'partner'; id: string }
  | { load: 'gate'; id: string }
  | { load: 'evidence'; id: string }
  | { load: 'claim'; id: string };

export type Facts =
  | { load: 'actionItem'; title: string; dueDate: string | null; reviewWeek: string; owner: Person | null }
  | { load: 'partner'; company: string; owner: Person | null; followers: Person[] }
  | { load: 'gate'; id: string; title: string; owners: Person[]; followers: Person[] }
  | { load: 'evidence'; title: string; addedBy: Person | null }
  | { load: 'claim'; statement: string; createdBy: Person | null; followers: Person[] };

export interface PlannedNotification {
  kind: NotificationKind;
  entityType: string;
  entityId: string;
  /** User ids, each at most once, never the actor. */
  recipients: string[];
  /** Where the notification leads in the console. */
  link: string;
  /** What the message says, as parameters the reader's language words. */
  params: Record<string, string | boolean | null>;
}

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
const change = (changes: unknown, field: string): { from: unknown; to: unknown } | null => {
  const value = record(changes)[field];
  return typeof value === 'object' && value !== null && 'to' in value ? (value as { from: unknown; to: unknown }) : null;
};
const text = (value: unknown): string | null => (typeof value === 'string' ? value : value === null || value === undefined ? null : String(value));

const claimStatusActions: Record<string, string> = { 'claim.approve': 'APPROVED', 'claim.publish': 'PUBLISHED', 'claim.retract': 'RETRACTED' };

/** Which facts a change needs to be turned into a notification; null: it notifies no one. */
export function factsNeeded(trigger: Trigger): FactsNeed | null {
  switch (trigger.action) {
    case 'actionItem.create':
      return { load: 'actionItem', id: trigger.entityId };
    case 'partner.create':
      return { load: 'partner', id: trigger.entityId };
    case 'partner.update':
    case 'partner.stage':
      return trigger.action === 'partner.stage' || change(trigger.changes, 'ownerId') ? { load: 'partner', id: trigger.entityId } : null;
    case 'gate.status':
      return { load: 'gate', id: trigger.entityId };
    case 'criterion.flip': {
      const gateId = text(record(trigger.changes).gateId);
      return gateId ? { load: 'gate', id: gateId } : null;
    }
    case 'evidence.health':
      return change(trigger.changes, 'health')?.to === 'BROKEN' ? { load: 'evidence', id: trigger.entityId } : null;
    case 'claim.approve':
    case 'claim.publish':
    case 'claim.retract':
      return { load: 'claim', id: trigger.entityId };
    default:
      return null;
  }
}

/**
 * Every role reads the plan, gates, partners, evidence, claims and reviews; user administration and API
 * tokens are an admin's alone and never the subject of a notification.
 */
const everyRole: readonly Role[] = ['viewer', 'sales', 'pm', 'leadership', 'admin'];
const readers: Record<string, readonly Role[]> = {
  plan: everyRole, phase: everyRole, deliverable: everyRole, gate: everyRole, criterion: everyRole, evidence: everyRole,
  claim: everyRole, metric: everyRole, review: everyRole, actionItem: everyRole, partner: everyRole,
};
export const mayBeToldAbout = (role: Role, entityType: string) => readers[entityType]?.includes(role) ?? false;

/** The people to tell: active, allowed to read the record, each once, never the one who made the change. */
export function recipientsOf(people: (Person | null)[], entityType: string, actorId: string | null): string[] {
  const ids = new Set<string>();
  for (const person of people) {
    if (!person || person.banned || person.id === actorId || !mayBeToldAbout(person.role, entityType)) continue;
    ids.add(person.id);
  }
  return [...ids];
}

/** The notification a change causes, given its facts; null when it tells no one. */
export function planNotification(trigger: Trigger, facts: Facts): PlannedNotification | null {
  const planned = plan(trigger, facts);
  return planned && planned.recipients.length > 0 ? planned : null;
}

function plan(trigger: Trigger, facts: Facts): PlannedNotification | null {
  const { actorId } = trigger;
  switch (facts.load) {
    case 'actionItem':
      return {
        kind: 'actionItem.assigned',
        entityType: 'actionItem',
        entityId: trigger.entityId,
        recipients: recipientsOf([facts.owner], 'actionItem', actorId),
        link: `/reviews/${facts.reviewWeek}`,
        params: { title: facts.title, dueDate: facts.dueDate, reviewWeek: facts.reviewWeek },
      };
    case 'partner': {
      const link = `/partners/${trigger.entityId}`;
      if (trigger.action === 'partner.stage') {
        // A stage move is news to the partner's followers (its owner made it, or hears it as a follower).
        const stage = change(trigger.changes, 'stage');
        return {
          kind: 'partner.changed',
          entityType: 'partner',
          entityId: trigger.entityId,
          recipients: recipientsOf([facts.owner, ...facts.followers], 'partner', actorId),
          link,
          params: { company: facts.company, change: 'stage', from: text(stage?.from), to: text(stage?.to) },
        };
      }
      return {
        kind: 'partner.assigned',
        entityType: 'partner',
        entityId: trigger.entityId,
        recipients: recipientsOf([facts.owner], 'partner', actorId),
        link,
        params: { company: facts.company, change: 'owner', from: null, to: null },
      };
    }
    case 'gate': {
      const base = { kind: 'gate.changed' as const, entityType: 'gate', entityId: facts.id, link: `/gates/${facts.id}`, recipients: recipientsOf([...facts.owners, ...facts.followers], 'gate', actorId) };
      if (trigger.action === 'criterion.flip') {
        const met = change(trigger.changes, 'met');
        return { ...base, params: { title: facts.title, change: 'criterion', from: null, to: met?.to === true ? 'met' : 'unmet', decision: null } };
      }
      const status = change(trigger.changes, 'status');
      const decision = text(record(trigger.changes).decision);
      return { ...base, params: { title: facts.title, change: decision ? 'decision' : 'status', from: text(status?.from), to: text(status?.to), decision } };
    }
    case 'evidence':
      return {
        kind: 'evidence.broken',
        entityType: 'evidence',
        entityId: trigger.entityId,
        // The link checker is the actor here (the system): the person who added it is told.
        recipients: recipientsOf([facts.addedBy], 'evidence', actorId),
        link: `/evidence`,
        params: { title: facts.title, httpStatus: text(record(trigger.changes).httpStatus), checkError: text(record(trigger.changes).checkError) },
      };
    case 'claim':
      return {
        kind: 'claim.changed',
        entityType: 'claim',
        entityId: trigger.entityId,
        recipients: recipientsOf([facts.createdBy, ...facts.followers], 'claim', actorId),
        link: `/claims/${trigger.entityId}`,
        params: { statement: facts.statement, to: claimStatusActions[trigger.action] ?? null },
      };
  }
}

/** Channels a person receives a kind on: in-app unless switched off; email only where it is configured and not switched off. */
export function channelsFor(
  kind: NotificationKind,
  preferences: { kind: string; channel: string; enabled: boolean }[],
  available: readonly string[],
): string[] {
  const defaults: Record<string, boolean> = { inapp: true, email: true };
  return available.filter((channel) => {
    const set = preferences.find((p) => p.kind === kind && p.channel === channel);
    return set ? set.enabled : (defaults[channel] ?? false);
  });
}
