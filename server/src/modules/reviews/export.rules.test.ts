import { describe, expect, it } from 'vitest';
import { exportMarkdown, type ExportableReview } from './export.rules.js';
import { agendaSections } from './reviews.schema.js';

const review: ExportableReview = {
  weekStart: '2026-03-09',
  status: 'CLOSED',
  closedAt: '2026-03-12T16:30:00.000Z',
  closedByName: 'Lee Leadership',
  window: { from: '2026-03-05T16:00:00.000Z', to: '2026-03-12T16:30:00.000Z' },
  attendees: [
    { name: 'Pat PM', group: 'PRODUCT' },
    { name: 'Eve Engineer', group: 'ENGINEERING' },
    { name: 'Sam Sales', group: 'GTM' },
    { name: 'Lee Leadership', group: 'GTM' },
  ],
  agenda: agendaSections.map((key) => ({ key, items: [], more: [] })),
  phases: [
    {
      key: 'B',
      name: 'Validate',
      deliverablesDone: 3,
      deliverablesTotal: 8,
      gates: [{ id: 'g1', title: 'Docs links all green', status: 'ON_TRACK', suggested: 'AT_RISK', criteriaMet: 1, criteriaTotal: 2 }],
    },
  ],
  notes: [{ section: 'gates', markdown: 'The docs gate needs **one more** green run.\n\n- ask infra' }],
  decisions: [{ text: 'Hold the launch post\nuntil the gate passes', decidedByName: 'Lee Leadership', target: { label: 'Docs links all green' } }],
  actionItems: [
    { title: 'Fix the broken status page link', ownerName: 'Pat PM', dueDate: '2026-03-13', status: 'OPEN', target: null },
    { title: 'Send the PoC plan', ownerName: 'Sam Sales', dueDate: null, status: 'DONE', target: { label: 'Acme' } },
  ],
};
review.agenda[0]!.items = [
  { kind: 'gateBlocked', title: 'Recall stable under load', link: { type: 'gate', id: 'g2' }, detail: 'Validate' },
  { kind: 'stabilityHold', title: '', link: null, days: 1 },
];
review.agenda[1]!.items = [
  { kind: 'gateDecision', title: 'Docs links all green', link: { type: 'gate', id: 'g1' }, from: 'AT_RISK', to: 'CONDITIONAL_GO', date: '2026-03-10', by: 'Lee Leadership', detail: 'One run left' },
];
review.agenda[3]!.items = [{ kind: 'partnerStage', title: 'Acme', link: { type: 'partner', id: 'p1' }, from: 'QUALIFIED', to: 'POC', date: '2026-03-06', by: 'Sam Sales' }];
review.agenda[5]!.items = [
  { kind: 'kpi', title: 'P95 latency', link: { type: 'metric', id: 'm1' }, date: '2026-03-09', value: 180, target: 200, meets: true, from: '240', detail: 'ms' },
];
review.agenda[6]!.items = [
  { kind: 'actionOpen', title: 'Book the security review', link: { type: 'actionItem', id: 'a0', reviewWeek: '2026-03-02' }, date: '2026-03-06', by: 'Ada Admin', overdue: true, detail: '2026-03-02' },
];

describe('exportMarkdown', () => {
  it('writes the whole review, saying so where a section is empty', () => {
    expect(exportMarkdown(review)).toMatchInlineSnapshot(`
      "# Weekly review — week of 2026-03-09

      Status: closed on 2026-03-12 by Lee Leadership
      Changes from 2026-03-05 16:00 to 2026-03-12 16:30 UTC

      ## Attendees

      - Product: Pat PM
      - Engineering: Eve Engineer
      - GTM: Sam Sales, Lee Leadership

      ## 1. Blocked gates and stability first

      - Gate **Recall stable under load** is blocked (phase Validate)
      - Stability first: new narrative is on hold while 1 gate(s) are blocked

      ## 2. Gate status changes, decisions and criteria

      - Gate **Docs links all green**: decision conditional go (2026-03-10, by Lee Leadership, One run left)

      **Notes**

      The docs gate needs **one more** green run.

      - ask infra

      ## 3. Deliverables completed and slipped

      Nothing this week.

      ## 4. Design partners

      - **Acme**: qualified → poc (2026-03-06, by Sam Sales)

      ## 5. Evidence

      Nothing this week.

      ## 6. KPIs against targets

      - **P95 latency**: 180 ms in the week of 2026-03-09 (was 240), target 200 ms: met

      ## 7. Open action items carried over

      - **Overdue** Book the security review — Ada Admin (due 2026-03-06, from the review of 2026-03-02)

      ## 8. Stale items (no update in 14 days)

      Nothing this week.

      ## Decisions

      - Hold the launch post until the gate passes — decided by Lee Leadership (re: Docs links all green)

      ## Action items

      - [ ] Fix the broken status page link — Pat PM (due 2026-03-13)
      - [x] Send the PoC plan — Sam Sales (done, re: Acme)

      ## Phases and gates

      - **Phase B — Validate**: 3/8 deliverables done
        - Docs links all green: on track (suggested at risk), criteria 1/2
      "
    `);
  });

  it('marks a draft as such', () => {
    expect(exportMarkdown({ ...review, status: 'DRAFT', closedAt: null, closedByName: null, attendees: [], decisions: [], actionItems: [] })).toContain(
      'Status: draft\n',
    );
  });
});
