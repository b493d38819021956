import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const fixture = new URL('./fixtures/flush-on-exit.mjs', import.meta.url).pathname;

/**
 * Starts the fixture with a 10-minute batch delay, so a span can reach the exporter only through the
 * pipeline's own flush: what these tests check is that each way a process ends triggers it.
 */
function start(mode: string) {
  const out = join(mkdtempSync(join(tmpdir(), 'mcp-o11y-flush-')), 'spans.txt');
  const child = spawn(process.execPath, [fixture], {
    env: { ...process.env, MODE: mode, MCP_O11Y_TEST_OUT: out, OTEL_BSP_SCHEDULE_DELAY: '600000' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const ready = new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('ready')) resolve();
    });
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const spans = (): string => {
    try {
      return readFileSync(out, 'utf8');
    } catch {
      return '';
    }
  };
  return { child, ready, exited, spans, stdout: () => stdout };
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (predicate()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return predicate();
}

describe('flush on the ways a process ends', () => {
  it('SIGTERM: flushes, shuts down, then exits by the signal as if we were not there', async () => {
    const run = start('signal');
    await run.ready;
    run.child.kill('SIGTERM');
    const { signal } = await run.exited;
    expect(signal).toBe('SIGTERM');
    expect(run.spans()).toBe('span before signal\nshutdown\n');
    expect(run.stdout()).toBe('');
  });

  it('end of stdin (a stdio client went away): flushes while the process keeps running', async () => {
    const run = start('stdin');
    await run.ready;
    run.child.stdin.end();
    expect(await waitFor(() => run.spans().includes('span before stdin'), 10_000)).toBe(true);
    expect(run.child.exitCode).toBeNull();
    run.child.kill('SIGKILL');
    await run.exited;
  });

  it('beforeExit: a process that runs out of work flushes, and an open stdin does not keep it alive', async () => {
    const run = start('beforeExit');
    const { code } = await run.exited;
    expect(code).toBe(0);
    expect(run.spans()).toBe('span before beforeExit\n');
  });
});
