import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createCaptureFetch } from '../src/index.js';

describe('createCaptureFetch', () => {
  it('records method, url, lower-case headers and body, with a json() helper', async () => {
    const fetch = createCaptureFetch([{ status: 200 }]);
    await fetch('https://hooks.test/path?q=1', {
      method: 'post',
      headers: { 'Content-Type': 'application/json', 'X-Token': 'abc' },
      body: JSON.stringify({ hello: 'world' }),
    });
    const [request] = fetch.requests;
    expect(request).toMatchObject({
      method: 'POST',
      url: 'https://hooks.test/path?q=1',
      headers: { 'content-type': 'application/json', 'x-token': 'abc' },
      body: '{"hello":"world"}',
    });
    expect(request?.json()).toEqual({ hello: 'world' });
    expect(request?.bytes).toEqual(new TextEncoder().encode('{"hello":"world"}'));
  });

  it('accepts a Request object as input', async () => {
    const fetch = createCaptureFetch([{ status: 204 }]);
    const response = await fetch(new Request('https://hooks.test/r', { method: 'PUT', body: 'x' }));
    expect(response.status).toBe(204);
    expect(fetch.requests[0]).toMatchObject({ method: 'PUT', body: 'x' });
  });

  it('answers scripted statuses, headers and bodies in order', async () => {
    const fetch = createCaptureFetch([
      { status: 200, body: { ok: true } },
      { status: 202 },
      { status: 400, body: 'bad request', headers: { 'x-reason': 'schema' } },
      { status: 401 },
      { status: 500, body: new Uint8Array([104, 105]) },
    ]);
    const first = await fetch('https://hooks.test/');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(await first.json()).toEqual({ ok: true });
    expect((await fetch('https://hooks.test/')).status).toBe(202);
    const bad = await fetch('https://hooks.test/');
    expect([bad.status, bad.headers.get('x-reason'), await bad.text()]).toEqual([
      400,
      'schema',
      'bad request',
    ]);
    expect((await fetch('https://hooks.test/')).status).toBe(401);
    expect(await (await fetch('https://hooks.test/')).text()).toBe('hi');
    expect(fetch.requests).toHaveLength(5);
  });

  it('sets Retry-After from retryAfter, as seconds or an HTTP-date', async () => {
    const date = new Date(Date.now() + 5_000).toUTCString();
    const fetch = createCaptureFetch([
      { status: 429, retryAfter: '3' },
      { status: 429, retryAfter: date },
    ]);
    expect((await fetch('https://hooks.test/')).headers.get('retry-after')).toBe('3');
    expect((await fetch('https://hooks.test/')).headers.get('retry-after')).toBe(date);
  });

  it('asks a function script for every request, with its index', async () => {
    const fetch = createCaptureFetch((request, index) => ({
      status: 200,
      body: `${request.method} #${index}`,
    }));
    expect(await (await fetch('https://hooks.test/')).text()).toBe('GET #0');
    expect(await (await fetch('https://hooks.test/', { method: 'DELETE' })).text()).toBe('DELETE #1');
  });

  it('rejects like undici on a refused connection', async () => {
    const fetch = createCaptureFetch([{ refuse: true }]);
    const error: unknown = await fetch('https://hooks.test/').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect((error as TypeError).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('hangs until the signal aborts, then rejects with its reason', async () => {
    const fetch = createCaptureFetch([{ hang: true }, { hang: true }]);
    const controller = new AbortController();
    const pending = fetch('https://hooks.test/', { signal: controller.signal });
    let settled = false;
    void pending.catch(() => undefined).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });

    const timedOut = fetch('https://hooks.test/', { signal: AbortSignal.timeout(10) });
    await expect(timedOut).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('does not keep the process alive while a request hangs', async () => {
    // A child process with two hung requests (no signal, and a signal that never aborts) must exit by
    // itself; a hang built on a timer or socket would keep it running until the 10 s kill.
    const source = fileURLToPath(new URL('../src/capture-fetch.ts', import.meta.url));
    const script = `
      const { createCaptureFetch } = await import(${JSON.stringify(source)});
      const fetch = createCaptureFetch(() => ({ hang: true }));
      fetch('https://hooks.test/a');
      fetch('https://hooks.test/b', { signal: new AbortController().signal });
      await new Promise((resolve) => setTimeout(resolve, 10));
      process.stdout.write(String(fetch.requests.length));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      timeout: 10_000,
    });
    expect(stdout).toBe('2');
  });

  it('sends nothing when the signal is already aborted', async () => {
    const fetch = createCaptureFetch([{ status: 200 }]);
    await expect(fetch('https://hooks.test/', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(fetch.requests).toHaveLength(0);
  });

  it('fails clearly when the script runs out, without leaking the path', async () => {
    const fetch = createCaptureFetch([{ status: 200 }]);
    await fetch('https://hooks.test/secret-token');
    await expect(fetch('https://hooks.test/secret-token', { method: 'POST' })).rejects.toThrow(
      '[@mcp-o11y/testkit] createCaptureFetch: request #2 (POST https://hooks.test) has no scripted response; the script lists 1.',
    );
    await expect(fetch('https://hooks.test/x')).rejects.not.toThrow(/secret-token/);
  });

  it('reset() forgets requests and restarts or replaces the script', async () => {
    const fetch = createCaptureFetch([{ status: 201 }]);
    await fetch('https://hooks.test/');
    fetch.reset();
    expect(fetch.requests).toHaveLength(0);
    expect((await fetch('https://hooks.test/')).status).toBe(201);
    fetch.reset([{ status: 503 }]);
    expect((await fetch('https://hooks.test/')).status).toBe(503);
  });

  it('rejects statuses a Response cannot have', async () => {
    const fetch = createCaptureFetch([{ status: 99 }]);
    await expect(fetch('https://hooks.test/')).rejects.toThrow(/status 99 is not 200–599/);
  });

  it('explains a body that is not JSON', async () => {
    const fetch = createCaptureFetch([{ status: 200 }]);
    await fetch('https://hooks.test/', { method: 'POST', body: 'plain' });
    expect(() => fetch.requests[0]?.json()).toThrow(
      '[@mcp-o11y/testkit] captured POST body is not JSON: plain',
    );
  });
});
