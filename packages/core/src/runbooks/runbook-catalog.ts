import type { NotificationSink } from '../alerts/engine/alert-engine-options.js';
import { DEFAULT_RUNBOOKS } from './default-runbooks.js';
import { loadRunbooks } from './load-runbooks.js';
import type { Runbook } from './runbook-schema.js';
import { runbookUrl } from './runbook-url.js';

/** Options of the runbooks: `createObservability({ runbooks })`, or the config file's `runbooks` section. */
export interface RunbooksOptions {
  /** Directory (or directories, or files) of your runbooks, YAML or JSON; relative to the working directory. Yours replace defaults with the same id. */
  readonly directory?: string | readonly string[];
  /** Runbooks given in code, added after the directory's. */
  readonly runbooks?: readonly Runbook[];
  /**
   * Where runbooks are published: alert notifications then carry `runbookUrl` (see {@link runbookUrl}:
   * `{id}` is replaced, else the id is appended). Default: none, notifications carry no link.
   */
  readonly baseUrl?: string;
  /** Include the default runbooks (dependency failure, high error rate, slow performance). Default true. */
  readonly defaults?: boolean;
}

/** The runbooks on the handle: `observability.runbooks`. */
export interface ObservabilityRunbooks {
  /** Every runbook: yours, then the defaults you did not replace. */
  list(): readonly Runbook[];
  /** The runbook with this id. */
  get(id: string): Runbook | undefined;
  /** The runbook for an alert: its `annotations.runbook` id, else the runbook listing the rule in `alerts`. */
  forAlert(alertName: string, annotations?: { readonly runbook?: string | undefined }): Runbook | undefined;
  /** The link to a runbook id, when `baseUrl` is configured. */
  url(id: string): string | undefined;
}

/** Builds the catalog from runbooks already validated. @throws TypeError when `baseUrl` is not an http(s) URL. */
export function createRunbookCatalog(runbooks: readonly Runbook[], baseUrl?: string): ObservabilityRunbooks {
  if (baseUrl !== undefined) runbookUrl('check', baseUrl);
  const byId = new Map<string, Runbook>();
  for (const runbook of runbooks) if (!byId.has(runbook.id)) byId.set(runbook.id, runbook);
  const byAlert = new Map<string, Runbook>();
  for (const runbook of byId.values()) {
    for (const alert of runbook.alerts ?? []) if (!byAlert.has(alert)) byAlert.set(alert, runbook);
  }
  const list = Object.freeze([...byId.values()]);
  return {
    list: () => list,
    get: (id) => byId.get(id),
    forAlert: (alertName, annotations) => {
      const id = annotations?.runbook;
      return (id === undefined ? undefined : byId.get(id)) ?? byAlert.get(alertName);
    },
    url: (id) => (baseUrl === undefined ? undefined : runbookUrl(id, baseUrl)),
  };
}

/**
 * Loads the configured runbooks (yours first, so they replace defaults with the same id).
 * @throws {ConfigError} when a runbook file is invalid; TypeError when `baseUrl` is not an http(s) URL.
 */
export async function loadRunbookCatalog(options: RunbooksOptions = {}): Promise<ObservabilityRunbooks> {
  const fromFiles = options.directory === undefined ? [] : await loadRunbooks(options.directory);
  return createRunbookCatalog(
    [...fromFiles, ...(options.runbooks ?? []), ...(options.defaults === false ? [] : DEFAULT_RUNBOOKS)],
    options.baseUrl,
  );
}

/**
 * Wraps the engine's notification sink so each alert carries `runbookUrl`: its `annotations.runbook` id
 * (known or not: the base URL may be a wiki with more pages), else the runbook listing the rule. Without
 * a base URL the sink is returned as is.
 */
export function withRunbookLinks(sink: NotificationSink, catalog: ObservabilityRunbooks): NotificationSink {
  if (catalog.url('check') === undefined) return sink;
  return {
    deliver(notifierId, notification) {
      const alerts = notification.alerts.map((alert) => {
        if (alert.runbookUrl !== undefined) return alert;
        const id = alert.annotations.runbook ?? catalog.forAlert(alert.name)?.id;
        const url = id === undefined ? undefined : catalog.url(id);
        return url === undefined ? alert : { ...alert, runbookUrl: url };
      });
      return sink.deliver(notifierId, { ...notification, alerts });
    },
  };
}
