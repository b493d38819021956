import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The built bin, as users run it; `turbo test` builds it first. */
export const BIN = new URL('../dist/cli.js', import.meta.url).pathname;

/** The workspace's packages folder. */
export const PACKAGES = new URL('../../', import.meta.url).pathname;

/** What one run of the bin produced. */
export interface BinRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.js ...args` in `cwd` with only `env` (plus PATH) in its environment. */
export function runBin(
  args: readonly string[],
  options: { cwd: string; env?: Readonly<Record<string, string>> },
): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd, env: { PATH: process.env.PATH ?? '', ...options.env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}

/** A temporary project: `files` written, `adapters` (package folder names) linked into node_modules/@mcp-o11y. */
export function tempProject(
  files: Readonly<Record<string, string>> = {},
  adapters: readonly string[] = [],
): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-o11y-cli-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  for (const adapter of adapters) {
    mkdirSync(join(dir, 'node_modules/@mcp-o11y'), { recursive: true });
    symlinkSync(join(PACKAGES, adapter), join(dir, 'node_modules/@mcp-o11y', adapter), 'dir');
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a Prometheus tool (`promtool`, `amtool`) from /usr/bin. */
export function runTool(tool: string, args: readonly string[]): Promise<BinRun> {
  return new Promise((resolve, reject) => {
    execFile(`/usr/bin/${tool}`, args, { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') {
        reject(
          new Error(
            `${tool} could not run (${String(error.code ?? error.message)}); install Debian's prometheus and prometheus-alertmanager`,
          ),
        );
        return;
      }
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}
