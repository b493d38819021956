import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1 (bound, read, released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Polls `probe` every 100 ms until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const giveUpAt = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < giveUpAt) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`,
  );
}

/** A server binary started by a test, stopped by PID. */
export interface RealServer {
  readonly url: string;
  readonly directory: string;
  /** The process's stderr so far, for failure messages. */
  log(): string;
  /** Kills the process by PID and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A failed or interrupted run must not leave servers behind.
process.once('exit', () => {
  for (const child of running) if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
});

/**
 * Starts `binary` (Debian's prometheus / prometheus-pushgateway) with `args(port, directory)` on a free
 * 127.0.0.1 port and waits until `readyPath` answers 200.
 * @throws Error naming scripts/install-test-servers.sh when the binary is missing.
 */
export async function startRealServer(options: {
  readonly binary: string;
  readonly args: (port: number, directory: string) => string[];
  readonly readyPath: string;
  readonly files?: (port: number) => Record<string, string>;
}): Promise<RealServer> {
  if (!existsSync(options.binary)) {
    throw new Error(`${options.binary} is missing: run scripts/install-test-servers.sh (Debian packages).`);
  }
  const port = await freePort();
  const directory = mkdtempSync(join(tmpdir(), 'mcp-o11y-prometheus-'));
  for (const [name, content] of Object.entries(options.files?.(port) ?? {})) {
    writeFileSync(join(directory, name), content);
  }
  const child = spawn(options.binary, options.args(port, directory), { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const url = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;
  const server: RealServer = {
    url,
    directory,
    log: () => stderr,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        running.delete(child);
        if (child.exitCode !== null || child.pid === undefined) return resolve();
        child.once('exit', () => resolve());
        process.kill(child.pid, 'SIGTERM');
        setTimeout(
          () => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'),
          5_000,
        ).unref();
      }).then(() => rmSync(directory, { recursive: true, force: true }));
      return stopped;
    },
  };
  try {
    await waitFor(`${options.binary} on ${url}`, async () => {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr}`);
      const response = await fetch(`${url}${options.readyPath}`);
      return response.ok ? true : undefined;
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
