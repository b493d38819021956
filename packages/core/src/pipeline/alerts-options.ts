import type { DeliverySettingsOverrides } from '../alerts/delivery/delivery-options.js';
import type { AlertEngineModeV1 } from '../spec/alerts/v1/alert-engine-mode-v1.js';
import type { AlertRoutingV1 } from '../spec/alerts/v1/alert-routing-v1.js';
import type { AlertRuleV1 } from '../spec/alerts/v1/alert-rule-v1.js';
import type { DurationV1 } from '../spec/alerts/v1/duration-v1.js';
import type { SloV1 } from '../spec/alerts/v1/slo-v1.js';
import type { StateStoreV1 } from '../spec/alerts/v1/state-store-v1.js';

/** Env variable that makes this process the leader in `mode: 'leader-only'` when `isLeader` is not given. */
export const ALERTS_LEADER_ENV = 'MCP_O11Y_ALERTS_LEADER';

/** Where the alert engine keeps its state: a directory for the built-in file store. */
export interface AlertStateDirectoryOptions {
  /**
   * Directory of the state files; relative paths resolve against the working directory. Default: env
   * `MCP_O11Y_STATE_DIR`, else `.mcp-o11y/state` under `process.cwd()`.
   */
  readonly directory?: string;
}

/** How notifications are delivered: the delivery pipeline's settings. */
export interface AlertDeliveryOptions {
  /** Settings of every notifier over the built-in ones (10 s attempt timeout, 30 s deadline, 20/min). */
  readonly defaults?: DeliverySettingsOverrides;
  /** Settings of single notifiers by id, over `defaults`. Naming an unknown notifier is an error. */
  readonly perNotifier?: Readonly<Record<string, DeliverySettingsOverrides>>;
  /**
   * On shutdown, how long notifications in flight may take to finish (retries included) before they are
   * given up and left for the next start, in ms. Default 5000.
   */
  readonly closeTimeoutMs?: number;
}

/**
 * The in-process alert engine (`alerts` of `createObservability`): rules over the in-memory windows,
 * routed to the adapters' notifiers through the delivery pipeline, with state kept across restarts.
 * Every field is optional: `{}` (the default) runs the default rule pack to the console notifier.
 */
export interface AlertsOptions {
  /**
   * `all` (default): evaluate and notify in this process. `leader-only`: only while `isLeader()` is true.
   * `off`: no engine (`observability.alerts` is undefined); use the generated Prometheus rules and
   * Alertmanager config instead. See {@link AlertEngineModeV1}.
   */
  readonly mode?: AlertEngineModeV1;
  /**
   * For `mode: 'leader-only'`, asked at every evaluation. Default: true when env `MCP_O11Y_ALERTS_LEADER`
   * is `true` when the pipeline is created (e.g. set on replica 0), else false.
   */
  readonly isLeader?: () => boolean;
  /** Your rules, added to (or, with a default rule's name, replacing) the default pack. */
  readonly rules?: readonly AlertRuleV1[];
  /** Objectives that `slo_burn_rate` rules refer to. */
  readonly slos?: readonly SloV1[];
  /** Add the default rule pack and the seeds' SLOs. Default true. */
  readonly defaultRules?: boolean;
  /** Names of your own instruments that `metric` conditions may use (checked like core's). */
  readonly customMetrics?: readonly string[];
  /**
   * Route tree, inhibition, per-notifier `sendResolved`, escalation. A root route without `notifiers`
   * delivers to every notifier. Default: every notifier, grouped by `alertname`, group wait 30 s, repeat
   * after 5 min (critical, high), 10 min (medium), 15 min (low).
   */
  readonly routing?: AlertRoutingV1;
  /** Time between evaluations; group timers resolve at this granularity. Default `'15s'`. */
  readonly evaluationInterval?: DurationV1;
  /** Resolved incidents, expired silences and notification log entries are purged after this. Default `'30d'`. */
  readonly retention?: DurationV1;
  /**
   * Persistence of alert states, silences, acknowledgements, incidents and the notification log, so a
   * restart sends neither a duplicate firing nor loses a resolve. A directory for the built-in file
   * store (default), your own `StateStoreV1`, or `false` to keep state in memory only (tests).
   */
  readonly state?: false | AlertStateDirectoryOptions | StateStoreV1;
  /** Delivery settings (timeouts, retries, rate limits). */
  readonly delivery?: AlertDeliveryOptions;
  /**
   * Also write alerts to stderr with the built-in console notifier (id `console`). Default: only when no
   * adapter contributes a notifier, so alerts are never silent.
   */
  readonly console?: boolean;
}
