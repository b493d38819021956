import { createNoopMeter, ProxyTracerProvider, type Tracer } from '@opentelemetry/api';
import {
  CompositePropagator,
  type InstrumentationScope,
  loggingErrorHandler,
  setGlobalErrorHandler,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { builtInHealthChecks, stateDirectoryOf } from '../health/built-in-health-checks.js';
import { createHealthRunner } from '../health/health-runner.js';
import { attachInstrumentations } from '../instrumentations/attach-instrumentations.js';
import { takeEarlyInstrumentation } from '../instrumentations/early-instrumentations.js';
import { loadInstrumentations } from '../instrumentations/load-instrumentations.js';
import {
  applicationDirectories,
  defaultRequireModule,
} from '../instrumentations/require-instrumentation-module.js';
import { resolveStatementPolicy, setStatementPolicy } from '../integrations/statement-options.js';
import { StatementSpanProcessor } from '../integrations/statement-span-processor.js';
import { isLogLevel } from '../logging/log-levels.js';
import { createPipelineLogger } from '../logging/pipeline-logger.js';
import { foldedCounts } from '../mcp/name-guard.js';
import { withRedactHook } from '../privacy/with-redact-hook.js';
import { captureProcessErrors } from '../process-errors/capture-process-errors.js';
import { loadRunbookCatalog } from '../runbooks/runbook-catalog.js';
import { startRuntimeMetrics } from '../runtime/start-runtime-metrics.js';
import type { AdapterInstanceV1 } from '../spec/adapter/v1/adapter-instance-v1.js';
import { InMemoryBackend } from '../store/in-memory-backend.js';
import { VERSION } from '../version.js';
import { setActiveObservability } from './active-observability.js';
import { buildResource, resolveService } from './build-resource.js';
import { checkAdapterInstance } from './check-adapter-instance.js';
import { composeContributions } from './compose-contributions.js';
import { type Alerting, createAlerting } from './create-alerting.js';
import { createDisabledObservability, isSdkDisabled } from './create-disabled-observability.js';
import { createSampler, keepsUnsampledSpans, resolveSampling } from './create-sampler.js';
import { DeferredOtelLogger } from './deferred-otel-logger.js';
import {
  canRecordDirectly,
  DirectHistogramRegistry,
  withDirectHistograms,
} from './direct-histogram-registry.js';
import { DroppedTelemetry } from './dropped-telemetry.js';
import { FastIdGenerator } from './fast-id-generator.js';
import { FaultReporter, setFaultReporter } from './fault-reporter.js';
import { inMemoryBackendInstance } from './in-memory-backend-adapter.js';
import { guardAsync } from './isolate-contributions.js';
import { LeanTracer, SPAN_LIMITS } from './lean-tracer.js';
import type { Observability } from './observability.js';
import type { ObservabilityOptions } from './observability-options.js';
import { registerGlobals } from './register-globals.js';
import { installShutdownHooks } from './shutdown-hooks.js';

const scopeName = '@mcp-o11y/core';

/**
 * Builds the one OpenTelemetry pipeline of this process from the adapters' contributions and returns
 * its handle. Rejects, having released whatever it had started, when an adapter fails to start: nothing
 * runs half-configured. After that, adapter failures are isolated and counted, never thrown.
 */
export async function createObservability(options: ObservabilityOptions = {}): Promise<Observability> {
  const env = options.env ?? process.env;
  const service = resolveService(options.service, env);
  const reporter = new FaultReporter();
  const deferredLogger = new DeferredOtelLogger();
  const logger = createPipelineLogger({
    serviceName: service.name,
    level: options.logging?.level ?? (isLogLevel(env.MCP_O11Y_LOG_LEVEL) ? env.MCP_O11Y_LOG_LEVEL : 'info'),
    destination: options.logging?.destination ?? 2,
    otelLogger: deferredLogger,
    requests: options.logging?.requests ?? env.MCP_O11Y_LOG_REQUESTS === 'true',
  });
  if (isSdkDisabled(env)) return createDisabledObservability(service.name, logger);
  // Resolved before any adapter starts: a bad explicit option throws with nothing to release.
  const sampling = resolveSampling(options.sampling, env);
  if (sampling.warning !== undefined) logger.warn(sampling.warning);
  const statements = resolveStatementPolicy(options.statements);
  // Loaded and created, not yet enabled, before any adapter starts: a package to install or an unknown
  // name throws with nothing to release.
  const requireModule = defaultRequireModule(applicationDirectories());
  const instrumentations = loadInstrumentations(options.instrumentations ?? [], {
    requireModule,
    preloaded: takeEarlyInstrumentation,
  });
  const dropped = new DroppedTelemetry();
  // Before any adapter starts, like sampling: an invalid runbook or option throws with nothing to release.
  const runbooks = await loadRunbookCatalog(options.runbooks);
  let shutdownPromise: Promise<void> | undefined;
  const health = createHealthRunner({ ...options.health, isUp: () => shutdownPromise === undefined });

  const instances: AdapterInstanceV1[] = [];
  const store = options.memory === false ? undefined : new InMemoryBackend(options.memory ?? {});
  if (store) instances.push(inMemoryBackendInstance(store));
  for (const adapter of options.adapters ?? []) {
    try {
      const created = await adapter.create({
        serviceName: service.name,
        ...(service.version === undefined ? {} : { serviceVersion: service.version }),
        ...(service.environment === undefined ? {} : { environment: service.environment }),
        env,
        logger: logger.child({ adapter: adapter.id }),
        reportFault: (operation, error) => reporter.report(adapter.id, operation, error),
        reportDropped: (signal, count) => {
          if (Number.isFinite(count) && count > 0) dropped.record(adapter.id, signal, 'export_failed', count);
        },
      });
      instances.push(checkAdapterInstance(adapter, created));
    } catch (error) {
      await Promise.all(
        instances.map((instance) =>
          guardAsync(
            () => {},
            'shutdown',
            () => instance.shutdown?.(),
          ),
        ),
      );
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`[@mcp-o11y/core] adapter "${adapter.id}" failed to start: ${reason}`, {
        cause: error,
      });
    }
  }

  const resource = buildResource(service, env);
  const keep = keepsUnsampledSpans(sampling) ? sampling : undefined;
  const composed = withRedactHook(
    composeContributions(instances, reporter, env, { dropped, keep }),
    options.redact,
    reporter,
  );
  const sampler = createSampler(sampling);
  // With nothing attached, the no-op API objects keep the cost of instrumentation near zero.
  const idGenerator = new FastIdGenerator();
  // First, so statement text is reduced before any backend (or the redact hook) sees a span.
  const spanProcessors = [new StatementSpanProcessor(statements, logger), ...composed.spanProcessors];
  const tracerProvider =
    composed.spanProcessors.length > 0
      ? new TracerProvider({
          resource,
          spanProcessors,
          sampler,
          idGenerator,
          spanLimits: SPAN_LIMITS,
        })
      : undefined;
  // Histograms skip the SDK's per-value attribute hashing when every reader takes the default aggregation.
  const directHistograms =
    composed.metricReaders.length > 0 && canRecordDirectly(composed.metricReaders)
      ? new DirectHistogramRegistry({ name: scopeName, version: VERSION })
      : undefined;
  if (directHistograms !== undefined) {
    for (const reader of composed.metricReaders) directHistograms.attach(reader);
  }
  const meterProvider =
    composed.metricReaders.length > 0
      ? new MeterProvider({ resource, readers: composed.metricReaders })
      : undefined;
  const loggerProvider =
    composed.logProcessors.length > 0
      ? new LoggerProvider({ resource, processors: composed.logProcessors })
      : undefined;
  const core = (operation: string, error: unknown): void => reporter.report('core', operation, error);
  const tracer =
    tracerProvider === undefined
      ? new ProxyTracerProvider().getTracer(scopeName, VERSION)
      : leanTracerOf(tracerProvider.getTracer(scopeName, VERSION), {
          resource,
          sampler,
          idGenerator,
          processors: spanProcessors,
        });
  const sdkMeter = meterProvider?.getMeter(scopeName, VERSION) ?? createNoopMeter();
  const meter = directHistograms === undefined ? sdkMeter : withDirectHistograms(sdkMeter, directHistograms);
  deferredLogger.target = loggerProvider?.getLogger(scopeName, VERSION);

  reporter.attach(
    logger,
    meter.createCounter('mcp_o11y.adapter.errors', {
      description:
        'Failures inside adapters (export, flush, shutdown, processors), isolated from the caller.',
      unit: '{error}',
    }),
  );
  dropped.attach(
    logger,
    meter.createCounter('mcp_o11y.exporter.dropped', {
      description:
        'Spans and log records an adapter lost: its batch queue was full (reason queue_full) or the export failed (export_failed).',
      unit: '{item}',
    }),
  );
  // The SDK reports exporter and processor errors here; by default they would vanish into a no-op diag.
  setGlobalErrorHandler((error) => reporter.report('otel-sdk', 'internal', error));

  const notifiers = instances.flatMap((instance) => instance.notifiers ?? []);
  let alerting: Alerting | undefined;
  try {
    alerting = createAlerting({
      options: options.alerts,
      store,
      retentionSeconds: (options.memory === false ? undefined : options.memory?.retentionSeconds) ?? 900,
      notifiers,
      serviceName: service.name,
      env,
      meter,
      logger,
      health: () => health.readings(),
      runbooks,
    });
  } catch (error) {
    // A bad rule or route refuses the whole pipeline, like a failing adapter: nothing runs half-configured.
    const release = (provider: { shutdown(): Promise<void> } | undefined) =>
      guardAsync(core, 'shutdown', () => provider?.shutdown());
    await Promise.all([release(tracerProvider), release(meterProvider), release(loggerProvider)]);
    await Promise.all(instances.map((instance) => guardAsync(core, 'shutdown', () => instance.shutdown?.())));
    setGlobalErrorHandler(loggingErrorHandler());
    throw error;
  }

  const globals = registerGlobals(
    {
      tracerProvider,
      meterProvider,
      loggerProvider,
      propagator: new CompositePropagator({
        propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator(), ...composed.propagators],
      }),
    },
    options.registerGlobals !== false,
  );
  if (options.registerGlobals !== false && !globals.providers) {
    logger.warn(
      '[@mcp-o11y/core] another OpenTelemetry SDK already registered global providers; mcp-o11y keeps its pipeline private. Pass registerGlobals: false to silence this.',
    );
  }

  const attached = attachInstrumentations(
    instrumentations,
    { tracerProvider, meterProvider, loggerProvider },
    requireModule,
    (operation, name, error) => reporter.report(`instrumentation ${name}`, operation, error),
  );

  const forceFlush = (): Promise<void> =>
    guardAsync(core, 'forceFlush', async () => {
      await Promise.all([
        tracerProvider?.forceFlush(),
        meterProvider?.forceFlush(),
        loggerProvider?.forceFlush(),
        ...instances.map((instance) =>
          guardAsync(
            (op, error) => reporter.report(instance.id, op, error),
            'forceFlush',
            () => instance.forceFlush?.(),
          ),
        ),
      ]);
    });

  let removeHooks: () => void = () => {};
  let clearActive: () => void = () => {};
  let runtime: { stop(): void } | undefined;
  const shutdown = (): Promise<void> => {
    shutdownPromise ??= (async () => {
      removeHooks();
      clearActive();
      // Unpatched first: the libraries stop creating spans before the providers go away.
      attached.disable();
      // Alerting first, while the providers still run, so the last notifications (and their metrics and
      // logs) still go out; bounded by `alerts.delivery.closeTimeoutMs`.
      await alerting?.stop();
      // Traces and metrics first, logs last, so failures while shutting down still reach the log backends.
      runtime?.stop();
      health.close();
      await guardAsync(core, 'shutdown', () => tracerProvider?.shutdown());
      await guardAsync(core, 'shutdown', () => meterProvider?.shutdown());
      await guardAsync(core, 'shutdown', () => loggerProvider?.shutdown());
      await Promise.all(
        instances.map((instance) =>
          guardAsync(
            (op, error) => reporter.report(instance.id, op, error),
            'shutdown',
            () => instance.shutdown?.(),
          ),
        ),
      );
      deferredLogger.target = undefined;
      globals.unregister();
      setGlobalErrorHandler(loggingErrorHandler());
    })();
    return shutdownPromise;
  };
  const removeShutdownHooks = installShutdownHooks({ forceFlush, shutdown }, options.shutdownHooks);
  const removeCapture =
    (options.captureGlobalErrors ?? env.MCP_O11Y_CAPTURE_GLOBAL_ERRORS === 'true')
      ? captureProcessErrors({ tracer, meter, logger, forceFlush })
      : undefined;
  removeHooks = () => {
    removeShutdownHooks();
    removeCapture?.();
  };

  const observability: Observability = {
    serviceName: service.name,
    tracer,
    meter,
    logger,
    store,
    notifiers,
    alerts: alerting?.handle,
    healthChecks: instances.flatMap((instance) => instance.healthChecks ?? []),
    health,
    runbooks,
    diagnostics: () => ({
      adapters: instances.map((instance) => instance.id),
      faults: reporter.faults(),
      dropped: dropped.counts(),
      registeredGlobals: globals.providers,
      shutDown: shutdownPromise !== undefined,
      disabled: false,
      sampler: tracerProvider === undefined ? undefined : sampler.toString(),
      folded: foldedCounts(observability),
    }),
    forceFlush,
    shutdown,
  };
  setStatementPolicy(observability, statements);
  setFaultReporter(observability, reporter);
  clearActive = setActiveObservability(observability);
  const checks = [
    ...(options.health?.builtInChecks === false
      ? []
      : builtInHealthChecks({ observability, stateDirectory: stateDirectoryOf(options.alerts, env) })),
    ...observability.healthChecks,
  ];
  for (const check of checks) {
    try {
      health.add(check);
    } catch (error) {
      logger.warn('[@mcp-o11y/core] health check skipped: its name is taken', { err: error });
    }
  }
  const runtimeOption =
    options.runtimeMetrics ?? (env.MCP_O11Y_RUNTIME_METRICS === 'true' ? true : undefined);
  if (runtimeOption) {
    runtime = startRuntimeMetrics({
      ...(typeof runtimeOption === 'object' ? runtimeOption : {}),
      observability,
    });
  }
  // Restores the saved alert state and evaluates once; later evaluations run on unref'd timers.
  await alerting?.start();
  return observability;
}

/** The pipeline's tracer: the SDK's, with the lean path for the instrumentation's own spans beside it. */
function leanTracerOf(
  sdkTracer: Tracer,
  parts: Omit<ConstructorParameters<typeof LeanTracer>[0], 'sdkTracer' | 'scope'>,
): LeanTracer {
  // The SDK tracer's own scope object, so exporters group both kinds of span under one scope.
  const scope = (sdkTracer as { instrumentationScope?: InstrumentationScope }).instrumentationScope ?? {
    name: scopeName,
    version: VERSION,
  };
  return new LeanTracer({ ...parts, sdkTracer, scope });
}
