// The MCP server for one token: its tools (mcp.tools.ts) and two resources, the plan and the latest
// closed weekly review as Markdown. Built per request (Streamable HTTP, stateless) or per process (stdio).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AppServices } from '../context.js';
import type { TokenPrincipal } from '../modules/tokens/tokens.rules.js';
import { apiFor, refusalText, toolsFor, type Api } from './mcp.tools.js';

export const PLAN_URI = 'aionis://plan';
export const LATEST_REVIEW_URI = 'aionis://reviews/latest-closed';

type Plan = NonNullable<Awaited<ReturnType<Api['plans']['current']>>>;

/** The current plan as Markdown: each phase with its goal, deliverables and gates. */
export function planMarkdown(plan: Plan): string {
  const lines = [`# ${plan.name}`, '', `Starts ${plan.startDate}, ${plan.lengthDays} days.`];
  for (const phase of plan.phases) {
    lines.push('', `## Phase ${phase.key} — ${phase.name} (days ${phase.startDay}–${phase.endDay})`, '', phase.goal);
    lines.push('', '### Deliverables', '');
    for (const d of phase.deliverables) lines.push(`- ${d.title} — ${d.status}${d.dueDate ? `, due ${d.dueDate}` : ''}${d.overdue ? ' (overdue)' : ''}`);
    lines.push('', '### Gates', '');
    for (const g of phase.gates) lines.push(`- ${g.title} — ${g.status}, ${g.criteriaMet}/${g.criteriaTotal} criteria met${g.dueDate ? `, due ${g.dueDate}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

export function createMcpServer(services: AppServices, token: TokenPrincipal, requestId: string) {
  const server = new McpServer({ name: 'aionis-gtm-console', version: '1.0.0' });
  const api = apiFor(services, token, requestId);

  for (const tool of toolsFor(token)) {
    server.registerTool(
      tool.name,
      { description: tool.description, inputSchema: tool.input, annotations: { readOnlyHint: !tool.write } },
      async (input: unknown) => {
        try {
          const result = await tool.run(api, input as never, services.today());
          return { content: [{ type: 'text' as const, text: JSON.stringify(result, null, 2) }] };
        } catch (error) {
          return { isError: true, content: [{ type: 'text' as const, text: refusalText(error) }] };
        }
      },
    );
  }

  server.registerResource('plan', PLAN_URI, { title: 'The current launch plan', mimeType: 'text/markdown' }, async (uri) => {
    const plan = await api.plans.current();
    return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: plan ? planMarkdown(plan) : 'There is no current plan.\n' }] };
  });
  server.registerResource('latest-review', LATEST_REVIEW_URI, { title: 'The latest closed weekly review', mimeType: 'text/markdown' }, async (uri) => {
    const closed = (await api.reviews.list()).find((r) => r.status === 'CLOSED');
    const text = closed ? (await api.reviews.exportMarkdown({ weekStart: closed.weekStart })).markdown : 'No weekly review has been closed yet.\n';
    return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
  });
  return server;
}
