import {
  type ContextManager,
  context,
  type LoggerProvider,
  logs,
  type MeterProvider,
  metrics,
  propagation,
  type TextMapPropagator,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

/** What was registered, so shutdown removes exactly that and nothing another SDK owns. */
export interface RegisteredGlobals {
  readonly providers: boolean;
  unregister(): void;
}

/**
 * Installs the context manager when no one else has (spans can't nest without one), and, when asked,
 * our providers and propagator as the OpenTelemetry globals. Never replaces another SDK's globals:
 * `@opentelemetry/api` refuses a second registration, and we report that instead of fighting it.
 */
export function registerGlobals(
  parts: {
    tracerProvider: TracerProvider | undefined;
    meterProvider: MeterProvider | undefined;
    loggerProvider: LoggerProvider | undefined;
    propagator: TextMapPropagator;
  },
  registerProviders: boolean,
): RegisteredGlobals {
  const undo: (() => void)[] = [];
  const contextManager: ContextManager = new AsyncLocalStorageContextManager();
  if (context.setGlobalContextManager(contextManager.enable())) {
    undo.push(() => context.disable());
  } else {
    contextManager.disable();
  }
  let providers = false;
  if (registerProviders) {
    providers = true;
    if (parts.tracerProvider) {
      if (trace.setGlobalTracerProvider(parts.tracerProvider)) undo.push(() => trace.disable());
      else providers = false;
    }
    if (parts.meterProvider) {
      if (metrics.setGlobalMeterProvider(parts.meterProvider)) undo.push(() => metrics.disable());
      else providers = false;
    }
    if (parts.loggerProvider) {
      if (logs.setGlobalLoggerProvider(parts.loggerProvider)) undo.push(() => logs.disable());
      else providers = false;
    }
    if (propagation.setGlobalPropagator(parts.propagator)) undo.push(() => propagation.disable());
    else providers = false;
  }
  return {
    providers,
    unregister() {
      for (const step of undo.splice(0).reverse()) step();
    },
  };
}
