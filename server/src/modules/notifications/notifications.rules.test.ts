import { describe, expect, it } from 'vitest';
import { channelsFor, factsNeeded, mayBeToldAbout, planNotification, recipientsOf, type Person, type Trigger } from './notifications.rules.js';

const pm: Person = { id: 'pm', role: 'pm', banned: false };
const lead: Person = { id: 'lead', role: 'leadership', banned: false };
const viewer: Person = { id: 'viewer', role: 'viewer', banned: false };
const gone: Person = { id: 'gone', role: 'sales', banned: true };
const trigger = (action: string, changes: unknown, extra: Partial<Trigger> = {}): Trigger => ({ action, entityType: action.split('.')[0]!, entityId: 'rec-1', changes, actorId: 'lead', ...extra });

describe('who is told', () => {
  it('tells each active reader once, never the one who made the change', () => {
    expect(recipientsOf([pm, lead, pm, viewer, gone, null], 'gate', 'lead')).toEqual(['pm', 'viewer']);
    expect(recipientsOf([pm], 'gate', null)).toEqual(['pm']);
  });

  it('never tells anyone about user administration or API tokens', () => {
    expect(mayBeToldAbout('admin', 'user')).toBe(false);
    expect(mayBeToldAbout('admin', 'apiToken')).toBe(false);
    expect(recipientsOf([{ id: 'a', role: 'admin', banned: false }], 'user', null)).toEqual([]);
    expect(mayBeToldAbout('viewer', 'claim')).toBe(true);
  });

  it('asks for facts only for the changes that tell someone', () => {
    expect(factsNeeded(trigger('actionItem.create', {}))).toEqual({ load: 'actionItem', id: 'rec-1' });
    expect(factsNeeded(trigger('partner.update', { nextStep: { from: 'a', to: 'b' } }))).toBeNull();
    expect(factsNeeded(trigger('partner.update', { ownerId: { from: 'x', to: 'pm' } }))).toEqual({ load: 'partner', id: 'rec-1' });
    expect(factsNeeded(trigger('criterion.flip', { met: { from: false, to: true }, gateId: 'g1' }))).toEqual({ load: 'gate', id: 'g1' });
    expect(factsNeeded(trigger('criterion.flip', { met: { from: false, to: true }, deliverableId: 'd1' }))).toBeNull();
    expect(factsNeeded(trigger('evidence.health', { health: { from: 'HEALTHY', to: 'BROKEN' } }))).toEqual({ load: 'evidence', id: 'rec-1' });
    expect(factsNeeded(trigger('evidence.health', { health: { from: 'BROKEN', to: 'HEALTHY' } }))).toBeNull();
    expect(factsNeeded(trigger('review.note', {}))).toBeNull();
    expect(factsNeeded(trigger('user.role', { role: { from: 'viewer', to: 'admin' } }))).toBeNull();
  });
});

describe('what each change says', () => {
  it('an action item assigned in the review: its owner, linked to that review', () => {
    const planned = planNotification(trigger('actionItem.create', {}), { load: 'actionItem', title: 'Ship the benchmark', dueDate: '2026-03-20', reviewWeek: '2026-03-09', owner: pm });
    expect(planned).toEqual({
      kind: 'actionItem.assigned',
      entityType: 'actionItem',
      entityId: 'rec-1',
      recipients: ['pm'],
      link: '/reviews/2026-03-09',
      params: { title: 'Ship the benchmark', dueDate: '2026-03-20', reviewWeek: '2026-03-09' },
    });
  });

  it('an action item you gave yourself tells no one', () => {
    expect(planNotification(trigger('actionItem.create', {}, { actorId: 'pm' }), { load: 'actionItem', title: 'x', dueDate: null, reviewWeek: '2026-03-09', owner: pm })).toBeNull();
  });

  it('a partner you now own', () => {
    const planned = planNotification(trigger('partner.update', { ownerId: { from: 'lead', to: 'pm' } }), { load: 'partner', company: 'Acme', owner: pm, followers: [viewer] });
    expect(planned).toMatchObject({ kind: 'partner.assigned', recipients: ['pm'], link: '/partners/rec-1', params: { company: 'Acme', change: 'owner' } });
  });

  it('a partner moving stage: its owner and followers', () => {
    const planned = planNotification(trigger('partner.stage', { stage: { from: 'LEAD', to: 'POC' } }), { load: 'partner', company: 'Acme', owner: pm, followers: [viewer, lead] });
    expect(planned).toMatchObject({ kind: 'partner.changed', recipients: ['pm', 'viewer'], params: { change: 'stage', from: 'LEAD', to: 'POC' } });
  });

  it('a gate changing status, getting a decision, or a criterion flipping: owners and followers', () => {
    const facts = { load: 'gate' as const, id: 'g1', title: 'Recall ≥ 0.9', owners: [pm], followers: [viewer, pm, gone] };
    expect(planNotification(trigger('gate.status', { status: { from: 'ON_TRACK', to: 'BLOCKED' }, reason: 'regression' }), facts)).toEqual({
      kind: 'gate.changed',
      entityType: 'gate',
      entityId: 'g1',
      recipients: ['pm', 'viewer'],
      link: '/gates/g1',
      params: { title: 'Recall ≥ 0.9', change: 'status', from: 'ON_TRACK', to: 'BLOCKED', decision: null },
    });
    expect(planNotification(trigger('gate.status', { status: { from: 'AT_RISK', to: 'PASSED' }, decision: 'GO' }), facts)?.params).toMatchObject({ change: 'decision', decision: 'GO', to: 'PASSED' });
    const flip = planNotification(trigger('criterion.flip', { met: { from: true, to: false }, gateId: 'g1' }, { entityType: 'criterion', entityId: 'c9', actorId: 'system' }), facts);
    expect(flip).toMatchObject({ entityType: 'gate', entityId: 'g1', link: '/gates/g1', params: { change: 'criterion', to: 'unmet' } });
  });

  it('evidence you added breaks: you, told by the link checker', () => {
    const planned = planNotification(trigger('evidence.health', { health: { from: 'HEALTHY', to: 'BROKEN' }, httpStatus: 404, checkError: null }, { actorId: 'system' }), { load: 'evidence', title: 'Bench report', addedBy: pm });
    expect(planned).toMatchObject({ kind: 'evidence.broken', recipients: ['pm'], params: { title: 'Bench report', httpStatus: '404', checkError: null } });
  });

  it('a claim you drafted is approved, published or retracted: you and its followers', () => {
    const facts = { load: 'claim' as const, statement: 'p95 < 50 ms', createdBy: pm, followers: [viewer] };
    expect(planNotification(trigger('claim.approve', {}), facts)).toMatchObject({ kind: 'claim.changed', recipients: ['pm', 'viewer'], link: '/claims/rec-1', params: { to: 'APPROVED' } });
    expect(planNotification(trigger('claim.publish', {}), facts)?.params.to).toBe('PUBLISHED');
    expect(planNotification(trigger('claim.retract', {}), facts)?.params.to).toBe('RETRACTED');
    expect(planNotification(trigger('claim.retract', {}), { ...facts, createdBy: null, followers: [] })).toBeNull();
  });
});

describe('channels', () => {
  it('in-app and email by default, as far as the server has them; a person switches each off per kind', () => {
    expect(channelsFor('gate.changed', [], ['inapp'])).toEqual(['inapp']);
    expect(channelsFor('gate.changed', [], ['inapp', 'email'])).toEqual(['inapp', 'email']);
    const prefs = [{ kind: 'gate.changed', channel: 'email', enabled: false }, { kind: 'claim.changed', channel: 'inapp', enabled: false }];
    expect(channelsFor('gate.changed', prefs, ['inapp', 'email'])).toEqual(['inapp']);
    expect(channelsFor('claim.changed', prefs, ['inapp', 'email'])).toEqual(['email']);
    expect(channelsFor('actionItem.assigned', prefs, ['inapp', 'email'])).toEqual(['inapp', 'email']);
  });
});
