/**
 * The dashboard as an endpoint: where it binds, who gets in, and how much a request may send.
 */
import type { Observability } from '@mcp-o11y/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardFetchHandler, type RunningDashboard, startDashboard } from '../src/index.js';
import { createTestObservability } from './mcp-traffic.js';

let observability: Observability;
let running: RunningDashboard | undefined;
beforeAll(async () => {
  observability = await createTestObservability();
});
afterAll(async () => {
  await observability?.shutdown();
});
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const silence = (comment: string) =>
  JSON.stringify({
    matchers: [{ name: 'alertname', value: 'FlakyToolFailing' }],
    duration: '1h',
    createdBy: 'test',
    comment,
  });

describe('startDashboard', () => {
  it('binds 127.0.0.1 by default', async () => {
    running = await startDashboard({ observability, port: 0, env: {} });
    expect(running.host).toBe('127.0.0.1');
    expect(running.url).toBe(`http://127.0.0.1:${running.port}/`);
  });

  it('answers 401 to a missing or wrong token, 200 to the right one', async () => {
    running = await startDashboard({ observability, port: 0, env: {}, token: 'dash-t0ken-42' });
    const api = `http://127.0.0.1:${running.port}/api/overview`;
    const headers = (authorization: string) => ({ headers: { authorization } });
    for (const init of [
      {},
      headers('Bearer wrong'),
      headers('Bearer dash-t0ken-4'),
      headers('Basic dash-t0ken-42'),
    ]) {
      const refused = await fetch(api, init);
      expect(refused.status).toBe(401);
      expect(await refused.text()).not.toContain('dash-t0ken-42');
    }
    expect((await fetch(`${api}?token=wrong`)).status).toBe(401);
    expect((await fetch(api, headers('Bearer dash-t0ken-42'))).status).toBe(200);
  });

  it('answers 413 to a body over maxBodyBytes, before reading it whole, and takes one under it', async () => {
    running = await startDashboard({ observability, port: 0, env: {}, maxBodyBytes: 2048 });
    const post = (body: string) =>
      fetch(`http://127.0.0.1:${running!.port}/api/silences`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const tooLarge = await post(silence('x'.repeat(4096)));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ error: 'the body is over 2048 bytes' });
    expect((await post(silence('x'.repeat(200_000)))).status).toBe(413);
    expect((await post(silence('short'))).status).toBe(201);
  });
});

it('the fetch-style handler answers 413 past its maxBodyBytes too, and refuses a bad limit', async () => {
  const handler = createDashboardFetchHandler(observability, { maxBodyBytes: 1024 });
  try {
    const post = (body: string) =>
      handler(
        new Request('http://127.0.0.1:9465/api/silences', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }),
      );
    expect((await post(silence('x'.repeat(2048)))).status).toBe(413);
    expect((await post(silence('ok'))).status).toBe(201);
  } finally {
    handler.close();
  }
  expect(() => createDashboardFetchHandler(observability, { maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
});
