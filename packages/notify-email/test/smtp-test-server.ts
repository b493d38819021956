/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 for the email tests: STARTTLS or implicit
 * TLS with a self-signed certificate made by openssl at test time, optional AUTH, and scripted replies
 * (4xx/5xx on RCPT TO or DATA, or a DATA that is never answered).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface TestCertificate {
  readonly key: string;
  readonly cert: string;
}

/** A self-signed certificate for `localhost` / 127.0.0.1, valid for two days. */
export function createTestCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'notify-email-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An SMTP reply the server sends instead of accepting. */
export interface SmtpReply {
  readonly code: number;
  readonly message: string;
}

export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  /** The message as received (CRLF line ends). */
  readonly raw: string;
  /** Whether the session was encrypted (STARTTLS or implicit TLS) when the message arrived. */
  readonly secure: boolean;
  /** The authenticated user, when the client authenticated. */
  readonly user?: string;
  /** Id of the connection it arrived on. */
  readonly connectionId: string;
}

export interface SmtpTestServerOptions {
  readonly certificate: TestCertificate;
  /** Implicit TLS from the first byte (SMTPS). */
  readonly secure?: boolean;
  /**
   * Offer no STARTTLS at all (a misconfigured server, or a downgrade by a man in the middle): not
   * advertised and refused when sent anyway. AUTH is then allowed in clear, so a client that fell back to
   * plain text would succeed — the fail-closed test must see it refuse.
   */
  readonly noSTARTTLS?: boolean;
  /** Require AUTH with these credentials; without, AUTH is optional and any login is refused. */
  readonly credentials?: { readonly username: string; readonly password: string };
  /** The reply to a failed login; default 535 "Authentication credentials invalid". */
  readonly authFailure?: (password: string | undefined) => SmtpReply;
  readonly onRcptTo?: (address: string) => SmtpReply | undefined;
  /** Reply to DATA; `'hang'` reads the message and never answers. */
  readonly onData?: (raw: string) => SmtpReply | 'hang' | undefined;
}

export interface SmtpTestServer {
  readonly port: number;
  readonly messages: readonly ReceivedMail[];
  /** Ids of every connection opened, and the AUTH attempts seen (with their result). */
  readonly connections: readonly string[];
  /** Ids of the connections that have closed. */
  readonly closed: readonly string[];
  readonly authAttempts: readonly {
    readonly username?: string;
    readonly ok: boolean;
    readonly secure: boolean;
  }[];
  close(): Promise<void>;
}

function replyError(reply: SmtpReply): Error {
  return Object.assign(new Error(reply.message), { responseCode: reply.code });
}

export async function startSmtpTestServer(options: SmtpTestServerOptions): Promise<SmtpTestServer> {
  const messages: ReceivedMail[] = [];
  const connections: string[] = [];
  const closed: string[] = [];
  const authAttempts: { username?: string; ok: boolean; secure: boolean }[] = [];
  const server = new SMTPServer({
    key: options.certificate.key,
    cert: options.certificate.cert,
    secure: options.secure ?? false,
    hideSTARTTLS: options.noSTARTTLS ?? false,
    disabledCommands: options.noSTARTTLS ? ['STARTTLS'] : [],
    allowInsecureAuth: options.noSTARTTLS ?? false,
    authOptional: options.credentials === undefined,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 50,
    onConnect(session, callback) {
      connections.push(session.id);
      callback();
    },
    onClose(session) {
      closed.push(session.id);
    },
    onAuth(auth, session, callback) {
      const ok =
        options.credentials !== undefined &&
        auth.username === options.credentials.username &&
        auth.password === options.credentials.password;
      authAttempts.push({
        ...(auth.username ? { username: auth.username } : {}),
        ok,
        secure: session.secure,
      });
      if (ok) return callback(null, { user: auth.username });
      const reply = options.authFailure?.(auth.password ?? undefined) ?? {
        code: 535,
        message: 'Authentication credentials invalid',
      };
      return callback(replyError(reply));
    },
    onRcptTo(address, _session, callback) {
      const reply = options.onRcptTo?.(address.address);
      callback(reply ? replyError(reply) : undefined);
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const reply = options.onData?.(raw);
        if (reply === 'hang') return;
        if (reply) return callback(replyError(reply));
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw,
          secure: session.secure,
          ...(typeof session.user === 'string' ? { user: session.user } : {}),
          connectionId: session.id,
        });
        callback(null, 'OK: message queued');
      });
    },
  });
  // Handshakes the client aborts (an untrusted certificate, an aborted send) surface here, not in a test.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    messages,
    connections,
    closed,
    authAttempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A TCP server that accepts connections and never says a word: no SMTP greeting arrives. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
