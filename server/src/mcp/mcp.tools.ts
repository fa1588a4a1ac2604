// The MCP tools: task-shaped, each one or two procedure calls through the same tRPC caller as the web,
// as the token's user and bounded by its scopes (docs/decisions/036-mcp-server.md). No more than 15.
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { AppServices } from '../context.js';
import { evidenceReportInput, gateByKeyInput, gateRunInput } from '../modules/gate-runs/gate-runs.schema.js';
import { weekStartOf } from '../lib/dates.js';
import { activityLogInput, partnerIdInput, partnerMoveStageInput } from '../modules/partners/partners.schema.js';
import { phaseByKeyInput } from '../modules/phases/phases.schema.js';
import { actionItemStatusInput } from '../modules/reviews/reviews.schema.js';
import { tokenRefusal, type TokenPrincipal } from '../modules/tokens/tokens.rules.js';
import { appRouter } from '../router.js';
import { createCallerFactory } from '../trpc.js';
import type { ConflictDetail, FieldIssue } from '../lib/errors.js';

const createCaller = createCallerFactory(appRouter);
export type Api = ReturnType<typeof createCaller>;

export function apiFor(services: AppServices, token: TokenPrincipal, requestId: string): Api {
  return createCaller({ ...services, requestId, user: token.user, token });
}

export interface McpTool {
  name: string;
  description: string;
  /** The procedures it calls; a write tool is listed only when the token may call its procedure. */
  procedures: readonly string[];
  /** For the drift test: the procedure whose input this tool takes as it is (null: a composed input). */
  mirrors: string | null;
  write: boolean;
  input: z.ZodObject;
  run: (api: Api, input: never, today: string) => Promise<unknown>;
}

const searchInput = z.object({ q: z.string().trim().min(1).max(200) });
const weekInput = z.object({ weekStart: z.iso.date().optional() });
const noInput = z.object({});

const tool = <I extends z.ZodObject>(t: Omit<McpTool, 'input' | 'run'> & { input: I; run: (api: Api, input: z.output<I>, today: string) => Promise<unknown> }) => t as unknown as McpTool;

export const mcpTools: McpTool[] = [
  tool({
    name: 'where_do_we_stand',
    description: 'Today in the launch plan: day N, each phase with its gates and their health, the pipeline and the weekly review.',
    procedures: ['home.overview'],
    mirrors: null,
    write: false,
    input: noInput,
    run: (api) => api.home.overview(),
  }),
  tool({
    name: 'phase_scorecard',
    description: 'A phase’s scorecard (A, B or C): deliverables, gates, criteria met and whether it can exit.',
    procedures: ['phases.scorecard'],
    mirrors: 'phases.scorecard',
    write: false,
    input: phaseByKeyInput,
    run: (api, input) => api.phases.scorecard(input),
  }),
  tool({
    name: 'gate_detail',
    description: 'A gate by key (e.g. B.production-gates): status, suggested health, each criterion with why it is met or not, and its evidence.',
    procedures: ['gates.byKey'],
    mirrors: 'gates.byKey',
    write: false,
    input: gateByKeyInput,
    run: (api, input) => api.gates.byKey(input),
  }),
  tool({
    name: 'search',
    description: 'Search partners (company, contacts) and evidence (title, URL, note) for a phrase.',
    procedures: ['partners.list', 'evidence.list'],
    mirrors: null,
    write: false,
    input: searchInput,
    run: async (api, { q }) => {
      const [partners, evidence] = await Promise.all([api.partners.list({ q, limit: 10 }), api.evidence.list({ q, limit: 10 })]);
      return { partners: partners.items ?? partners, evidence: evidence.items };
    },
  }),
  tool({
    name: 'partner_detail',
    description: 'A design partner by id: stage, owner, contacts, PoC, next step, activity timeline.',
    procedures: ['partners.byId'],
    mirrors: 'partners.byId',
    write: false,
    input: partnerIdInput,
    run: (api, input) => api.partners.byId(input),
  }),
  tool({
    name: 'my_action_items',
    description: 'The open action items owned by the token’s user, overdue first.',
    procedures: ['reviews.openActionItems', 'users.me'],
    mirrors: null,
    write: false,
    input: noInput,
    run: async (api) => {
      const [me, open] = await Promise.all([api.users.me(), api.reviews.openActionItems()]);
      return { ...open, items: open.items.filter((a) => a.ownerId === me?.id) };
    },
  }),
  tool({
    name: 'review_agenda',
    description: 'The weekly review of a week (this week by default): agenda, notes, decisions and action items.',
    procedures: ['reviews.byWeek'],
    mirrors: null,
    write: false,
    input: weekInput,
    run: (api, { weekStart }, today) => api.reviews.byWeek({ weekStart: weekStartOf(weekStart ?? today) }),
  }),
  tool({
    name: 'log_partner_activity',
    description: 'Log a call, meeting, email, demo, milestone or note on a partner.',
    procedures: ['partners.logActivity'],
    mirrors: 'partners.logActivity',
    write: true,
    input: activityLogInput,
    run: (api, input) => api.partners.logActivity(input),
  }),
  tool({
    name: 'move_partner_stage',
    description: 'Move a partner to another stage; moving back, to LOST or out of LOST needs a reason. Pass the version from partner_detail.',
    procedures: ['partners.moveStage'],
    mirrors: 'partners.moveStage',
    write: true,
    input: partnerMoveStageInput,
    run: (api, input) => api.partners.moveStage(input),
  }),
  tool({
    name: 'add_evidence',
    description: 'Attach release evidence, an artifact, a report or a document to a gate or criterion by key.',
    procedures: ['evidence.record'],
    mirrors: 'evidence.record',
    write: true,
    input: evidenceReportInput,
    run: (api, input) => api.evidence.record(input),
  }),
  tool({
    name: 'record_gate_run',
    description: 'Record a CI run of a gate (idempotent by runId); the gate’s criteria are re-evaluated at once.',
    procedures: ['gateRuns.record'],
    mirrors: 'gateRuns.record',
    write: true,
    input: gateRunInput,
    run: (api, input) => api.gateRuns.record(input),
  }),
  tool({
    name: 'update_action_item',
    description: 'Mark an action item done, dropped or open again, from this week’s draft review. Pass its version.',
    procedures: ['reviews.setActionItemStatus'],
    mirrors: 'reviews.setActionItemStatus',
    write: true,
    input: actionItemStatusInput,
    run: (api, input) => api.reviews.setActionItemStatus(input),
  }),
];

/** The tools this token may use: every read tool with `read`, a write tool when its procedure is open to it. */
export const toolsFor = (token: TokenPrincipal) =>
  mcpTools.filter((t) => t.procedures.every((p) => tokenRefusal(token, p, t.write ? 'mutation' : 'query') === null));

/** A refusal as the agent should read it: the code, the reason, the fields at fault, a stale version's current state. */
export function refusalText(error: unknown): string {
  if (!(error instanceof TRPCError)) return 'Internal error';
  if (error.code === 'INTERNAL_SERVER_ERROR') return 'INTERNAL_SERVER_ERROR: Internal server error';
  const cause = error.cause as { issues?: { path: PropertyKey[]; message: string }[]; fieldIssues?: FieldIssue[]; conflict?: ConflictDetail } | undefined;
  const fields: FieldIssue[] = cause?.fieldIssues ?? cause?.issues?.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) ?? [];
  const lines = [`${error.code}: ${error.message.startsWith('[') ? 'The input is not valid' : error.message}`];
  for (const f of fields) lines.push(`- ${f.path || '(input)'}: ${f.message}`);
  if (cause?.conflict) lines.push(`Current version ${cause.conflict.currentVersion ?? '?'}, changed by ${cause.conflict.changedBy ?? 'someone'}: ${JSON.stringify(cause.conflict.current)}`);
  return lines.join('\n');
}
