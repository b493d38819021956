import { type AddressInfo, createConnection, createServer, type Server, type Socket } from 'node:net';
import {
  type ReceivedMail,
  type SmtpTestServer,
  startSmtpTestServer,
  type TestCertificate,
} from '../../../../packages/notify-email/test/smtp-test-server.ts';
import { type FaultMode, GARBAGE } from './fault-mode.js';

/** A real SMTP server (the `smtp-server` package, STARTTLS) behind a switchable TCP front on 127.0.0.1. */
export interface FaultSmtpServer {
  readonly port: number;
  readonly mode: FaultMode;
  /** Connections that met each mode (a refused one is not one). */
  readonly arrived: Readonly<Record<FaultMode, number>>;
  /** Messages the real server accepted. */
  readonly messages: readonly ReceivedMail[];
  setMode(mode: FaultMode): Promise<void>;
  close(): Promise<void>;
}

/**
 * The SMTP counterpart of the fault HTTP server. A TCP front forwards to the notify-email tests' real
 * SMTP server; TLS stays end to end. `refuse` closes the front's port; `hang` accepts and never greets;
 * `slow` delays every chunk the server sends by `slowMs`; `garbage` answers bytes that are not SMTP;
 * `500` and `429` are the server's own replies to DATA: 451 (transient local error) and 421 (try again
 * later, what mail providers answer when they throttle).
 */
export async function startFaultSmtpServer(
  certificate: TestCertificate,
  slowMs = 20,
): Promise<FaultSmtpServer> {
  let mode: FaultMode = 'ok';
  const arrived: Record<FaultMode, number> = {
    ok: 0,
    refuse: 0,
    hang: 0,
    slow: 0,
    '500': 0,
    '429': 0,
    garbage: 0,
  };
  const upstream: SmtpTestServer = await startSmtpTestServer({
    certificate,
    onData: () => {
      if (mode === '500')
        return { code: 451, message: 'Requested action aborted: local error in processing' };
      if (mode === '429') return { code: 421, message: 'Too many messages, try again later' };
      return undefined;
    },
  });
  const sockets = new Set<Socket>();
  const hung = new Set<Socket>();
  let front: Server | undefined;
  let port = 0;

  const serve = (client: Socket): void => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    const met = mode;
    arrived[met] += 1;
    if (met === 'hang') {
      hung.add(client);
      client.on('close', () => hung.delete(client));
      return;
    }
    if (met === 'garbage') {
      client.end(GARBAGE);
      return;
    }
    const server = createConnection({ host: '127.0.0.1', port: upstream.port });
    sockets.add(server);
    server.on('close', () => {
      sockets.delete(server);
      client.destroy();
    });
    server.on('error', () => client.destroy());
    client.on('close', () => server.destroy());
    client.pipe(server);
    if (met !== 'slow') {
      server.pipe(client);
      return;
    }
    // Slow: every reply of the server waits `slowMs` (in order), a few round trips per message.
    let chain = Promise.resolve();
    server.on('data', (chunk: Buffer) => {
      chain = chain.then(
        () =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              if (!client.destroyed) client.write(chunk);
              resolve();
            }, slowMs),
          ),
      );
    });
  };

  const listen = async (at: number): Promise<void> => {
    const created = createServer(serve);
    await new Promise<void>((resolve, reject) => {
      created.once('error', reject);
      created.listen(at, '127.0.0.1', () => {
        created.off('error', reject);
        resolve();
      });
    });
    front = created;
    port = (created.address() as AddressInfo).port;
  };

  const stop = async (): Promise<void> => {
    const current = front;
    front = undefined;
    if (current === undefined) return;
    const done = new Promise<void>((resolve) => current.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await done;
  };

  await listen(0);
  return {
    get port() {
      return port;
    },
    get mode() {
      return mode;
    },
    arrived,
    messages: upstream.messages,
    async setMode(next) {
      const previous = mode;
      mode = next;
      // Leaving hang: reset the hung connections, as the HTTP server resets its hung requests.
      if (previous === 'hang' && next !== 'hang') for (const socket of hung) socket.destroy();
      if (next === 'refuse' && previous !== 'refuse') await stop();
      if (previous === 'refuse' && next !== 'refuse') await listen(port);
    },
    async close() {
      await stop();
      await upstream.close();
    },
  };
}
