import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INSTRUMENTATION_CATALOGUE, type InstrumentationName } from './instrumentation-catalogue.js';

/** What a fake instrumentation records about how core drove it. */
export interface FakeInstrumentation {
  readonly instrumentationName: string;
  readonly config: Record<string, unknown>;
  readonly calls: string[];
  readonly enabled: boolean;
  readonly tracerProvider?: { getTracer(name: string): { startSpan(name: string): { end(): void } } };
  readonly meterProvider?: unknown;
  readonly loggerProvider?: unknown;
}

/** Module loads and instances of the fake packages, kept on globalThis by the packages themselves. */
export interface FakeRecord {
  readonly loads: string[];
  readonly instances: FakeInstrumentation[];
}

const recordKey = '__mcpO11yFakeInstrumentations';

/** The loads and instances recorded so far (reset by {@link writeFakeInstrumentationPackages}). */
export function fakeRecord(): FakeRecord {
  return (globalThis as unknown as Record<string, FakeRecord>)[recordKey] as FakeRecord;
}

/**
 * A folder with `node_modules/<package>` for each name: CommonJS packages exporting a class under the
 * catalogue's export name that behaves like `InstrumentationBase` (enabled on construction unless
 * `enabled: false`). Loading one records its name, so a test sees exactly what core imported.
 */
export function writeFakeInstrumentationPackages(names: readonly InstrumentationName[]): {
  readonly directory: string;
  remove(): void;
} {
  (globalThis as unknown as Record<string, FakeRecord>)[recordKey] = { loads: [], instances: [] };
  const directory = mkdtempSync(join(tmpdir(), 'mcp-o11y-instrumentations-'));
  for (const name of names) {
    const { packageName, exportName } = INSTRUMENTATION_CATALOGUE[name];
    const folder = join(directory, 'node_modules', ...packageName.split('/'));
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'package.json'),
      JSON.stringify({ name: packageName, version: '1.0.0', main: 'index.js' }),
    );
    writeFileSync(
      join(folder, 'index.js'),
      `'use strict';
const record = globalThis[${JSON.stringify(recordKey)}];
record.loads.push(${JSON.stringify(packageName)});
class ${exportName} {
  constructor(config) {
    this.instrumentationName = ${JSON.stringify(packageName)};
    this.calls = ['construct'];
    this.config = { enabled: true, ...config };
    this.enabled = false;
    record.instances.push(this);
    if (this.config.enabled) this.enable();
  }
  getConfig() { return this.config; }
  setConfig(config) { this.calls.push('setConfig'); this.config = { enabled: true, ...config }; }
  setTracerProvider(provider) { this.calls.push('setTracerProvider'); this.tracerProvider = provider; }
  setMeterProvider(provider) { this.calls.push('setMeterProvider'); this.meterProvider = provider; }
  setLoggerProvider(provider) { this.calls.push('setLoggerProvider'); this.loggerProvider = provider; }
  enable() { this.calls.push('enable'); this.enabled = true; }
  disable() { this.calls.push('disable'); this.enabled = false; }
}
module.exports = { ${exportName} };
`,
    );
  }
  return { directory, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
