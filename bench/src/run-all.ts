import { runMcpRoundTripBenchmark } from './mcp-round-trip-benchmark.ts';
import type { Benchmark } from './measure.ts';
import { runPipelineRecordBenchmark } from './pipeline-record-benchmark.ts';

// In order; a later benchmark file exports one more `Benchmark` and is added here.
const benchmarks: readonly Benchmark[] = [runPipelineRecordBenchmark, runMcpRoundTripBenchmark];

const quick = process.argv.includes('--quick');
const write = (text: string): void => {
  process.stdout.write(text);
};

write(`mcp-o11y benchmarks${quick ? ' (--quick: smoke run, numbers are rough)' : ''}\n`);
write(
  'Ratios compare variants measured in the same rounds of this run; never compare absolute ns across machines.\n',
);
for (const benchmark of benchmarks) await benchmark({ quick, write });
