// pnpm mcp — the console's MCP server over stdio, for desktop agents. It forwards every request to the
// console's /mcp with the token (AIONIS_URL, AIONIS_TOKEN), so the tools, rights and audit are the
// server's own: this process holds no database and no secret but the token.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListResourcesRequestSchema, ListToolsRequestSchema, ReadResourceRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const env = z
  .object({
    AIONIS_URL: z.url({ protocol: /^https?$/, error: 'AIONIS_URL must be the console’s address, e.g. https://console.example' }),
    AIONIS_TOKEN: z.string().regex(/^aionis_(pt|st|mt)_[A-Za-z0-9_-]{43}$/, 'AIONIS_TOKEN must be a personal or service token (aionis_pt_… or aionis_st_…)'),
  })
  .safeParse(process.env);
if (!env.success) {
  for (const issue of env.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}

const remote = new Client({ name: 'aionis-mcp-stdio', version: '1.0.0' });
await remote.connect(
  new StreamableHTTPClientTransport(new URL('/mcp', env.data.AIONIS_URL), { requestInit: { headers: { authorization: `Bearer ${env.data.AIONIS_TOKEN}` } } }),
);

const local = new Server({ name: 'aionis-gtm-console', version: '1.0.0' }, { capabilities: { tools: {}, resources: {} } });
local.setRequestHandler(ListToolsRequestSchema, (request) => remote.listTools(request.params));
local.setRequestHandler(CallToolRequestSchema, (request) => remote.callTool(request.params));
local.setRequestHandler(ListResourcesRequestSchema, (request) => remote.listResources(request.params));
local.setRequestHandler(ReadResourceRequestSchema, (request) => remote.readResource(request.params));
await local.connect(new StdioServerTransport());
