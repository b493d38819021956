import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One decoded Application Insights envelope, as the ingestion service receives it. */
export interface ReceivedEnvelope {
  readonly ver: number;
  readonly name: string;
  readonly time: string;
  readonly iKey: string;
  readonly sampleRate?: number;
  readonly tags: Record<string, string>;
  readonly data: {
    readonly baseType: string;
    readonly baseData: Record<string, unknown> & { properties?: Record<string, string> };
  };
}

/** A self-signed certificate for 127.0.0.1 (subjectAltName IP), made with openssl at test time. */
export interface TestCertificate {
  readonly keyPath: string;
  readonly certPath: string;
}

export function createTestCertificate(): TestCertificate {
  const directory = mkdtempSync(join(tmpdir(), 'azure-monitor-cert-'));
  const keyPath = join(directory, 'key.pem');
  const certPath = join(directory, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { keyPath, certPath };
}

/**
 * A local stand-in for Application Insights ingestion: `POST /v2.1/track` over HTTPS on 127.0.0.1. It
 * gunzips when asked, decodes a JSON array or newline-delimited JSON, checks each item is a v2 envelope
 * (ver, name, time, iKey, tags, data.baseType, data.baseData), and answers like Breeze.
 */
export class HttpsIngestionReceiver {
  readonly envelopes: ReceivedEnvelope[] = [];
  readonly problems: string[] = [];
  readonly paths: string[] = [];
  /**
   * `400`: refuse every batch for good, as Breeze does an invalid one (every item in `errors` with status
   * 400, nothing accepted); refused envelopes go to {@link refused}, not {@link envelopes}.
   */
  refuseWith: 400 | undefined;
  readonly refused: ReceivedEnvelope[] = [];
  #server: Server | undefined;
  #port = 0;

  readonly #certificate: TestCertificate;

  constructor(certificate: TestCertificate) {
    this.#certificate = certificate;
  }

  get port(): number {
    return this.#port;
  }

  connectionString(instrumentationKey = '8f9d3e4c-1a2b-4c5d-8e9f-0a1b2c3d4e5f'): string {
    return `InstrumentationKey=${instrumentationKey};IngestionEndpoint=https://127.0.0.1:${this.#port}/`;
  }

  async start(port = this.#port): Promise<void> {
    const server = createServer(
      { key: readFileSync(this.#certificate.keyPath), cert: readFileSync(this.#certificate.certPath) },
      (request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          this.paths.push(`${request.method} ${request.url}`);
          let raw = Buffer.concat(chunks);
          if (request.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
          const text = raw.toString('utf8').trim();
          const items = (
            text.startsWith('[') ? JSON.parse(text) : text.split('\n').map((line) => JSON.parse(line))
          ) as ReceivedEnvelope[];
          for (const item of items) this.#check(item);
          if (this.refuseWith !== undefined) {
            this.refused.push(...items);
            response.writeHead(this.refuseWith, { 'content-type': 'application/json' });
            response.end(
              JSON.stringify({
                itemsReceived: items.length,
                itemsAccepted: 0,
                errors: items.map((_, index) => ({
                  index,
                  statusCode: this.refuseWith,
                  message: 'Invalid telemetry item',
                })),
              }),
            );
            return;
          }
          this.envelopes.push(...items);
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }),
          );
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Closes the server: connections are refused until `start()` again (same port). */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Envelopes of one kind (`Request`, `RemoteDependency`, `Exception`, `Metric`, `Message`). */
  ofKind(kind: string): ReceivedEnvelope[] {
    return this.envelopes.filter((envelope) => envelope.name === `Microsoft.ApplicationInsights.${kind}`);
  }

  async waitFor(found: () => boolean, timeoutMs = 10_000): Promise<void> {
    const giveUpAt = Date.now() + timeoutMs;
    while (!found()) {
      if (Date.now() > giveUpAt)
        throw new Error(
          `receiver: condition not met within ${timeoutMs} ms (${this.envelopes.length} envelopes)`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  #check(item: ReceivedEnvelope): void {
    const missing = ['ver', 'name', 'time', 'iKey', 'tags', 'data'].filter((key) => !(key in item));
    if (missing.length > 0) this.problems.push(`${item.name}: missing ${missing.join(', ')}`);
    if (!item.data?.baseType || typeof item.data.baseData !== 'object')
      this.problems.push(`${item.name}: no data.baseType/baseData`);
    if (Number.isNaN(Date.parse(item.time))) this.problems.push(`${item.name}: time ${item.time}`);
  }
}

/** Writes `text` to a file and returns its path (for NODE_EXTRA_CA_CERTS-style handoffs). */
export function writeTemp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'azure-monitor-')), name);
  writeFileSync(path, text);
  return path;
}
