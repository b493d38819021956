import type { InstrumentOptions } from './instrument-options.js';
import { instrumentProtocol } from './instrument-protocol.js';
import { type Instrumentation, instrumentationFor } from './instrumentation.js';

/**
 * Wraps a per-request server factory (SDK v2 `createMcpHandler(factory)`, or any code that builds a
 * server per request) so every server it returns is instrumented. Instruments and attribute caches
 * are shared by all of them, so the per-request cost is one `connect` patch. The observability handle
 * is looked up on the first call, so the factory may be wrapped before `createObservability` runs.
 *
 * @example
 * ```ts
 * const handler = createMcpHandler(instrumentServerFactory(() => buildServer()));
 * ```
 */
export function instrumentServerFactory<F extends (...args: never[]) => unknown>(
  factory: F,
  options: InstrumentOptions = {},
): F {
  let instrumentation: Instrumentation | undefined;
  const instrumentProduct = (product: unknown): unknown => {
    if (typeof product === 'object' && product !== null) {
      instrumentation ??= instrumentationFor(options);
      instrumentProtocol(product, instrumentation);
    }
    return product;
  };
  const wrapped = function (this: unknown, ...args: Parameters<F>) {
    const product = factory.apply(this, args);
    return isPromiseLike(product) ? product.then(instrumentProduct) : instrumentProduct(product);
  };
  return wrapped as unknown as F;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function'
  );
}
