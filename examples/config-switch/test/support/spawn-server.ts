import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LISTENING_MESSAGE } from '../../src/server.ts';

/** `node src/server.ts --config …` running in a child process. */
export interface SpawnedServer {
  /** The MCP endpoint the server printed. */
  readonly url: URL;
  readonly stdout: string[];
  readonly stderr: string[];
  /** Sends SIGTERM (the server closes and flushes every backend) and resolves with the exit code (null if killed). */
  stop(): Promise<number | null>;
}

const serverScript = fileURLToPath(new URL('../../src/server.ts', import.meta.url));
const exampleDirectory = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Starts the example server exactly as its README does, with `env` as its whole environment (plus
 * PATH): a fresh process is the only way `NODE_EXTRA_CA_CERTS` takes effect, and nothing of the test
 * runner's environment (`OTEL_*`, …) leaks into the adapters. Resolves once it printed its URL.
 */
export async function spawnServer(
  configFile: string,
  env: Readonly<Record<string, string>>,
  timeoutMs = 15_000,
): Promise<SpawnedServer> {
  const child: ChildProcess = spawn(process.execPath, [serverScript, '--config', configFile, '--port', '0'], {
    cwd: exampleDirectory,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<URL>((resolve, reject) => {
    let settled = false;
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`[test] the example server ${why}.\nstderr: ${stderr.join('')}`));
    };
    const timer = setTimeout(() => fail('did not print its URL in time'), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk.toString('utf8'));
      const match = new RegExp(`${LISTENING_MESSAGE} (\\S+)`).exec(stderr.join(''));
      if (!settled && match?.[1] !== undefined) {
        settled = true;
        clearTimeout(timer);
        resolve(new URL(match[1]));
      }
    });
    void exited.then((code) => fail(`exited (${code}) before listening`));
  });

  let stopping: Promise<number | null> | undefined;
  return {
    url,
    stdout,
    stderr,
    stop: () => {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        // A shutdown that hangs must not hang the test run: the exit code then says what happened.
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        const code = await exited;
        clearTimeout(killer);
        return code;
      })();
      return stopping;
    },
  };
}
