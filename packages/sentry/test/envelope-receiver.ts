import { gunzipSync } from 'node:zlib';
import { type HttpReceiver, type ReceivedRequest, startHttpReceiver } from '@mcp-o11y/testkit';

/** One envelope item: its header and its decoded JSON payload. */
export interface EnvelopeItem {
  readonly header: Record<string, unknown> & { type: string };
  // biome-ignore lint/suspicious/noExplicitAny: test payloads are inspected field by field.
  readonly payload: any;
}

/** A decoded Sentry envelope. */
export interface Envelope {
  readonly header: Record<string, unknown>;
  readonly items: readonly EnvelopeItem[];
  /** The request it came in, for auth and path checks. */
  readonly request: ReceivedRequest;
}

/**
 * Decodes an envelope as Sentry's spec defines it (develop.sentry.dev/sdk/data-model/envelopes): a JSON
 * header line, then per item a JSON header line and a payload of `length` bytes, or up to the next
 * newline when the header has no length. Throws on anything else, so a malformed envelope fails the test.
 */
export function parseEnvelope(request: ReceivedRequest): Envelope {
  const raw = request.headers['content-encoding'] === 'gzip' ? gunzipSync(request.body) : request.body;
  let offset = 0;
  const readLine = (): Buffer => {
    const end = raw.indexOf(0x0a, offset);
    const line = raw.subarray(offset, end === -1 ? raw.length : end);
    offset = end === -1 ? raw.length : end + 1;
    return line;
  };
  const header = JSON.parse(readLine().toString('utf8')) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  while (offset < raw.length) {
    const headerLine = readLine().toString('utf8');
    if (headerLine.trim() === '') continue;
    const itemHeader = JSON.parse(headerLine) as EnvelopeItem['header'];
    if (typeof itemHeader.type !== 'string') throw new Error(`item header without type: ${headerLine}`);
    let payload: Buffer;
    if (typeof itemHeader.length === 'number') {
      payload = raw.subarray(offset, offset + itemHeader.length);
      offset += itemHeader.length;
      if (raw[offset] === 0x0a) offset += 1;
    } else {
      payload = readLine();
    }
    items.push({ header: itemHeader, payload: JSON.parse(payload.toString('utf8')) });
  }
  return { header, items, request };
}

/** A local Sentry ingest endpoint: a DSN pointing at it and the envelopes it received. */
export interface EnvelopeReceiver {
  readonly dsn: string;
  readonly http: HttpReceiver;
  envelopes(): Envelope[];
  /** Payloads of every item of `type` (`event`, `transaction`, `log`) received so far. */
  // biome-ignore lint/suspicious/noExplicitAny: see EnvelopeItem.payload.
  items(type: string): any[];
  /** Polls until `check` returns a value (not undefined), or throws after `timeoutMs`. */
  waitFor<T>(check: () => T | undefined, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/** Starts the receiver on 127.0.0.1; project id 1, public key `publickey`. */
export async function startEnvelopeReceiver(): Promise<EnvelopeReceiver> {
  const http = await startHttpReceiver();
  const envelopes = (): Envelope[] =>
    http.requests.filter((request) => request.path.startsWith('/api/1/envelope/')).map(parseEnvelope);
  return {
    dsn: `http://publickey@127.0.0.1:${http.port}/1`,
    http,
    envelopes,
    items: (type) =>
      envelopes().flatMap((envelope) =>
        envelope.items.filter((item) => item.header.type === type).map((item) => item.payload),
      ),
    async waitFor<T>(check: () => T | undefined, timeoutMs = 5_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = check();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error('[test] the expected Sentry envelope did not arrive.');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => http.close(),
  };
}
