import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
  // The suites build providers from the OpenTelemetry SDK the adapter under test uses: bundling a copy
  // would give two SDKs whose classes do not match. They resolve from the user's install (as core's).
  external: [/^@opentelemetry\//],
});
