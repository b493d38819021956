import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

/** The SDK v2 server the v2 tests use: the same tools as the v1 fixture, registered the v2 way. */
export function buildV2Server(): McpServer {
  const server = new McpServer({ name: 'fixture-v2', version: '2.0.0' }, { capabilities: { logging: {} } });
  server.registerTool('echo', { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  server.registerTool('boom', { inputSchema: z.object({}) }, async () => {
    throw new Error('handler exploded');
  });
  server.registerTool('soft_fail', { inputSchema: z.object({}) }, async () => ({
    content: [{ type: 'text', text: 'quota exceeded' }],
    isError: true,
  }));
  server.registerTool(
    'wait',
    { inputSchema: z.object({}) },
    (_args, ctx) =>
      new Promise((resolve) => {
        ctx.mcpReq.signal.addEventListener('abort', () =>
          resolve({ content: [{ type: 'text', text: 'aborted' }] }),
        );
      }),
  );
  server.registerResource('readme', 'docs://readme', { mimeType: 'text/plain' }, async (uri) => ({
    contents: [{ uri: uri.href, text: 'hello' }],
  }));
  server.registerPrompt('greet', { argsSchema: z.object({ name: z.string() }) }, ({ name }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Hello ${name}` } }],
  }));
  return server;
}
