import type { Attributes } from '@opentelemetry/api';
import type { Observability } from '../pipeline/observability.js';

/** Options of `measured()` and `@measured()`. */
export interface MeasuredOptions {
  /**
   * What ran: the `code.function.name` attribute of the `mcp_o11y.function.duration` histogram (and the
   * span name with `traced`). Keep it fixed per function: past 200 distinct names per meter, metric
   * points read `_OTHER`. Default: the function's own name; for a decorated method `ClassName.method`.
   *
   * @throws {TypeError} from the wrapper factory when neither this nor the function gives a name.
   */
  readonly name?: string;
  /**
   * The handle to record into. Default: the active one at each call (the latest `createObservability()`
   * not yet shut down); with none, the function is simply called.
   */
  readonly observability?: Observability;
}

/** Options of `traced()` and `@traced()`. */
export interface TracedOptions extends MeasuredOptions {
  /**
   * Attributes put on every span, e.g. `{ 'weather.provider': 'met-office' }`. Spans only: the histogram
   * keeps `code.function.name` and `error.type`, so its cardinality stays bounded. Default: none.
   */
  readonly attributes?: Attributes;
}

/**
 * A TC39 (stage 3) method decorator, as TypeScript 5+ compiles it without `experimentalDecorators`:
 * returned by `@traced()` and `@measured()`. It keeps the method's type, `this` included.
 */
export type ObservedMethodDecorator = <This, Args extends unknown[], Return>(
  method: (this: This, ...args: Args) => Return,
  context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => Return>,
) => (this: This, ...args: Args) => Return;
