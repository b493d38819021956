import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
  // The OpenTelemetry SDK must be the one core's meter provider uses, never a bundled copy.
  external: [/^@opentelemetry\//],
});
