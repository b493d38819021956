import { ObservedFunction } from './observed-function.js';
import type { MeasuredOptions, ObservedMethodDecorator, TracedOptions } from './traced-options.js';

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Wraps `fn` in an INTERNAL span and the `mcp_o11y.function.duration` histogram (seconds), or, called
 * with options only, returns the same as a method decorator: `@traced()`.
 *
 * The span joins the active trace (its parent is the span active at the call, e.g. the MCP request's),
 * is active while `fn` runs, carries `code.function.name` and the correlation id, and on failure
 * `error.type` (see `errorTypeOf`), an ERROR status and the exception. A sync function stays sync;
 * a native promise returned is followed until it settles. Errors, rejections, `this` and return values
 * pass through unchanged. Without a handle the wrapper only calls `fn`.
 *
 * @example
 * ```ts
 * const geocode = traced(async function geocode(city: string) { ... });
 *
 * class WeatherService {
 *   @traced() async forecast(city: string) { ... }          // span "WeatherService.forecast"
 *   @traced({ name: 'weather.parse' }) static parse(text: string) { ... }
 * }
 * ```
 * @throws {TypeError} when `fn` has no name and `options.name` is not given, or when the decorator is
 * used without parentheses (`@traced` instead of `@traced()`) or on something else than a method.
 */
export function traced<F extends (...args: never[]) => unknown>(fn: F, options?: TracedOptions): F;
export function traced(options?: TracedOptions): ObservedMethodDecorator;
export function traced(first?: unknown, second?: TracedOptions): unknown {
  return observe('traced', true, first, second);
}

/**
 * Like {@link traced} without the span: only the `mcp_o11y.function.duration` histogram, for code
 * called too often for a span per call. `measured(fn, options)` wraps a function, `@measured()`
 * decorates a method.
 *
 * @throws {TypeError} as {@link traced}.
 */
export function measured<F extends (...args: never[]) => unknown>(fn: F, options?: MeasuredOptions): F;
export function measured(options?: MeasuredOptions): ObservedMethodDecorator;
export function measured(first?: unknown, second?: MeasuredOptions): unknown {
  return observe('measured', false, first, second);
}

function observe(
  helper: 'traced' | 'measured',
  withSpan: boolean,
  first: unknown,
  second: TracedOptions | undefined,
): unknown {
  if (typeof first !== 'function') {
    const options = first as TracedOptions | undefined;
    return (method: AnyFunction, context: ClassMethodDecoratorContext) =>
      decorate(helper, withSpan, method, context, options);
  }
  if (isDecoratorContext(second)) {
    throw new TypeError(
      `[@mcp-o11y/core] @${helper} is a decorator factory: write @${helper}() or @${helper}({ name }).`,
    );
  }
  const name = second?.name ?? first.name;
  if (name === '') {
    throw new TypeError(
      `[@mcp-o11y/core] ${helper}(): the function has no name; pass { name } so that its ${withSpan ? 'span and ' : ''}metric say what ran.`,
    );
  }
  return new ObservedFunction(first as AnyFunction, name, true, withSpan, second).wrapped;
}

function decorate(
  helper: string,
  withSpan: boolean,
  method: AnyFunction,
  context: ClassMethodDecoratorContext,
  options: TracedOptions | undefined,
): AnyFunction {
  if (context?.kind !== 'method') {
    throw new TypeError(
      `[@mcp-o11y/core] @${helper}() decorates methods only (got ${String(context?.kind)}); wrap other functions with ${helper}(fn).`,
    );
  }
  const member =
    typeof context.name === 'symbol' ? `[${context.name.description ?? 'symbol'}]` : context.name;
  if (options?.name !== undefined) {
    return new ObservedFunction(method, options.name, true, withSpan, options).wrapped;
  }
  // The context does not name the class: an initializer learns it from `this` (the class for a static
  // method, at definition; the first instance for an instance method, at construction).
  const observed = new ObservedFunction(method, member, false, withSpan, options);
  context.addInitializer(function (this: unknown) {
    if (!observed.resolved) {
      const owner = ownerName(this, context, observed.wrapped);
      observed.resolve(owner === '' ? member : `${owner}.${member}`);
    }
  });
  return observed.wrapped;
}

/** The name of the class that declares the decorated method (not a subclass that inherits it). */
function ownerName(self: unknown, context: ClassMethodDecoratorContext, wrapped: AnyFunction): string {
  if (context.static) return typeof self === 'function' ? self.name : '';
  if (typeof self !== 'object' || self === null) return '';
  if (!context.private) {
    for (let proto = Object.getPrototypeOf(self); proto !== null; proto = Object.getPrototypeOf(proto)) {
      if (Object.getOwnPropertyDescriptor(proto, context.name)?.value === wrapped) {
        return constructorName(proto);
      }
    }
  }
  // Private methods live on no prototype: the instance's class is the best answer there is.
  return constructorName(self);
}

function constructorName(value: object): string {
  const owner = (value as { constructor?: unknown }).constructor;
  return typeof owner === 'function' ? owner.name : '';
}

function isDecoratorContext(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { addInitializer?: unknown }).addInitializer === 'function'
  );
}
