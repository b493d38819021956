import type { AdapterContextV1 } from './adapter-context-v1.js';
import type { AdapterInstanceV1 } from './adapter-instance-v1.js';
import type { AdapterKindV1 } from './adapter-kind-v1.js';
import type { AdapterV1 } from './adapter-v1.js';

/**
 * What every adapter package exports as `adapter`, for config-driven loading: `mcp-o11y.config.yaml`
 * names `id`, core runs `import('@mcp-o11y/<id>')` and calls `create` with the validated options.
 */
export interface AdapterDescriptorV1<Options = Record<string, unknown>> {
  /** The interface version this descriptor implements. */
  readonly specificationVersion: 'v1';
  /** The package id: `prometheus` for `@mcp-o11y/prometheus`. Lowercase, digits and dashes. */
  readonly id: string;
  /** Every kind of contribution `create` may return. */
  readonly kinds: readonly AdapterKindV1[];
  /**
   * Validates raw options from a config file. Returns the typed options, or throws an error whose
   * `issues` list each problem with its path (a zod error qualifies). Optional: without it the options
   * are passed through unchecked.
   */
  parseOptions?(raw: unknown): Options;
  /**
   * Creates the adapter. Reads env through `context.env`, opens no socket before it returns unless the
   * adapter is a server (Prometheus), and never writes to stdout. Throws on invalid options with a
   * message that starts with `[@mcp-o11y/<id>]`.
   */
  create(options: Options, context: AdapterContextV1): AdapterInstanceV1 | Promise<AdapterInstanceV1>;
}

/** Binds options to a descriptor: the usual body of an adapter's factory function. */
export type BindAdapterV1 = <Options>(
  descriptor: AdapterDescriptorV1<Options>,
  options: Options,
) => AdapterV1;
