type Env = Readonly<Record<string, string | undefined>>;

/** Per-signal and general TLS variables the exporters read themselves (file paths, `INSECURE`). */
const passedThrough = ['CERTIFICATE', 'CLIENT_KEY', 'CLIENT_CERTIFICATE', 'INSECURE'];

/**
 * The `OTEL_*` view the OpenTelemetry exporters get while they are constructed: only the TLS variables
 * of `context.env` (which have no explicit-config equivalent we expose), plus whatever the caller adds.
 * Everything else we pass as explicit config, so endpoint, headers, timeout, compression and
 * temporality from `process.env` can never mix in.
 */
export function exporterEnvironment(
  env: Env,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const view: Record<string, string> = {};
  for (const signal of ['', 'TRACES_', 'METRICS_', 'LOGS_']) {
    for (const name of passedThrough) {
      const key = `OTEL_EXPORTER_OTLP_${signal}${name}`;
      const value = env[key];
      if (value !== undefined) view[key] = value;
    }
  }
  return { ...view, ...extra };
}

/**
 * Runs `construct` while `process.env` answers every `OTEL_*` key from `view` only.
 *
 * Why: the OpenTelemetry OTLP exporters read `OTEL_EXPORTER_OTLP_*` from `process.env` in their
 * constructors and merge it under explicit config (headers are merged, not replaced). Adapters must
 * read env from `context.env` only, so a config file or a test's env is the whole truth. The
 * constructors are synchronous, so no other code observes the swap; it is restored in `finally`.
 */
export function withExporterEnvironment<T>(view: Readonly<Record<string, string>>, construct: () => T): T {
  const original = process.env;
  const isOtel = (key: string | symbol): key is string => typeof key === 'string' && key.startsWith('OTEL_');
  process.env = new Proxy(original, {
    get(target, key, receiver) {
      return isOtel(key) ? view[key] : Reflect.get(target, key, receiver);
    },
    has(target, key) {
      return isOtel(key) ? key in view : Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      if (!isOtel(key)) return Reflect.getOwnPropertyDescriptor(target, key);
      const value = view[key];
      return value === undefined
        ? undefined
        : { value, writable: true, enumerable: true, configurable: true };
    },
    ownKeys(target) {
      return [...Reflect.ownKeys(target).filter((key) => !isOtel(key)), ...Object.keys(view)];
    },
  });
  try {
    return construct();
  } finally {
    process.env = original;
  }
}
