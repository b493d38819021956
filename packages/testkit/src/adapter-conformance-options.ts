import type { AdapterDescriptorV1, AdapterInstanceV1, AdapterKindV1, AdapterV1 } from '@mcp-o11y/core';

/** The signals to check; each defaults to whether the adapter declares that kind. */
export type AdapterCapabilities = { readonly [Kind in AdapterKindV1]?: boolean };

/**
 * How the suite reads back what the adapter's backend received, for adapters whose contribution sends
 * somewhere (point the adapter at a `startHttpReceiver` and decode its requests here). Each is polled
 * until the suite's span, metric or log shows up. Without them the suite checks what it can see
 * locally: exporters report success, readers collect the suite's metric.
 */
export interface AdapterReceivers {
  /** Spans the backend received. */
  readonly spans?: (
    instance: AdapterInstanceV1,
  ) => Promise<readonly { readonly name: string; readonly traceId: string }[]>;
  /** Metrics (by name) the backend received. */
  readonly metrics?: (instance: AdapterInstanceV1) => Promise<readonly { readonly name: string }[]>;
  /** Log records (by body) the backend received. */
  readonly logs?: (instance: AdapterInstanceV1) => Promise<readonly { readonly body: string }[]>;
}

interface AdapterConformanceCommon {
  /** Shown in test names. */
  readonly name: string;
  /**
   * The ecosystem variables the adapter honours, with test values (`{ SENTRY_DSN: '…' }`). They are the
   * context's `env`; the suite fails when `create` reads one of them, or any `MCP_O11Y_*`, from
   * `process.env`. Default: empty.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Which signals to exercise; see {@link AdapterCapabilities}. */
  readonly capabilities?: AdapterCapabilities;
  /** Read-back from the backend; see {@link AdapterReceivers}. */
  readonly receive?: AdapterReceivers;
  /**
   * Imports the adapter's entry point afresh (`() => import('../src/index.js')`). When set, the suite
   * checks that importing writes nothing to stdout and opens no socket.
   */
  readonly importModule?: () => Promise<unknown>;
  /** How long to poll `receive` for, in milliseconds. Default 5 000. */
  readonly receiveTimeoutMs?: number;
}

/** The adapter under test as a descriptor plus the options to create it with (config-driven loading). */
export interface DescriptorConformanceOptions<Options> extends AdapterConformanceCommon {
  /** The package's exported `adapter` descriptor. */
  readonly descriptor: AdapterDescriptorV1<Options>;
  /** Options that create a working instance (pointing at local receivers, not real backends). */
  readonly options: Options;
  readonly adapter?: undefined;
}

/** The adapter under test as a bound `AdapterV1`, e.g. `prometheus({ port: 0 })`. */
export interface BoundAdapterConformanceOptions extends AdapterConformanceCommon {
  /** The bound adapter, or a factory for a fresh one per check. */
  readonly adapter: AdapterV1 | (() => AdapterV1);
  readonly descriptor?: undefined;
  readonly options?: undefined;
}

/** Options of {@link describeAdapterConformance} and of every `checkAdapter*` function. */
export type AdapterConformanceOptions<Options = Record<string, unknown>> =
  | DescriptorConformanceOptions<Options>
  | BoundAdapterConformanceOptions;
