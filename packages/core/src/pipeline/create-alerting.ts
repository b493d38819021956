import type { Meter } from '@opentelemetry/api';
import { consoleNotifier } from '../alerts/console-notifier.js';
import type { DeliveryClock } from '../alerts/delivery/delivery-options.js';
import { DeliveryPipeline } from '../alerts/delivery/delivery-pipeline.js';
import { AlertEngine } from '../alerts/engine/alert-engine.js';
import type { AlertEngineOptions } from '../alerts/engine/alert-engine-options.js';
import { parseRules } from '../alerts/engine/parse-rules.js';
import { FileStateStore, STATE_DIR_ENV } from '../alerts/persistence/file-state-store.js';
import { InMemoryStateStore } from '../alerts/persistence/in-memory-state-store.js';
import { type ObservabilityRunbooks, withRunbookLinks } from '../runbooks/runbook-catalog.js';
import type { AlertRoutingV1 } from '../spec/alerts/v1/alert-routing-v1.js';
import type { StateStoreV1 } from '../spec/alerts/v1/state-store-v1.js';
import type { LoggerV1 } from '../spec/logs/v1/logger-v1.js';
import type { NotifierV1 } from '../spec/notifier/v1/notifier-v1.js';
import type { InMemoryBackend } from '../store/in-memory-backend.js';
import { ALERTS_LEADER_ENV, type AlertsOptions } from './alerts-options.js';
import type { ObservabilityAlerts } from './observability-alerts.js';

/** What {@link createAlerting} needs from the pipeline being built. */
export interface AlertingContext {
  readonly options: false | AlertsOptions | undefined;
  readonly store: InMemoryBackend | undefined;
  /** `memory.retentionSeconds`: the longest window a rule may read. */
  readonly retentionSeconds: number;
  readonly notifiers: readonly NotifierV1[];
  readonly serviceName: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly meter: Meter;
  readonly logger: LoggerV1;
  /** The latest health check verdicts (`observability.health`), for `health_check_status` rules. */
  readonly health?: AlertEngineOptions['health'];
  /** Runbooks; with a base URL, notifications carry each alert's runbook link. */
  readonly runbooks?: ObservabilityRunbooks;
}

/** The running alerting of one pipeline. */
export interface Alerting {
  readonly handle: ObservabilityAlerts;
  /** Starts evaluating: restores the saved state and evaluates once, then on the interval. */
  start(): Promise<void>;
  /**
   * Stops evaluating, lets notifications in flight finish within `closeTimeoutMs`, saves the state and
   * closes the store. Never rejects; idempotent.
   */
  stop(): Promise<void>;
}

// Timers that never keep the process alive: a stdio server must exit when its client goes away.
const unrefClock: DeliveryClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Builds the alert engine, its delivery pipeline and its state store from the `alerts` option, or returns
 * undefined when alerting is off (`alerts: false`, `mode: 'off'`) or impossible (`memory: false`).
 * @throws ConfigError when a rule is invalid (with its field path under `alerts`), Error when the routing
 * names an unknown notifier or delivery settings are out of range.
 */
export function createAlerting(context: AlertingContext): Alerting | undefined {
  const options = context.options ?? {};
  if (options === false || options.mode === 'off' || context.store === undefined) return undefined;
  const logger = context.logger.child({ component: 'alerts' });
  const rules = parseRules(
    {
      rules: options.rules ?? [],
      slos: options.slos ?? [],
      defaultRules: options.defaultRules ?? true,
      customMetrics: options.customMetrics ?? [],
    },
    { source: 'alerts option', maxWindowSeconds: context.retentionSeconds, pathPrefix: ['alerts'] },
  );
  const notifiers = [...context.notifiers];
  const withConsole = options.console ?? notifiers.length === 0;
  if (withConsole) notifiers.push(consoleNotifier());
  const delivery = new DeliveryPipeline({
    notifiers,
    meter: context.meter,
    logger,
    clock: unrefClock,
    ...(options.delivery?.defaults === undefined ? {} : { defaults: options.delivery.defaults }),
    ...(options.delivery?.perNotifier === undefined ? {} : { perNotifier: options.delivery.perNotifier }),
  });
  const stateStore = createStateStore(options.state, context.env, logger);
  const leader = context.env[ALERTS_LEADER_ENV] === 'true';
  const engine = new AlertEngine({
    source: context.store,
    sink: context.runbooks === undefined ? delivery : withRunbookLinks(delivery, context.runbooks),
    notifiers: notifiers.map((notifier) => notifier.id),
    rules: rules.rules,
    slos: rules.slos,
    defaultRules: rules.defaultRules,
    ...(options.routing === undefined ? {} : { routing: withRootNotifiers(options.routing, notifiers) }),
    ...(options.evaluationInterval === undefined ? {} : { evaluationInterval: options.evaluationInterval }),
    ...(options.retention === undefined ? {} : { retention: options.retention }),
    service: context.serviceName,
    ...(context.health === undefined ? {} : { health: context.health }),
    store: stateStore,
    stateKey: stateKeyOf(context.serviceName),
    mode: options.mode ?? 'all',
    isLeader: options.isLeader ?? (() => leader),
    onError: onceEach((error) => logger.warn('alert engine error', { err: error })),
  });
  const closeTimeoutMs = options.delivery?.closeTimeoutMs ?? 5_000;
  let stopping: Promise<void> | undefined;
  return {
    handle: handleOf(engine, delivery),
    start: () => engine.start(),
    stop() {
      stopping ??= (async () => {
        const stopped = engine
          .stop()
          .catch((error: unknown) => logger.warn('alert engine stop failed', { err: error }));
        // Give deliveries in flight their chance, then cut what is left: it stays pending in the saved
        // state and goes out after the next start. This timer is not unref'd: it keeps a process that is
        // shutting down alive while the last notifications go out.
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([
          stopped,
          new Promise((resolve) => (timer = setTimeout(resolve, closeTimeoutMs))),
        ]);
        clearTimeout(timer);
        await delivery.close(1);
        await stopped;
        await stateStore
          .close?.()
          .catch((error: unknown) => logger.warn('alert state store close failed', { err: error }));
      })();
      return stopping;
    },
  };
}

function createStateStore(
  state: AlertsOptions['state'],
  env: Readonly<Record<string, string | undefined>>,
  logger: LoggerV1,
): StateStoreV1 {
  if (state === false) return new InMemoryStateStore();
  if (state !== undefined && 'specificationVersion' in state) return state;
  const configured = state?.directory ?? env[STATE_DIR_ENV];
  const directory = configured === undefined || configured === '' ? '.mcp-o11y/state' : configured;
  return new FileStateStore({ directory, logger });
}

// A root route that names no notifier delivers to all of them, as the default route does.
function withRootNotifiers(routing: AlertRoutingV1, notifiers: readonly NotifierV1[]): AlertRoutingV1 {
  if (routing.route === undefined || routing.route.notifiers !== undefined) return routing;
  return { ...routing, route: { ...routing.route, notifiers: notifiers.map((notifier) => notifier.id) } };
}

// One file per service, so two servers started in the same directory keep their own state.
function stateKeyOf(serviceName: string): string {
  return `alert-engine.${serviceName.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100)}`;
}

function handleOf(engine: AlertEngine, delivery: DeliveryPipeline): ObservabilityAlerts {
  const ids = Object.freeze(Object.keys(delivery.stats()));
  return {
    listAlerts: () => engine.listAlerts(),
    acknowledge: (fingerprint, actor) => engine.acknowledge(fingerprint, actor),
    silence: (input) => engine.silence(input),
    expireSilence: (id) => engine.expireSilence(id),
    listSilences: () => engine.listSilences(),
    listIncidents: () => engine.listIncidents(),
    closeIncident: (id, actor, comment) => engine.closeIncident(id, actor, comment),
    sendTestNotification: (notifierId) => engine.sendTestNotification(notifierId),
    evaluateNow: () => engine.evaluateNow(),
    notifierIds: () => ids,
    deliveryStats: () => delivery.stats(),
    deadLetters: () => delivery.deadLetters(),
  };
}

// A failing save (an unwritable state directory) fails at every tick; say so once per distinct message.
function onceEach(report: (error: unknown) => void): (error: unknown) => void {
  const seen = new Set<string>();
  return (error) => {
    const message = error instanceof Error ? error.message : String(error);
    if (seen.has(message) || seen.size >= 100) return;
    seen.add(message);
    report(error);
  };
}
