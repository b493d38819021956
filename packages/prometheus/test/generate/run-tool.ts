import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The outcome of a command-line tool run. */
export interface ToolRun {
  readonly code: number;
  readonly output: string;
}

/** Runs a Prometheus tool (`promtool`, `amtool`) from /usr/bin; resolves with its exit code and output. */
export function runTool(tool: string, args: readonly string[], cwd?: string): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    execFile(`/usr/bin/${tool}`, args, { cwd, timeout: 240_000 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') {
        reject(
          new Error(
            `${tool} could not run (${String(error.code ?? error.message)}); install Debian's prometheus and prometheus-alertmanager.`,
          ),
        );
        return;
      }
      resolve({ code: error === null ? 0 : Number(error.code), output: `${stdout}${stderr}` });
    });
  });
}

/** Writes `files` into a fresh temporary directory; returns it and a cleanup. */
export function tempFiles(files: Readonly<Record<string, string>>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-o11y-prom-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
