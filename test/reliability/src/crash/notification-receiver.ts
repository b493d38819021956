import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One alert of an Alertmanager v4 webhook payload, as far as the crash test reads it. */
export interface ReceivedAlert {
  readonly status: 'firing' | 'resolved';
  readonly labels: Readonly<Record<string, string>>;
  readonly startsAt: string;
}

/** Options of {@link startNotificationReceiver}. */
export interface NotificationReceiverOptions {
  /** Told about each notification once its body arrived, before the answer. */
  readonly onNotification: (alerts: readonly ReceivedAlert[]) => void;
  /** Milliseconds to wait before answering 200, per request. */
  readonly answerDelayMs: () => number;
}

/** The webhook receiver of the crash test. */
export interface NotificationReceiver {
  readonly url: string;
  /**
   * Resolves once no connection is open: after a SIGKILL, every request the dead process had fully
   * written has been read and logged, and the rest was reset.
   */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A webhook receiver on 127.0.0.1 that logs every notification it receives, whatever the sender does next.
 * Not the testkit receiver: the crash test must know when a killed sender's last bytes were read.
 */
export async function startNotificationReceiver(
  options: NotificationReceiverOptions,
): Promise<NotificationReceiver> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const payload = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        alerts: ReceivedAlert[];
      };
      options.onNotification(payload.alerts);
      setTimeout(() => {
        if (!response.destroyed) response.writeHead(200).end();
      }, options.answerDelayMs());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const connections = () =>
    new Promise<number>((resolve, reject) =>
      server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
    );
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    async settled() {
      while ((await connections()) > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
