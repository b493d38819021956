import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { readFetchRequestBody, readNodeRequestBody } from './read-request-body.js';
import { type RunningHttpServer, startHttpServer } from './start-http-server.js';

let server: RunningHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server answering with what `readNodeRequestBody` made of the body (413 when too large). */
async function echoServer(maxBytes: number): Promise<RunningHttpServer> {
  server = await startHttpServer(
    (request, response) => {
      void readNodeRequestBody(request, maxBytes).then((body) => {
        if (body.kind === 'too-large') response.writeHead(413, { connection: 'close' }).end();
        else response.writeHead(200).end(`${body.bytes.length}`);
      });
    },
    { port: 0, label: 'test', remedy: 'none' },
  );
  return server;
}

/** Posts `size` bytes, streamed in chunks without Content-Length when `chunked`. */
function post(url: string, size: number, chunked: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers: chunked ? {} : { 'content-length': size } });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    const chunk = Buffer.alloc(1024, 'x');
    let sent = 0;
    while (sent + chunk.length <= size) {
      request.write(chunk);
      sent += chunk.length;
    }
    request.end(Buffer.alloc(size - sent, 'y'));
  });
}

describe('readNodeRequestBody', () => {
  it.each([
    ['declared', false],
    ['chunked', true],
  ])('reads a body up to the limit and answers 413 past it (%s length)', async (_name, chunked) => {
    const running = await echoServer(4096);
    expect(await post(running.origin, 4096, chunked)).toBe(200);
    expect(await post(running.origin, 4097, chunked)).toBe(413);
    expect(await post(running.origin, 200_000, chunked)).toBe(413);
  });
});

describe('readFetchRequestBody', () => {
  const streamed = (size: number) =>
    new Request('http://127.0.0.1/', {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          for (let sent = 0; sent < size; sent += 1000)
            controller.enqueue(new Uint8Array(Math.min(1000, size - sent)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);

  it('reads a body up to the limit and refuses one past it, declared or streamed', async () => {
    expect(
      await readFetchRequestBody(new Request('http://127.0.0.1/', { method: 'POST', body: 'abc' }), 3),
    ).toEqual({
      kind: 'body',
      bytes: Buffer.from('abc'),
    });
    expect(
      await readFetchRequestBody(new Request('http://127.0.0.1/', { method: 'POST', body: 'abcd' }), 3),
    ).toEqual({
      kind: 'too-large',
    });
    expect((await readFetchRequestBody(streamed(5000), 5000)).kind).toBe('body');
    expect(await readFetchRequestBody(streamed(5001), 5000)).toEqual({ kind: 'too-large' });
    expect(await readFetchRequestBody(new Request('http://127.0.0.1/'), 3)).toEqual({
      kind: 'body',
      bytes: Buffer.alloc(0),
    });
  });
});
