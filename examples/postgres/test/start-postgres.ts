import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway PostgreSQL cluster on 127.0.0.1, owned by the test that started it. */
export interface RunningPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/<database>`: trust authentication, no password. */
  readonly url: string;
  readonly port: number;
  /** The server's process id: {@link RunningPostgres.stop} ends exactly this process. */
  readonly pid: number;
  /** Fast shutdown (SIGINT) of the server, then removes the cluster's folder. Idempotent. */
  stop(): Promise<void>;
}

/** Where PostgreSQL's programs are, or why they cannot be used: the tests skip with that reason. */
export type PostgresBinaries = { readonly directory: string } | { readonly missing: string };

/**
 * Finds `initdb`, `postgres` and `psql`: env `POSTGRES_BIN_DIR`, else the newest Debian/Ubuntu install
 * (`/usr/lib/postgresql/<version>/bin`, from `scripts/install-test-servers.sh`), else the `PATH`.
 */
export function findPostgresBinaries(env: NodeJS.ProcessEnv = process.env): PostgresBinaries {
  const candidates: string[] = [];
  if (env.POSTGRES_BIN_DIR) candidates.push(env.POSTGRES_BIN_DIR);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((entry) => /^\d+$/.test(entry))
      .sort((left, right) => Number(right) - Number(left));
    candidates.push(...versions.map((version) => join(debian, version, 'bin')));
  }
  candidates.push(...(env.PATH ?? '').split(':').filter((entry) => entry !== ''));
  const directory = candidates.find((candidate) =>
    ['initdb', 'postgres', 'psql'].every((program) => existsSync(join(candidate, program))),
  );
  if (directory !== undefined) return { directory };
  return {
    missing:
      'PostgreSQL is not installed (no initdb, postgres and psql in POSTGRES_BIN_DIR, /usr/lib/postgresql/*/bin or PATH); run scripts/install-test-servers.sh as root, or apt-get install postgresql',
  };
}

/**
 * `initdb` into a new temporary folder, then `postgres` on a free port of 127.0.0.1 with its Unix socket
 * inside that folder, so nothing of the machine's own PostgreSQL (service, port 5432, /var/run) is used.
 * PostgreSQL refuses to run as root: as root, both run as the `postgres` user (or `nobody`) through
 * the spawn's uid/gid, which also keeps the PID the server's own. Creates `database` once it is ready.
 *
 * @throws when the programs are missing or the server does not come up within `timeoutMs`.
 */
export async function startPostgres(
  options: { readonly database?: string; readonly timeoutMs?: number } = {},
): Promise<RunningPostgres> {
  const binaries = findPostgresBinaries();
  if ('missing' in binaries) throw new Error(`[start-postgres] ${binaries.missing}`);
  const database = options.database ?? 'bookshop';
  const timeoutMs = options.timeoutMs ?? 60_000;
  const root = mkdtempSync(join(tmpdir(), 'mcp-o11y-pg-'));
  const user = unprivilegedUser();
  if (user !== undefined) chownSync(root, user.uid, user.gid);
  const dataDirectory = join(root, 'data');
  const spawnAs = user === undefined ? {} : { uid: user.uid, gid: user.gid };
  const env = { PATH: process.env.PATH ?? '', LC_ALL: 'C', HOME: root };
  try {
    execFileSync(
      join(binaries.directory, 'initdb'),
      ['-D', dataDirectory, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
      { ...spawnAs, env, stdio: ['ignore', 'ignore', 'pipe'], timeout: timeoutMs },
    );
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8') ?? '';
    throw new Error(`[start-postgres] initdb failed: ${stderr || (error as Error).message}`);
  }
  const port = await freePort();
  const server = spawn(
    join(binaries.directory, 'postgres'),
    [
      '-D',
      dataDirectory,
      '-p',
      String(port),
      '-k',
      root,
      '-c',
      'listen_addresses=127.0.0.1',
      // A test cluster: durability off, small, quick to stop.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'shared_buffers=16MB',
      '-c',
      'max_connections=20',
    ],
    { ...spawnAs, env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT');
      const killer = setTimeout(() => server.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
      rmSync(root, { recursive: true, force: true });
    })();
    return stopping;
  };
  try {
    await ready(server, timeoutMs);
    execFileSync(
      join(binaries.directory, 'psql'),
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        '-d',
        'postgres',
        '-v',
        'ON_ERROR_STOP=1',
        '-q',
        '-c',
        `CREATE DATABASE ${database}`,
      ],
      { ...spawnAs, env, stdio: ['ignore', 'ignore', 'pipe'], timeout: timeoutMs },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    port,
    pid: server.pid as number,
    stop,
  };
}

/** Resolves once the server logs that it accepts connections; rejects if it exits or times out first. */
function ready(server: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(
      () => reject(new Error(`[start-postgres] the server did not start in ${timeoutMs} ms:\n${log}`)),
      timeoutMs,
    );
    server.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (log.includes('ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`[start-postgres] the server exited (${code}) before it was ready:\n${log}`));
    });
  });
}

/** As root: the `postgres` user Debian's package creates, else `nobody`. Otherwise: the current user. */
function unprivilegedUser(): { readonly uid: number; readonly gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const name of ['postgres', 'nobody']) {
    const fields = passwd.find((line) => line.startsWith(`${name}:`))?.split(':');
    if (fields?.[2] !== undefined && fields[3] !== undefined) {
      return { uid: Number(fields[2]), gid: Number(fields[3]) };
    }
  }
  throw new Error('[start-postgres] running as root without a postgres or nobody user to run PostgreSQL as');
}

/** A port free on 127.0.0.1 right now (the kernel's pick). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject()));
    });
  });
}
