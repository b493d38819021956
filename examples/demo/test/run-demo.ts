import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The demo package's folder, the working directory of every spawned demo. */
const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** A demo process and everything it wrote. */
export interface DemoProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process exits. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stderr contains `text`; rejects if the process exits first. */
  waitForStderr(text: string): Promise<void>;
}

/**
 * Spawns `node src/main.ts <args>` the way `pnpm demo` does. `MCP_O11Y_DEMO_PORT`, `MCP_O11Y_CONFIG` and
 * `INIT_CWD` (which `pnpm test` sets) only when `extraEnv` sets them. The dashboard takes any free port
 * (`MCP_O11Y_DASHBOARD_PORT=0`) unless `extraEnv` or `--dashboard-port` says otherwise, so demos run in
 * parallel and next to a developer's own demo on 9465.
 */
export function runDemo(args: readonly string[], extraEnv: Record<string, string> = {}): DemoProcess {
  const env = { ...process.env };
  delete env.MCP_O11Y_DEMO_PORT;
  delete env.MCP_O11Y_CONFIG;
  delete env.INIT_CWD;
  delete env.MCP_O11Y_DASHBOARD_HOST;
  delete env.MCP_O11Y_DASHBOARD_TOKEN;
  env.MCP_O11Y_DASHBOARD_PORT = '0';
  Object.assign(env, extraEnv);
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'src/main.ts', ...args], {
    cwd: packageDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const waiter of waiters.filter((candidate) => stderr.includes(candidate.text))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForStderr: (text) =>
      stderr.includes(text)
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            waiters.push({ text, resolve });
            void exited.then(() =>
              reject(new Error(`demo exited before printing "${text}"; stderr:\n${stderr}`)),
            );
          }),
  };
}

/** One parsed line of a summary table. */
export interface ParsedRow {
  readonly calls: number;
  readonly errors: number;
  readonly cells: readonly string[];
}

/** Rows, by tool name, of the last table whose title contains `titlePart`; undefined when there is none. */
export function parseLastTable(stderr: string, titlePart: string): Map<string, ParsedRow> | undefined {
  const start = stderr.lastIndexOf(`mcp-o11y demo | ${titlePart}`);
  if (start < 0) return undefined;
  const [, header, ...lines] = stderr.slice(start).split('\n');
  if (!header?.startsWith('tool ')) return undefined;
  const rows = new Map<string, ParsedRow>();
  for (const line of lines) {
    if (line.trim() === '') break;
    // Columns are separated by at least two spaces; `all tools` has one.
    const cells = line.trim().split(/\s{2,}/);
    rows.set(cells[0] ?? '', { calls: Number(cells[1]), errors: Number(cells[2]), cells });
  }
  return rows;
}
