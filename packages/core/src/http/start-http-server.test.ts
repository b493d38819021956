import { afterEach, expect, it } from 'vitest';
import { type RunningHttpServer, startHttpServer } from './start-http-server.js';

const open: RunningHttpServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

it('binds 127.0.0.1 by default and serves the handler', async () => {
  const server = await startHttpServer((_request, response) => response.end('hi'), {
    port: 0,
    label: 'test',
    remedy: 'none',
  });
  open.push(server);
  expect(server.host).toBe('127.0.0.1');
  expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
  expect(await (await fetch(server.origin)).text()).toBe('hi');
});

it('names the address and the remedy when the port is taken', async () => {
  const first = await startHttpServer(() => undefined, { port: 0, label: 'test', remedy: 'none' });
  open.push(first);
  await expect(
    startHttpServer(() => undefined, {
      port: first.port,
      label: '[@mcp-o11y/x] thing',
      remedy: 'pick another port',
    }),
  ).rejects.toThrow(
    `[@mcp-o11y/x] thing: cannot listen on 127.0.0.1:${first.port} (EADDRINUSE); pick another port.`,
  );
});
