import { describe, expect, it } from 'vitest';
import { createFetchHttpClient, networkErrorCode } from './fetch-http-client.js';

type Request = Parameters<ReturnType<typeof createFetchHttpClient>['sendRequest']>[0];

function request(): Request {
  return {
    url: 'https://127.0.0.1:1/v2.1/track',
    method: 'POST',
    headers: new Map<string, string>([['content-type', 'application/json']]),
    body: '[]',
    timeout: 0,
  } as unknown as Request;
}

function fetchError(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('socket'), { code }) });
}

describe('networkErrorCode', () => {
  it('names undici socket failures as node:https does, so the exporter retries and stores them', () => {
    expect(networkErrorCode(fetchError('UND_ERR_SOCKET'))).toBe('ECONNRESET');
    expect(networkErrorCode(fetchError('UND_ERR_CONNECT_TIMEOUT'))).toBe('ETIMEDOUT');
    expect(networkErrorCode(fetchError('UND_ERR_HEADERS_TIMEOUT'))).toBe('ESOCKETTIMEDOUT');
    expect(networkErrorCode(fetchError('ECONNREFUSED'))).toBe('ECONNREFUSED');
    expect(networkErrorCode(new Error('no cause'))).toBe('REQUEST_SEND_ERROR');
  });
});

describe('createFetchHttpClient', () => {
  // Regression (issue 11, fault-injection suite): a backend that dropped the connection gave
  // UND_ERR_SOCKET, which the exporter treats as permanent: a batch replayed from disk was lost uncounted.
  it('a dropped connection becomes a RestError with code ECONNRESET', async () => {
    const client = createFetchHttpClient(async () => {
      throw fetchError('UND_ERR_SOCKET');
    });
    await expect(client.sendRequest(request())).rejects.toMatchObject({
      name: 'RestError',
      code: 'ECONNRESET',
    });
  });

  it('a connection dropped while the answer is read becomes the same', async () => {
    const body = new ReadableStream({
      start(controller) {
        controller.error(fetchError('UND_ERR_SOCKET'));
      },
    });
    const client = createFetchHttpClient(async () => new Response(body, { status: 200 }));
    await expect(client.sendRequest(request())).rejects.toMatchObject({
      name: 'RestError',
      code: 'ECONNRESET',
    });
  });
});
