import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoggerV1 } from '../../spec/logs/v1/logger-v1.js';
import { FileStateStore, STATE_DIR_ENV } from './file-state-store.js';
import { describeStateStoreContract } from './state-store-contract.test-helper.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'mcp-o11y-state-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describeStateStoreContract('FileStateStore', async () => new FileStateStore({ directory }));

function warnings(): { logger: LoggerV1; messages: string[] } {
  const messages: string[] = [];
  const logger: LoggerV1 = {
    debug() {},
    info() {},
    warn: (message: string) => messages.push(message),
    error() {},
    fatal() {},
    child: () => logger,
    isLevelEnabled: () => true,
  };
  return { logger, messages };
}

describe('FileStateStore on disk', () => {
  it('keeps one <key>.json per key and no temp files after saves', async () => {
    const store = new FileStateStore({ directory });
    await store.save('alerts', { a: 1 });
    await store.save('alerts', { a: 2 });
    await store.save('silences', []);
    expect((await readdir(directory)).sort()).toEqual(['alerts.json', 'silences.json']);
    const file = JSON.parse(await readFile(store.fileOf('alerts'), 'utf8'));
    expect(file).toMatchObject({ mcpO11yState: 1, key: 'alerts', value: { a: 2 } });
  });

  it('reloads what an earlier store saved, as after a restart', async () => {
    const before = new FileStateStore({ directory });
    await before.save('incidents', [{ id: 'i-1', status: 'open' }]);
    await before.close();
    const after = new FileStateStore({ directory });
    expect(await after.load('incidents')).toEqual([{ id: 'i-1', status: 'open' }]);
  });

  it('takes its directory from MCP_O11Y_STATE_DIR when no option is given, at creation', async () => {
    const previous = process.env[STATE_DIR_ENV];
    process.env[STATE_DIR_ENV] = path.join(directory, 'from-env');
    try {
      const store = new FileStateStore();
      expect(store.directory).toBe(path.join(directory, 'from-env'));
      await store.save('k', 1);
      expect(await readdir(path.join(directory, 'from-env'))).toEqual(['k.json']);
    } finally {
      if (previous === undefined) delete process.env[STATE_DIR_ENV];
      else process.env[STATE_DIR_ENV] = previous;
    }
    expect(new FileStateStore().directory).toBe(
      previous ? path.resolve(previous) : path.resolve('.mcp-o11y/state'),
    );
  });

  it.each([
    ['truncated JSON', '{"mcpO11yState":1,"key":"alerts","value":{"a":', /not JSON/],
    ['foreign JSON', '{"alerts":[]}', /no mcpO11yState marker/],
    ['another key', '{"mcpO11yState":1,"key":"silences","savedAt":"x","value":[]}', /holds key "silences"/],
    ['a newer format', '{"mcpO11yState":2,"key":"alerts","savedAt":"x","value":{}}', /unknown format 2/],
    ['an empty file', '', /not JSON/],
    ['binary garbage', '\u0000\u00ff\u0013garbage\u0000', /not JSON/],
  ])('quarantines a corrupt file (%s), warns with both paths and starts empty', async (_name, text, why) => {
    await writeFile(path.join(directory, 'alerts.json'), text);
    const { logger, messages } = warnings();
    const store = new FileStateStore({ directory, logger });
    expect(await store.load('alerts')).toBeUndefined();
    const names = await readdir(directory);
    const moved = names.find((name) => name.startsWith('alerts.json.corrupt-'));
    expect(moved).toBeDefined();
    expect(await readFile(path.join(directory, moved!), 'utf8')).toBe(text);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(why);
    expect(messages[0]).toContain(path.join(directory, 'alerts.json'));
    expect(messages[0]).toContain(path.join(directory, moved!));
    await store.save('alerts', { fresh: true });
    expect(await new FileStateStore({ directory }).load('alerts')).toEqual({ fresh: true });
  });

  it('keeps every moved file when the same key is quarantined twice within a millisecond', async () => {
    const { logger, messages } = warnings();
    const now = vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    try {
      for (const text of ['first', 'second']) {
        await writeFile(path.join(directory, 'alerts.json'), text);
        expect(await new FileStateStore({ directory, logger }).load('alerts')).toBeUndefined();
      }
    } finally {
      now.mockRestore();
    }
    expect((await readdir(directory)).sort()).toEqual([
      'alerts.json.corrupt-1700000000000',
      'alerts.json.corrupt-1700000000000-1',
    ]);
    expect(messages).toHaveLength(2);
  });

  it('names the file and what to do when the directory cannot be written', async () => {
    await writeFile(path.join(directory, 'not-a-directory'), '');
    const store = new FileStateStore({ directory: path.join(directory, 'not-a-directory') });
    await expect(store.save('alerts', 1)).rejects.toThrow(/ENOTDIR|EEXIST/);
  });

  it('removes temp files of dead processes on first use and keeps those of live ones', async () => {
    const dead = `.alerts.json.${2 ** 22 + 12_345}.abcdef.tmp`;
    const live = `.alerts.json.${process.ppid}.abcdef.tmp`;
    await mkdir(directory, { recursive: true });
    await writeFile(path.join(directory, dead), '{"half');
    await writeFile(path.join(directory, live), '{"half');
    await new FileStateStore({ directory }).load('alerts');
    expect(await readdir(directory)).toEqual([live]);
  });
});

const childScript = fileURLToPath(new URL('./save-loop.child.ts', import.meta.url));

/** Runs the save loop in a child process and SIGKILLs it once it has reported `afterSeq` saves. */
async function killMidSeries(afterSeq: number, loader: string): Promise<number> {
  const child = spawn(process.execPath, ['--import', loader, childScript, directory], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lastSeq = 0;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  child.stdout.on('data', (chunk: Buffer) => {
    const seqs = chunk.toString().trim().split('\n').map(Number);
    lastSeq = Math.max(lastSeq, ...seqs);
    // A little after the report, so the kill lands at varied points of the next save.
    if (lastSeq >= afterSeq) setTimeout(() => child.kill('SIGKILL'), lastSeq % 4);
  });
  const signal = await exited;
  if (signal !== 'SIGKILL') throw new Error(`child ended with ${signal} before the kill: ${stderr}`);
  return lastSeq;
}

describe('FileStateStore crash safety', () => {
  it('never leaves a torn file when a process is SIGKILLed in the middle of a series of saves', async () => {
    // Lets the child run the TypeScript sources: Node strips the types, this maps `./x.js` to `./x.ts`.
    const hooks = path.join(directory, 'hooks.mjs');
    await writeFile(
      hooks,
      `export async function resolve(specifier, context, next) {
        try { return await next(specifier, context); } catch (error) {
          if (specifier.startsWith('.') && specifier.endsWith('.js')) return next(specifier.slice(0, -3) + '.ts', context);
          throw error;
        }
      }`,
    );
    const loader = path.join(directory, 'register.mjs');
    await writeFile(
      loader,
      `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`,
    );
    const stateDirectory = directory;
    directory = path.join(stateDirectory, 'state');
    let previousSeq = 0;
    try {
      for (const afterSeq of [3, 7, 12, 18, 25]) {
        const reported = await killMidSeries(afterSeq, loader);
        const { logger, messages } = warnings();
        const loaded = (await new FileStateStore({ directory, logger }).load('series')) as {
          seq: number;
          length: number;
          data: string;
        };
        expect(messages).toEqual([]);
        expect(loaded).toBeDefined();
        // Whole: the value checks itself. Recent: nothing reported as saved was lost.
        expect(loaded.data.length).toBe(loaded.length);
        expect(loaded.data).toBe(String(loaded.seq % 10).repeat(loaded.length));
        expect(loaded.seq).toBeGreaterThanOrEqual(reported);
        expect(loaded.seq).toBeGreaterThan(previousSeq);
        previousSeq = loaded.seq;
        // The load above swept the killed child's temp file, if the kill landed mid-write.
        expect((await readdir(directory)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      }
    } finally {
      directory = stateDirectory;
    }
  }, 60_000);
});
