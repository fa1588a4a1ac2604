// The traffic of `pnpm load`: virtual users by role, each cycling through the reads and writes a person
// in that role makes in the console. A virtual user is one connection that sends one request at a time,
// so it can carry versions from one write to the next; writes that need a version only touch records
// that virtual user owns (its partners, its deliverable, its gate), so they never race each other and a
// CONFLICT is a failure, not noise. Every write is counted when sent and when acknowledged, and the
// database is checked against those counts afterwards.
import { ApiSession, queryPath } from './server-process.js';

export type Role = 'viewer' | 'sales' | 'pm' | 'leadership';
export type WriteKind = 'activity' | 'evidence' | 'partnerUpdate' | 'deliverableUpdate' | 'gateUpdate' | 'actionItem' | 'decision';
export const writeKinds: WriteKind[] = ['activity', 'evidence', 'partnerUpdate', 'deliverableUpdate', 'gateUpdate', 'actionItem', 'decision'];

export interface Step {
  procedure: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  write?: WriteKind;
  /** The record a write changes: its acknowledged writes are checked against the database. */
  target?: string;
  /** Reads the answer of a successful write (a new version). */
  onOk?: (data: unknown) => void;
}

/** The share of each role among the virtual users (of 32: 8 viewers, 10 sales, 8 PMs, 6 leadership). */
export function rolesFor(connections: number): Role[] {
  const viewers = Math.round(connections * 0.25);
  const pms = Math.round(connections * 0.25);
  const leaders = Math.round(connections * 0.1875);
  const sales = Math.max(0, connections - viewers - pms - leaders);
  return [
    ...Array<Role>(sales).fill('sales'),
    ...Array<Role>(pms).fill('pm'),
    ...Array<Role>(leaders).fill('leadership'),
    ...Array<Role>(viewers).fill('viewer'),
  ].slice(0, connections);
}

/** What the virtual users work on, created before the run. */
export interface World {
  runTag: string;
  weekStart: string;
  reviewId: string;
  phaseKeys: string[];
  partnerIds: string[];
  gateIds: string[];
  /** Where evidence links point (a local server that answers 200). */
  linkBase: string;
}

/** A record whose version a virtual user carries from write to write. */
export interface Versioned {
  id: string;
  version: number;
}

export interface Own {
  userId: string;
  partners: Versioned[];
  deliverable: Versioned | null;
  gate: Versioned | null;
}

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length]!;
const get = (procedure: string, input?: unknown): Step => ({ procedure, method: 'GET', path: queryPath(procedure, input) });
const post = (procedure: string, input: unknown, write: WriteKind, target: string, onOk?: (data: unknown) => void): Step => ({
  procedure,
  method: 'POST',
  path: `/trpc/${procedure}`,
  body: JSON.stringify(input),
  write,
  target,
  ...(onOk && { onOk }),
});
const bumpFrom = (record: Versioned) => (data: unknown) => {
  record.version = (data as { version: number }).version;
};

const deliverableCycle = ['IN_PROGRESS', 'DONE', 'IN_PROGRESS', 'NOT_STARTED'] as const;

export class VirtualUser {
  private n = 0;
  /** The step sent last, until its answer comes. */
  current: Step | null = null;
  readonly steps: (() => Step)[];

  constructor(
    readonly index: number,
    readonly role: Role,
    readonly session: ApiSession,
    readonly world: World,
    readonly own: Own,
    private readonly today: string,
  ) {
    this.steps = this.script();
  }

  /** How many times this virtual user has been through its script. */
  private get round(): number {
    return Math.floor(this.n / this.steps.length);
  }

  next(): Step {
    const step = this.steps[this.n % this.steps.length]!();
    this.n++;
    this.current = step;
    return step;
  }

  private script(): (() => Step)[] {
    const w = this.world;
    const tag = `${w.runTag} u${this.index}`;
    const somePartner = () => get('partners.byId', { id: pick(w.partnerIds, this.n * 7 + this.index) });
    const somePhase = (procedure: string) => () => get(procedure, { key: pick(w.phaseKeys, this.n + this.index) });
    const someGate = () => get('gates.byId', { id: pick(w.gateIds, this.n + this.index) });
    const mine = () => pick(this.own.partners, this.n);
    switch (this.role) {
      case 'viewer':
        return [
          () => get('home.overview'),
          () => get('plans.current'),
          somePhase('phases.byKey'),
          () => get('partners.list', {}), // the table view's first page
          somePartner,
          () => get('evidence.list', {}),
          () => get('reviews.byWeek', { weekStart: w.weekStart }),
          () => get('partners.funnel', {}),
          somePhase('phases.scorecard'),
          someGate,
        ];
      case 'sales':
        return [
          () => get('home.overview'),
          () => get('partners.board', {}), // the board sales work from
          () => get('partners.byId', { id: mine().id }),
          () => {
            const p = mine();
            return post('partners.logActivity', { partnerId: p.id, kind: 'CALL', occurredOn: this.today, text: `${tag} call ${this.n}` }, 'activity', p.id);
          },
          () => get('partners.timeline', { id: mine().id }),
          () => {
            const p = mine();
            const input = {
              title: `${tag} evidence ${this.n}`,
              url: `${w.linkBase}/evidence/${this.index}/${this.n}`,
              kind: 'CUSTOMER_EVIDENCE',
              capturedOn: this.today,
              attachTo: { targetType: 'partner', targetId: p.id },
            };
            return post('evidence.create', input, 'evidence', p.id);
          },
          () => get('evidence.list', {}),
          () => {
            const p = mine();
            return post('partners.update', { id: p.id, version: p.version, nextStep: `${tag} next ${this.n}` }, 'partnerUpdate', p.id, bumpFrom(p));
          },
          () => get('partners.funnel', {}),
          () => get('reviews.openActionItems'),
        ];
      case 'pm': {
        const d = this.own.deliverable;
        return [
          () => get('plans.current'),
          somePhase('phases.byKey'),
          ...(d
            ? [() => post('deliverables.update', { id: d.id, version: d.version, status: pick(deliverableCycle, this.round) }, 'deliverableUpdate', d.id, bumpFrom(d))]
            : []),
          someGate,
          () => get('reviews.byWeek', { weekStart: w.weekStart }),
          somePhase('phases.scorecard'),
          () => get('evidence.list', {}),
          () => get('home.overview'),
          ...(d ? [() => post('deliverables.update', { id: d.id, version: d.version, description: `${tag} note ${this.n}` }, 'deliverableUpdate', d.id, bumpFrom(d))] : []),
          // An action item every other round: the review page lists them all, so fewer keep it a review's size.
          () =>
            this.round % 2 === 0 && d
              ? post(
                  'reviews.addActionItem',
                  { reviewId: w.reviewId, title: `${tag} action ${this.n}`, ownerId: this.own.userId, targetType: 'deliverable', targetId: d.id },
                  'actionItem',
                  w.reviewId,
                )
              : get('reviews.openActionItems'),
        ];
      }
      case 'leadership': {
        const g = this.own.gate;
        return [
          () => get('home.overview'),
          () => get('audit.list', {}),
          ...(g ? [() => get('gates.byId', { id: g.id })] : [someGate]),
          ...(g ? [() => post('gates.update', { id: g.id, version: g.version, ownerName: `${tag} ${this.n}` }, 'gateUpdate', g.id, bumpFrom(g))] : []),
          () => get('reviews.byWeek', { weekStart: w.weekStart }),
          () =>
            this.round % 2 === 0
              ? post('reviews.addDecision', { reviewId: w.reviewId, text: `${tag} decision ${this.n}`, decidedByName: 'Leadership' }, 'decision', w.reviewId)
              : get('partners.funnel', {}),
          () => get('plans.current'),
          () => get('audit.list', { entityType: 'deliverable' }),
          () => get('evidence.list', {}),
        ];
      }
    }
  }
}
