import { isSdkDisabled } from '../pipeline/create-disabled-observability.js';
import type { InstrumentationLike } from './instrumentation-like.js';
import { loadInstrumentations } from './load-instrumentations.js';
import { peekConfigInstrumentations } from './peek-config-instrumentations.js';
import { preloadInstrumentedModules } from './preload-instrumented-modules.js';
import { applicationDirectories, defaultRequireModule } from './require-instrumentation-module.js';

// A registered symbol: the register entry and the main entry are separate bundles (ESM and CJS alike),
// and the pipeline created later by either must find what the register hook enabled.
const earlyKey = Symbol.for('@mcp-o11y/core/early-instrumentations');

type Holder = Record<symbol, Map<string, InstrumentationLike> | undefined>;

/**
 * For `node --import @mcp-o11y/core/register`: enables the instrumentations the config file names right
 * away, before the application's first `import`, since a library is only patched when it loads after
 * its instrumentation is enabled. Until the pipeline exists their spans go to the OpenTelemetry API's
 * no-op; `createObservability` then takes these instances over and gives them its providers. Does nothing
 * on any problem (the asynchronous config load reports it), nor when `OTEL_SDK_DISABLED` is true.
 */
export function enableEarlyInstrumentations(
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): readonly string[] {
  if (isSdkDisabled(env)) return [];
  const entries = peekConfigInstrumentations(env, cwd);
  if (entries.length === 0) return [];
  const requireModule = defaultRequireModule(applicationDirectories(cwd));
  let loaded: ReturnType<typeof loadInstrumentations>;
  try {
    loaded = loadInstrumentations(entries, { requireModule });
  } catch {
    return [];
  }
  const enabled = new Map<string, InstrumentationLike>();
  for (const { name, instance } of loaded) {
    try {
      instance.setConfig?.({ ...instance.getConfig?.(), enabled: true });
      instance.enable();
      enabled.set(name, instance);
      preloadInstrumentedModules(instance, requireModule);
    } catch {
      // createObservability will try this one again and report the failure.
    }
  }
  (globalThis as Holder)[earlyKey] = enabled;
  return [...enabled.keys()];
}

/** Takes over the instance the register hook enabled for `name`, if any (each is taken once). */
export function takeEarlyInstrumentation(name: string): InstrumentationLike | undefined {
  const enabled = (globalThis as Holder)[earlyKey];
  const instance = enabled?.get(name);
  if (instance !== undefined) enabled?.delete(name);
  return instance;
}
