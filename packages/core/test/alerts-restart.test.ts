import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// Core cannot depend on the testkit package (the testkit depends on core); tests import its source.
import { type HttpReceiver, startHttpReceiver } from '../../testkit/src/http-receiver.js';

const fixture = new URL('./fixtures/alerts-restart.mjs', import.meta.url).pathname;

interface Posted {
  readonly pid: number;
  readonly status: 'firing' | 'resolved';
  readonly groupKey: string;
  readonly alerts: readonly { name: string; status: string; fingerprint: string }[];
}

const children: ChildProcess[] = [];
const receivers: HttpReceiver[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const receiver of receivers.splice(0)) await receiver.close();
});

/** Starts the fixture and resolves once it is evaluating; `exited` resolves with how it ended. */
async function start(phase: 'fail' | 'recover', receiver: HttpReceiver, stateDir: string) {
  const child = spawn(process.execPath, [fixture], {
    env: { ...process.env, PHASE: phase, RECEIVER_URL: `${receiver.url}/hook`, STATE_DIR: stateDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('ready')) resolve();
    });
    void exited.then(() => reject(new Error(`fixture exited before it was ready:\n${stderr}`)));
  });
  return { child, exited, stdout: () => stdout };
}

function posted(receiver: HttpReceiver): Posted[] {
  return receiver.requests.map((request) => request.json<Posted>());
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('alert state across a crash', () => {
  it('a process SIGKILLed between firing and resolve sends exactly the resolve after a restart', async () => {
    const receiver = await startHttpReceiver();
    receivers.push(receiver);
    const stateDir = mkdtempSync(join(tmpdir(), 'mcp-o11y-alerts-restart-'));

    const first = await start('fail', receiver, stateDir);
    const [firing] = await receiver.waitForRequests(1, { timeoutMs: 10_000 });
    expect(firing?.json<Posted>()).toMatchObject({
      status: 'firing',
      alerts: [{ name: 'ToolFailing', status: 'firing' }],
    });
    // A few evaluation ticks pass with the alert firing (no repeat is due), then the process dies hard:
    // no shutdown, no final save.
    await sleep(500);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    expect(posted(receiver)).toHaveLength(1);

    const second = await start('recover', receiver, stateDir);
    await receiver.waitForRequests(2, { timeoutMs: 10_000 });
    // Long enough for a wrong second firing or a duplicate resolve (group interval 200 ms) to show up.
    await sleep(1_000);
    second.child.kill('SIGKILL');
    await second.exited;

    const all = posted(receiver);
    expect(all.map((notification) => notification.status)).toEqual(['firing', 'resolved']);
    expect(all[1]).toMatchObject({
      pid: second.child.pid,
      groupKey: all[0]?.groupKey,
      alerts: [{ name: 'ToolFailing', status: 'resolved', fingerprint: all[0]?.alerts[0]?.fingerprint }],
    });
    expect(first.stdout() + second.stdout()).toBe('');
  });
});
