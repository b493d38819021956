import type { LoggerProvider, MeterProvider, TracerProvider } from '@opentelemetry/api';
import type { LoadedInstrumentation } from './load-instrumentations.js';
import { preloadInstrumentedModules } from './preload-instrumented-modules.js';
import type { RequireModule } from './require-instrumentation-module.js';

/** The pipeline's providers; undefined where nothing consumes that signal. */
export interface PipelineProviders {
  readonly tracerProvider: TracerProvider | undefined;
  readonly meterProvider: MeterProvider | undefined;
  readonly loggerProvider: LoggerProvider | undefined;
}

/** The enabled instrumentations, to disable at shutdown. */
export interface AttachedInstrumentations {
  /** Names of the instrumentations enabled, in order. */
  readonly names: readonly string[];
  /** Removes every instrumentation's patches. Idempotent. */
  disable(): void;
}

/**
 * Gives each instrumentation the pipeline's own providers (not the globals, which another SDK may own or
 * which may not be registered at all), enables it, and loads the modules it patches (see
 * `preloadInstrumentedModules`). Its spans so share the pipeline, its sampler and its trace context, and
 * reach every backend. A failing instrumentation is reported and skipped: the others and the application
 * run on.
 */
export function attachInstrumentations(
  loaded: readonly LoadedInstrumentation[],
  providers: PipelineProviders,
  requireModule: RequireModule,
  report: (operation: 'enable' | 'disable', name: string, error: unknown) => void,
): AttachedInstrumentations {
  const enabled: LoadedInstrumentation[] = [];
  for (const entry of loaded) {
    const { instance } = entry;
    try {
      if (providers.tracerProvider !== undefined) instance.setTracerProvider(providers.tracerProvider);
      if (providers.meterProvider !== undefined) instance.setMeterProvider(providers.meterProvider);
      if (providers.loggerProvider !== undefined) instance.setLoggerProvider?.(providers.loggerProvider);
      // Created with `enabled: false` so that constructing it patched nothing; some instrumentations
      // (undici) read that flag on every call, so it is turned back on before enabling.
      if (entry.createdDisabled && instance.getConfig !== undefined && instance.setConfig !== undefined) {
        instance.setConfig({ ...instance.getConfig(), enabled: true });
      }
      instance.enable();
      enabled.push(entry);
      preloadInstrumentedModules(instance, requireModule);
    } catch (error) {
      report('enable', entry.name, error);
    }
  }
  let disabled = false;
  return {
    names: enabled.map((entry) => entry.name),
    disable() {
      if (disabled) return;
      disabled = true;
      for (const entry of enabled) {
        try {
          entry.instance.disable();
        } catch (error) {
          report('disable', entry.name, error);
        }
      }
    },
  };
}
