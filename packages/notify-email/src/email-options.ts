import { z } from 'zod';

/** TLS settings handed to `tls.connect`, narrowed to what an alert sender needs. */
export interface EmailTlsOptions {
  /** PEM certificate(s) to trust in addition to the system store (a private CA, a self-signed relay). */
  readonly ca?: string | readonly string[];
  /** Name checked against the server certificate (SNI); default the host when it is not an IP address. */
  readonly servername?: string;
  /** Verify the server certificate. Default `true`; turning it off gives up protection against interception. */
  readonly rejectUnauthorized?: boolean;
  /** Lowest TLS version accepted. Default Node's (`TLSv1.2`). */
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
}

/** Options of {@link emailNotifier} and {@link createEmailNotifier}; each falls back to its env var. */
export interface EmailNotifierOptions {
  /** Notifier id, unique among the configured notifiers. Default `email`. */
  readonly id?: string;
  /** SMTP host. Env `SMTP_SERVER`. Required. */
  readonly host?: string;
  /** SMTP port. Env `SMTP_PORT`. Default 465 when `secure`, else 587. */
  readonly port?: number;
  /**
   * Implicit TLS (SMTPS, TLS from the first byte). Default `true` when the port is 465, else `false`:
   * then the connection is upgraded with STARTTLS.
   */
  readonly secure?: boolean;
  /**
   * Without `secure`: refuse to send unless the server offers STARTTLS and the upgrade succeeds (fail
   * closed; credentials and alert content never cross the network in clear). Default `true`. Set `false`
   * only for a local relay without TLS: STARTTLS is then still used when offered.
   */
  readonly requireTLS?: boolean;
  /** TLS settings (trusted CA, server name, minimum version). */
  readonly tls?: EmailTlsOptions;
  /** SMTP user name. Env `SMTP_USERNAME`. Without it no AUTH is attempted. */
  readonly username?: string;
  /** SMTP password. Env `SMTP_PASSWORD`. Never appears in errors, results or logs. */
  readonly password?: string;
  /** Sender address (`alerts@example.com` or `Alerts <alerts@example.com>`). Env `ALERT_FROM_EMAIL`. Required. */
  readonly from?: string;
  /** Recipients: a list, or one comma-separated string. Env `ALERT_TO_EMAILS` (comma-separated). Required. */
  readonly to?: string | readonly string[];
  /** Keep SMTP connections open and reuse them. Default `true`. */
  readonly pool?: boolean;
  /** Connections the pool opens at most. Default 2. */
  readonly maxConnections?: number;
  /** Wait for the TCP connection, in ms. Default 5 000 (nodemailer's own default is 2 minutes). */
  readonly connectionTimeoutMs?: number;
  /** Wait for the server greeting once connected, in ms. Default 5 000 (nodemailer: 30 s). */
  readonly greetingTimeoutMs?: number;
  /** Longest silence on an open connection, in ms. Default 15 000 (nodemailer: 10 minutes). */
  readonly socketTimeoutMs?: number;
  /** Name sent in EHLO. Default the machine's host name. */
  readonly clientName?: string;
  /** Alerts rendered in full per message; the rest become one "N more" line. Default 50. */
  readonly maxAlerts?: number;
}

const port = z
  .union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)])
  .pipe(z.number().int().min(1).max(65_535));
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);
const positive = z
  .union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)])
  .pipe(z.number().int().positive());
const nonEmpty = z.string().min(1);

/** The config-file form of {@link EmailNotifierOptions}: strict, every field optional (env fills the rest). */
export const emailOptionsSchema = z.strictObject({
  id: nonEmpty.optional(),
  host: nonEmpty.optional(),
  port: port.optional(),
  secure: flag.optional(),
  requireTLS: flag.optional(),
  tls: z
    .strictObject({
      ca: z.union([nonEmpty, z.array(nonEmpty)]).optional(),
      servername: nonEmpty.optional(),
      rejectUnauthorized: flag.optional(),
      minVersion: z.enum(['TLSv1.2', 'TLSv1.3']).optional(),
    })
    .optional(),
  username: nonEmpty.optional(),
  password: nonEmpty.optional(),
  from: nonEmpty.optional(),
  to: z.union([nonEmpty, z.array(nonEmpty).min(1)]).optional(),
  pool: flag.optional(),
  maxConnections: positive.optional(),
  connectionTimeoutMs: positive.optional(),
  greetingTimeoutMs: positive.optional(),
  socketTimeoutMs: positive.optional(),
  clientName: nonEmpty.optional(),
  maxAlerts: positive.optional(),
});

/** Every option resolved: explicit option, then env var, then default. */
export interface ResolvedEmailOptions {
  readonly id: string;
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly requireTLS: boolean;
  readonly tls: EmailTlsOptions;
  readonly username?: string;
  readonly password?: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly pool: boolean;
  readonly maxConnections: number;
  readonly connectionTimeoutMs: number;
  readonly greetingTimeoutMs: number;
  readonly socketTimeoutMs: number;
  readonly clientName?: string;
  readonly maxAlerts: number;
  /** Domain of the sender address, for Message-IDs. */
  readonly messageIdDomain: string;
}

const prefix = '[@mcp-o11y/notify-email]';

function fail(message: string): never {
  throw new Error(`${prefix} ${message}`);
}

function pick(value: string | undefined, env: string | undefined): string | undefined {
  const chosen = value ?? env;
  return chosen === undefined || chosen.trim() === '' ? undefined : chosen.trim();
}

/** An address must be one line with an `@`: it becomes a header and an SMTP command. */
function checkAddress(address: string, what: string): string {
  if (/[\r\n]/.test(address) || !address.includes('@')) {
    fail(`${what} ${JSON.stringify(address)} is not an email address: use name@example.com.`);
  }
  return address;
}

function domainOf(address: string): string {
  const bare = /<([^>]*)>/.exec(address)?.[1] ?? address;
  return bare.slice(bare.lastIndexOf('@') + 1).trim() || 'mcp-o11y.invalid';
}

/** Resolves options against `env` (read now, at create time). Throws with what to set when one is missing. */
export function resolveEmailOptions(
  options: EmailNotifierOptions,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedEmailOptions {
  const host =
    pick(options.host, env.SMTP_SERVER) ?? fail('no SMTP host: set the `host` option or SMTP_SERVER.');
  const envPort = pick(undefined, env.SMTP_PORT);
  if (options.port === undefined && envPort !== undefined && !/^\d+$/.test(envPort)) {
    fail(`SMTP_PORT must be a port number, got ${JSON.stringify(envPort)}.`);
  }
  const explicitPort = options.port ?? (envPort === undefined ? undefined : Number(envPort));
  const secure = options.secure ?? explicitPort === 465;
  const resolvedPort = explicitPort ?? (secure ? 465 : 587);
  if (!Number.isInteger(resolvedPort) || resolvedPort < 1 || resolvedPort > 65_535) {
    fail(`port must be between 1 and 65535, got ${resolvedPort}.`);
  }
  const username = pick(options.username, env.SMTP_USERNAME);
  const password = options.password ?? (env.SMTP_PASSWORD === '' ? undefined : env.SMTP_PASSWORD);
  if (username !== undefined && password === undefined) {
    fail('a user name is set but no password: set the `password` option or SMTP_PASSWORD.');
  }
  if (username === undefined && password !== undefined) {
    fail('a password is set but no user name: set the `username` option or SMTP_USERNAME.');
  }
  const from = checkAddress(
    pick(options.from, env.ALERT_FROM_EMAIL) ?? fail('no sender: set the `from` option or ALERT_FROM_EMAIL.'),
    'sender',
  );
  const rawTo = options.to ?? env.ALERT_TO_EMAILS ?? '';
  const to = (typeof rawTo === 'string' ? rawTo.split(',') : [...rawTo])
    .map((address) => address.trim())
    .filter((address) => address !== '')
    .map((address) => checkAddress(address, 'recipient'));
  if (to.length === 0) fail('no recipients: set the `to` option or ALERT_TO_EMAILS (comma-separated).');
  return {
    id: options.id ?? 'email',
    host,
    port: resolvedPort,
    secure,
    requireTLS: options.requireTLS ?? true,
    tls: options.tls ?? {},
    ...(username === undefined ? {} : { username, password }),
    from,
    to,
    pool: options.pool ?? true,
    maxConnections: options.maxConnections ?? 2,
    connectionTimeoutMs: options.connectionTimeoutMs ?? 5_000,
    greetingTimeoutMs: options.greetingTimeoutMs ?? 5_000,
    socketTimeoutMs: options.socketTimeoutMs ?? 15_000,
    ...(options.clientName === undefined ? {} : { clientName: options.clientName }),
    maxAlerts: options.maxAlerts ?? 50,
    messageIdDomain: domainOf(from),
  };
}
