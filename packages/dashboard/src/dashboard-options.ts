import type { Observability } from '@mcp-o11y/core';

/** The observability handle the dashboard reads, or a function that finds it when a request arrives. */
export type DashboardSource = Observability | (() => Observability | undefined);

/** A runbook as the dashboard shows it: the seeds' shape (title, steps with commands, escalation). */
export interface DashboardRunbook {
  /** The id alert rules link to through `annotations.runbook`. */
  readonly id: string;
  /** One line. */
  readonly title: string;
  /** What the runbook is for. */
  readonly description?: string;
  /** `low`, `medium`, `high` or `critical`. */
  readonly severity?: string;
  /** Ordered steps. */
  readonly steps?: readonly {
    readonly title?: string;
    readonly action?: string;
    readonly description?: string;
    /** A shell command to run. */
    readonly command?: string;
    /** A query to run in a backend (PromQL, KQL, SQL). */
    readonly query?: string;
  }[];
  /** Who to call when the steps do not help, and after how long. */
  readonly escalation?: readonly { readonly after: string; readonly contact: string }[];
}

/** Options of {@link createDashboardHandler} and the fetch-style handler (everything but the socket). */
export interface DashboardHandlerOptions {
  /**
   * A bearer token every request must carry: `Authorization: Bearer <token>`, or `?token=<token>` once,
   * which sets an HttpOnly SameSite=Strict cookie. Default: env `MCP_O11Y_DASHBOARD_TOKEN` when started
   * by {@link startDashboard} or the adapter; else none (loopback only).
   */
  readonly token?: string;
  /**
   * Enforce a token even on loopback. Default false.
   * @throws Error (at creation) when true and no token is set.
   */
  readonly requireToken?: boolean;
  /** Path prefix the dashboard is mounted under, e.g. `/dashboard`. Default `''` (the root). */
  readonly basePath?: string;
  /** Window of the overview, tool table and integrations, in seconds. Default 300. */
  readonly windowSeconds?: number;
  /**
   * Width of the in-memory store's buckets, in seconds; must equal the backend's `bucketSeconds`
   * (`createObservability({ memory: { bucketSeconds } })`). Default 10, the backend's default.
   */
  readonly bucketSeconds?: number;
  /** Interval of the server-sent snapshot ticks, in milliseconds. Default 2 000. */
  readonly tickMillis?: number;
  /** Runbooks to show, in addition to those core exposes (`observability.runbooks`), if any. */
  readonly runbooks?: readonly DashboardRunbook[];
  /** Epoch milliseconds; injectable for tests. Default `Date.now`. */
  readonly clock?: () => number;
  /**
   * Largest body a POST or DELETE may carry, in bytes; a larger one gets 413 before it is read whole.
   * Default 65 536 (64 KiB): silences and acknowledgements are small.
   */
  readonly maxBodyBytes?: number;
}

/** Options of {@link startDashboard}: the handler's, plus where to listen. */
export interface DashboardOptions extends DashboardHandlerOptions {
  /** The handle to show. Default: the active one (`getActiveObservability()`), looked up per request. */
  readonly observability?: Observability;
  /**
   * Interface to bind. Default: env `MCP_O11Y_DASHBOARD_HOST`, else `127.0.0.1`. Anything other than a
   * loopback address (`127.0.0.0/8`, `::1`, `localhost`) requires `token`.
   */
  readonly host?: string;
  /** Port; 0 picks a free one. Default: env `MCP_O11Y_DASHBOARD_PORT`, else 9465. */
  readonly port?: number;
  /** Where env variables are read from. Default `process.env`, read when the dashboard starts. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Called once listening, with the address and the URL to open (token not included). */
  readonly onListening?: (address: DashboardAddress) => void;
}

/** Where a started dashboard listens. */
export interface DashboardAddress {
  readonly host: string;
  readonly port: number;
  /** `http://host:port/basePath/`. */
  readonly url: string;
}
