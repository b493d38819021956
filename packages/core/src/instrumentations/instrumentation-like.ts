import type { LoggerProvider, MeterProvider, TracerProvider } from '@opentelemetry/api';
import type { InstrumentationName } from './instrumentation-catalogue.js';

/**
 * The part of an OpenTelemetry instrumentation (`InstrumentationBase` from `@opentelemetry/instrumentation`)
 * core uses, so core needs no dependency on that package: any instance passes.
 */
export interface InstrumentationLike {
  /** e.g. `@opentelemetry/instrumentation-pg`. */
  readonly instrumentationName: string;
  setTracerProvider(tracerProvider: TracerProvider): void;
  setMeterProvider(meterProvider: MeterProvider): void;
  setLoggerProvider?(loggerProvider: LoggerProvider): void;
  /** The modules it patches, by name (`InstrumentationBase` has it); used to load them patched. */
  getModuleDefinitions?(): readonly { readonly name?: unknown }[];
  getConfig?(): object;
  setConfig?(config: object): void;
  /** Installs the patches (and the module hooks that patch libraries loaded later). Idempotent. */
  enable(): void;
  /** Removes the patches. */
  disable(): void;
}

/** A library named with options for its instrumentation's constructor, e.g. `{ name: 'pg', options: { requireParentSpan: true } }`. */
export interface InstrumentationNameWithOptions {
  readonly name: InstrumentationName;
  /** Passed to the instrumentation's constructor (see its README). Default: core's defaults for it. */
  readonly options?: Readonly<Record<string, unknown>>;
}

/**
 * One `instrumentations` entry: a library name (`'pg'`), a name with constructor options, or an
 * instrumentation you created yourself (`new PgInstrumentation({ … })`), which core wires the same way.
 */
export type InstrumentationEntry = InstrumentationName | InstrumentationNameWithOptions | InstrumentationLike;

/** True for an object with the members core calls. */
export function isInstrumentationLike(value: unknown): value is InstrumentationLike {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.instrumentationName === 'string' &&
    typeof candidate.setTracerProvider === 'function' &&
    typeof candidate.setMeterProvider === 'function' &&
    typeof candidate.enable === 'function' &&
    typeof candidate.disable === 'function'
  );
}
