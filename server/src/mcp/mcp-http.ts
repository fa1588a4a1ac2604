// POST/GET/DELETE /mcp: MCP over Streamable HTTP, stateless (a server and transport per request), for a
// personal or service token sent as `Authorization: Bearer`.
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../context.js';
import { requireToken, type TokenRateLimiter } from '../token-auth.js';
import { createMcpServer } from './mcp.server.js';

export const MCP_PATH = '/mcp';

export async function registerMcp(app: FastifyInstance, services: AppServices, limiter: TokenRateLimiter) {
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (req, reply) => {
      const token = await requireToken(services.db.prisma, limiter, req, reply);
      if (token) req.apiToken = token;
    });
    scope.route({
      method: ['POST', 'GET', 'DELETE'],
      url: MCP_PATH,
      handler: async (req, reply) => {
        if (req.method !== 'POST') {
          // Stateless: no session to stream to or to end.
          return reply.code(405).header('allow', 'POST').send({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: POST JSON-RPC messages to /mcp' }, id: null });
        }
        const server = createMcpServer(services, req.apiToken!, req.id);
        const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
        reply.hijack();
        reply.raw.on('close', () => {
          void transport.close();
          void server.close();
        });
        await server.connect(transport);
        await transport.handleRequest(req.raw, reply.raw, req.body);
      },
    });
  });
}
