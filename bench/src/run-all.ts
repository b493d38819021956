import { runAlertEvaluationBenchmark } from './alert-evaluation-benchmark.ts';
import { runExporterOutageBenchmark } from './exporter-outage-benchmark.ts';
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

const quick = process.argv.includes('--quick');
// `--only <name>[,<name>…]` runs just those benchmarks (names as in the list above).
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex === -1 ? undefined : new Set((process.argv[onlyIndex + 1] ?? '').split(','));
const unknown = [...(only ?? [])].filter((name) => !benchmarks.some(([known]) => known === name));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown benchmark ${unknown.join(', ')}; known: ${benchmarks.map(([name]) => name).join(', ')}\n`,
  );
  process.exit(2);
}
const write = (text: string): void => {
  process.stdout.write(text);
};

write(`mcp-o11y benchmarks${quick ? ' (--quick: smoke run, numbers are rough)' : ''}\n`);
write(
  'Ratios compare variants measured in the same rounds of this run; never compare absolute ns across machines.\n',
);
for (const [name, benchmark] of benchmarks) {
  if (only === undefined || only.has(name)) await benchmark({ quick, write });
}
