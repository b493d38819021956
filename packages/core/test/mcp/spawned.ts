import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of a fixture file. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

/** One span as the fixtures' file exporter writes it. */
export interface FileSpan {
  readonly name: string;
  readonly kind: number;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly attributes: Record<string, unknown>;
  readonly links: string[];
}

/** A temporary directory with the files a spawned server writes: spans and a copy of its stdout. */
export function workspace(): {
  dir: string;
  spansFile: string;
  stdoutFile: string;
  spans(): FileSpan[];
  stdout(): string;
} {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-o11y-mcp-'));
  const spansFile = join(dir, 'spans.jsonl');
  const stdoutFile = join(dir, 'stdout.bin');
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  return {
    dir,
    spansFile,
    stdoutFile,
    spans: () =>
      read(spansFile)
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as FileSpan),
    stdout: () => read(stdoutFile),
  };
}

/**
 * Makes `dir` a project whose config names the `testfile` adapter, installed as a package in its own
 * node_modules: what a user of zero-code instrumentation does with a real adapter.
 */
export function installFileAdapter(dir: string): string {
  const packageDir = join(dir, 'node_modules', '@mcp-o11y', 'testfile');
  mkdirSync(packageDir, { recursive: true });
  copyFileSync(fixture('file-span-adapter.mjs'), join(packageDir, 'index.mjs'));
  writeFileSync(
    join(packageDir, 'package.json'),
    JSON.stringify({
      name: '@mcp-o11y/testfile',
      type: 'module',
      exports: { '.': './index.mjs', './package.json': './package.json' },
    }),
  );
  const config = join(dir, 'mcp-o11y.config.json');
  writeFileSync(config, JSON.stringify({ adapters: [{ id: 'testfile' }] }));
  return config;
}

/** Every line of a stdio server's stdout must be one JSON-RPC 2.0 message. */
export function assertAllProtocol(stdout: string): number {
  const lines = stdout.split('\n');
  if (lines.at(-1) !== '') throw new Error('stdout does not end with a newline');
  let count = 0;
  for (const line of lines.slice(0, -1)) {
    const message = JSON.parse(line) as { jsonrpc?: unknown };
    if (message.jsonrpc !== '2.0') throw new Error(`not JSON-RPC: ${line}`);
    count++;
  }
  return count;
}
