import { afterEach, describe, expect, it } from 'vitest';
import { type HttpReceiver, startHttpReceiver } from '../src/index.js';

describe('startHttpReceiver', () => {
  let receiver: HttpReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it('listens on 127.0.0.1 with an OS-chosen port and answers 200 {} by default', async () => {
    receiver = await startHttpReceiver();
    expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(receiver.port).toBeGreaterThan(0);
    const response = await fetch(`${receiver.url}/hook`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
  });

  it('records method, path, headers, raw body, text and json()', async () => {
    receiver = await startHttpReceiver();
    const payload = { alert: 'HighErrorRate', value: 0.2 };
    await fetch(`${receiver.url}/v1/hooks?team=ops`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Signature': 'sig' },
      body: JSON.stringify(payload),
    });
    const [request] = await receiver.waitForRequests(1);
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/hooks?team=ops');
    expect(request?.headers).toMatchObject({ 'content-type': 'application/json', 'x-signature': 'sig' });
    expect(Buffer.isBuffer(request?.body)).toBe(true);
    expect(request?.text).toBe(JSON.stringify(payload));
    expect(request?.json()).toEqual(payload);
  });

  it('keeps binary bodies intact', async () => {
    receiver = await startHttpReceiver();
    const bytes = new Uint8Array([0, 255, 10, 13, 128]);
    await fetch(receiver.url, {
      method: 'POST',
      body: bytes,
      headers: { 'content-type': 'application/x-protobuf' },
    });
    expect([...(receiver.requests[0]?.body ?? [])]).toEqual([...bytes]);
  });

  it('answers through the handler', async () => {
    receiver = await startHttpReceiver({
      handler: (request) =>
        request.path === '/limited'
          ? { status: 429, headers: { 'retry-after': '7' }, body: 'slow down' }
          : { status: 201, body: { id: 'm-1' } },
    });
    const limited = await fetch(`${receiver.url}/limited`);
    expect([limited.status, limited.headers.get('retry-after'), await limited.text()]).toEqual([
      429,
      '7',
      'slow down',
    ]);
    const created = await fetch(`${receiver.url}/ok`);
    expect([created.status, await created.json()]).toEqual([201, { id: 'm-1' }]);
  });

  it('answers 500 when the handler throws', async () => {
    receiver = await startHttpReceiver({
      handler: () => {
        throw new Error('decoder failed');
      },
    });
    const response = await fetch(receiver.url, { method: 'POST', body: '{}' });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('decoder failed');
  });

  it('waitForRequests waits for later requests and times out with a count', async () => {
    receiver = await startHttpReceiver();
    const waiting = receiver.waitForRequests(2, { timeoutMs: 2_000 });
    await fetch(receiver.url);
    await fetch(receiver.url);
    expect(await waiting).toHaveLength(2);
    await expect(receiver.waitForRequests(3, { timeoutMs: 50 })).rejects.toThrow(
      '[@mcp-o11y/testkit] receiver got 2 of 3 expected requests within 50 ms.',
    );
  });

  it('reset() forgets requests', async () => {
    receiver = await startHttpReceiver();
    await fetch(receiver.url);
    receiver.reset();
    expect(receiver.requests).toHaveLength(0);
  });

  it('close() is idempotent and drops hung requests', async () => {
    receiver = await startHttpReceiver({ handler: () => new Promise(() => undefined) });
    const hung = fetch(receiver.url).catch((error: unknown) => error);
    await receiver.waitForRequests(1);
    await Promise.all([receiver.close(), receiver.close()]);
    expect(await hung).toBeInstanceOf(TypeError);
    await expect(fetch(receiver.url)).rejects.toThrow('fetch failed');
  });
});
