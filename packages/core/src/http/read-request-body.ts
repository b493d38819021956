import type { IncomingMessage } from 'node:http';

/** What reading a request body found: the bytes, or that it is over the limit (answer 413). */
export type RequestBody = { readonly kind: 'body'; readonly bytes: Buffer } | { readonly kind: 'too-large' };

const tooLarge: RequestBody = { kind: 'too-large' };

function declaredTooLarge(contentLength: string | null | undefined, maxBytes: number): boolean {
  const declared = Number(contentLength);
  return contentLength !== null && contentLength !== undefined && contentLength !== '' && declared > maxBytes;
}

/**
 * Reads a node:http request body of at most `maxBytes`. A declared `Content-Length` over the limit is
 * refused before reading; otherwise the answer comes as soon as the limit is passed and the rest is
 * discarded as it arrives, so a large body never sits in memory. Answer `too-large` with 413 and
 * `Connection: close`, so the connection ends with the answer.
 */
export function readNodeRequestBody(request: IncomingMessage, maxBytes: number): Promise<RequestBody> {
  if (declaredTooLarge(request.headers['content-length'], maxBytes)) {
    request.resume();
    return Promise.resolve(tooLarge);
  }
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else if (chunks.length > 0 || size - chunk.length <= maxBytes) {
        // Answer now; what still arrives is discarded (flowing mode) until the socket closes.
        chunks = [];
        resolve(tooLarge);
      }
    });
    request.on('end', () =>
      resolve(size > maxBytes ? tooLarge : { kind: 'body', bytes: Buffer.concat(chunks) }),
    );
    request.on('error', reject);
  });
}

/**
 * Reads a fetch `Request` body of at most `maxBytes`: refused by `Content-Length` first, else read as a
 * stream and cancelled at the limit, so a large body never sits in memory.
 */
export async function readFetchRequestBody(request: Request, maxBytes: number): Promise<RequestBody> {
  if (declaredTooLarge(request.headers.get('content-length'), maxBytes)) return tooLarge;
  if (request.body === null) return { kind: 'body', bytes: Buffer.alloc(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge;
    }
    chunks.push(value);
  }
  return { kind: 'body', bytes: Buffer.concat(chunks) };
}
