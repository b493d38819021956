import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAlertEvaluationBenchmark } from './alert-evaluation-benchmark.ts';
import { runExporterOutageBenchmark } from './exporter-outage-benchmark.ts';
import { formatHeadlines, HEADLINES_FILE_VARIABLE, parseHeadlines } from './headlines.ts';
import { runMcpRoundTripBenchmark } from './mcp-round-trip-benchmark.ts';
import type { Benchmark } from './measure.ts';
import { runPipelineRecordBenchmark } from './pipeline-record-benchmark.ts';
import { runPrincipalResultSizeBenchmark } from './principal-result-size-benchmark.ts';

// In order; a later benchmark file exports one more `Benchmark` and is added here with its name.
const benchmarks: readonly (readonly [name: string, run: Benchmark])[] = [
  ['pipeline-record', runPipelineRecordBenchmark],
  ['mcp-round-trip', runMcpRoundTripBenchmark],
  ['alert-evaluation', runAlertEvaluationBenchmark],
  ['exporter-outage', runExporterOutageBenchmark],
  ['principal-result-size', runPrincipalResultSizeBenchmark],
];

const repositoryRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * A package's own benchmarks, `packages/<package>/bench/<name>-benchmark.ts`, named `<package>/<name>`.
 * Each runs in its own process: it loads its package's build and the raw library it is compared with
 * (prom-client, @sentry/node), which must not share a process (Sentry patches globals) with the others.
 */
function packageBenchmarks(): (readonly [name: string, file: string])[] {
  const packagesDirectory = join(repositoryRoot, 'packages');
  return readdirSync(packagesDirectory)
    .sort()
    .flatMap((packageName) => {
      const directory = join(packagesDirectory, packageName, 'bench');
      if (!existsSync(directory)) return [];
      return readdirSync(directory)
        .filter((file) => file.endsWith('-benchmark.ts'))
        .sort()
        .map(
          (file) =>
            [`${packageName}/${file.slice(0, -'-benchmark.ts'.length)}`, join(directory, file)] as const,
        );
    });
}

const quick = process.argv.includes('--quick');
const children = packageBenchmarks();
const known = [...benchmarks.map(([name]) => name), ...children.map(([name]) => name)];
// `--only <name>[,<name>…]` runs just those benchmarks (names as listed by an unknown name's error).
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex === -1 ? undefined : new Set((process.argv[onlyIndex + 1] ?? '').split(','));
const unknown = [...(only ?? [])].filter((name) => !known.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark ${unknown.join(', ')}; known: ${known.join(', ')}\n`);
  process.exit(2);
}
const selected = (name: string): boolean => only === undefined || only.has(name);
const write = (text: string): void => {
  process.stdout.write(text);
};

// Every benchmark, in this process or a child, appends its headlines to this file; read back at the end.
const headlinesDirectory = mkdtempSync(join(tmpdir(), 'mcp-o11y-bench-'));
const headlinesFile = join(headlinesDirectory, 'headlines.jsonl');
process.env[HEADLINES_FILE_VARIABLE] = headlinesFile;
const broken: string[] = [];

/** Runs a package benchmark with this process's flags, its report copied into this one's output. */
function runChild(name: string, file: string): Promise<void> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--expose-gc', file, ...(quick ? ['--quick'] : [])], {
      cwd: repositoryRoot,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => write(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => write(chunk.toString()));
    child.on('error', (error) => {
      broken.push(`${name}: ${error.message}`);
      done();
    });
    child.on('close', (code, signal) => {
      if (code !== 0) broken.push(`${name}: exited with ${signal ?? `code ${code}`}`);
      done();
    });
  });
}

write(`mcp-o11y benchmarks${quick ? ' (--quick: smoke run, numbers are rough)' : ''}\n`);
write(
  'Ratios compare variants measured in the same rounds of this run; never compare absolute ns across machines.\n',
);
const ran: string[] = [];
try {
  for (const [name, benchmark] of benchmarks) {
    if (!selected(name)) continue;
    ran.push(name);
    await benchmark({ quick, write });
  }
  for (const [name, file] of children) {
    if (!selected(name)) continue;
    ran.push(name);
    await runChild(name, file);
  }
  const headlines = existsSync(headlinesFile) ? parseHeadlines(readFileSync(headlinesFile, 'utf8')) : [];
  // A benchmark that printed no headline broke before its end, whatever its exit code said.
  for (const name of ran) {
    if (!headlines.some((headline) => headline.benchmark === name)) broken.push(`${name}: no headline`);
  }
  write(
    `\n## summary: every benchmark's headline numbers${quick ? ' (--quick: rough)' : ''}\n` +
      'information only: a missed goal never fails a run; ratios are within one run\n\n' +
      formatHeadlines(headlines),
  );
} finally {
  rmSync(headlinesDirectory, { recursive: true, force: true });
}
if (broken.length > 0) {
  process.stderr.write(`benchmarks that broke:\n${broken.map((line) => `  ${line}`).join('\n')}\n`);
  process.exitCode = 1;
}
