import type { AdapterContextV1, LoggerV1, LogLevelV1 } from '@mcp-o11y/core';

/** One record a {@link RecordingLogger} received. */
export interface RecordedLog {
  /** The level it was logged at. */
  readonly level: LogLevelV1;
  /** The message. */
  readonly message: string;
  /** Its fields merged over the bindings of the logger (and its parents) it was logged on. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A `LoggerV1` that keeps its records in memory instead of writing them anywhere. */
export interface RecordingLogger extends LoggerV1 {
  /** Every record logged through this logger or any of its children, in order. */
  readonly records: readonly RecordedLog[];
}

const levels: readonly LogLevelV1[] = ['debug', 'info', 'warn', 'error', 'fatal'];

/** Creates a logger stub for adapter contexts: records everything, writes nothing. */
export function createRecordingLogger(): RecordingLogger {
  const records: RecordedLog[] = [];
  const make = (bindings: Readonly<Record<string, unknown>>): RecordingLogger => {
    const log =
      (level: LogLevelV1) =>
      (message: string, fields: Record<string, unknown> = {}): void => {
        records.push({ level, message, fields: { ...bindings, ...fields } });
      };
    return {
      records,
      debug: log('debug'),
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      fatal: log('fatal'),
      child: (childBindings) => make({ ...bindings, ...childBindings }),
      isLevelEnabled: (level) => levels.includes(level),
    };
  };
  return make({});
}

/** An adapter context whose logger is a {@link RecordingLogger}. */
export interface TestAdapterContext extends AdapterContextV1 {
  readonly logger: RecordingLogger;
}

/**
 * Builds the context core would hand `create`, for tests: service `testkit-service`, an empty `env`
 * (never `process.env`, so a test cannot depend on the developer's shell) and a recording logger.
 */
export function createAdapterContext(
  overrides: Partial<Omit<AdapterContextV1, 'logger'>> = {},
): TestAdapterContext {
  return {
    serviceName: 'testkit-service',
    env: {},
    ...overrides,
    logger: createRecordingLogger(),
  };
}
