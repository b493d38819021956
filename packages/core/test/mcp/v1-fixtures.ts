import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

/**
 * The SDK v1 server every v1 test uses: tools that succeed, fail in each way the SDK distinguishes,
 * report progress or wait to be cancelled; a resource, a resource template, a prompt with completion.
 */
export function buildV1Server(): McpServer {
  const server = new McpServer({ name: 'fixture', version: '1.0.0' }, { capabilities: { logging: {} } });
  server.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  server.registerTool('boom', { inputSchema: {} }, async () => {
    throw new Error('handler exploded');
  });
  server.registerTool('soft_fail', { inputSchema: {} }, async () => ({
    content: [{ type: 'text', text: 'quota exceeded' }],
    isError: true,
  }));
  server.registerTool('progress', { inputSchema: {} }, async (_args, extra) => {
    const token = extra._meta?.progressToken;
    if (token !== undefined) {
      await extra.sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress: 1, total: 2 },
      });
      await extra.sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress: 2, total: 2 },
      });
    }
    return { content: [{ type: 'text', text: 'done' }] };
  });
  server.registerTool(
    'wait',
    { inputSchema: {} },
    (_args, extra) =>
      new Promise((resolve) => {
        extra.signal.addEventListener('abort', () =>
          resolve({ content: [{ type: 'text', text: 'aborted' }] }),
        );
      }),
  );
  server.registerResource('readme', 'docs://readme', { mimeType: 'text/plain' }, async (uri) => ({
    contents: [{ uri: uri.href, text: 'hello' }],
  }));
  server.registerResource(
    'doc',
    new ResourceTemplate('docs://pages/{page}', {
      list: undefined,
      complete: { page: (value) => ['intro', 'usage'].filter((page) => page.startsWith(value)) },
    }),
    { mimeType: 'text/plain' },
    async (uri, { page }) => ({ contents: [{ uri: uri.href, text: `page ${String(page)}` }] }),
  );
  server.registerPrompt('greet', { argsSchema: { name: z.string() } }, ({ name }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Hello ${name}` } }],
  }));
  return server;
}
