/**
 * Moved: the outage benchmark of the OTLP, Zipkin and Jaeger adapters lives in the bench workspace,
 * `bench/src/exporter-outage-benchmark.ts` (`pnpm bench --only exporter-outage` from the repository root).
 * This file only says so, for the `bench` script of this package.
 */
process.stderr.write(
  '[@mcp-o11y/otlp] this benchmark moved to bench/src/exporter-outage-benchmark.ts; run `pnpm bench --only exporter-outage` from the repository root.\n',
);
process.exitCode = 1;
