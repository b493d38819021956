import type { AdapterInstanceV1, AdapterKindV1, AdapterV1 } from '@mcp-o11y/core';
import type { AdapterCapabilities, AdapterConformanceOptions } from './adapter-conformance-options.js';
import { ConformanceError, describeValue } from './conformance-error.js';
import { createAdapterContext, type TestAdapterContext } from './create-adapter-context.js';

/** The kinds an `AdapterKindV1` may be; anything else in `kinds` is a violation. */
export const adapterKinds: readonly AdapterKindV1[] = ['traces', 'metrics', 'logs', 'notifier', 'health'];

/** The subject named in violation messages. */
export function adapterSubject(options: AdapterConformanceOptions<unknown>): string {
  return `adapter "${options.name}"`;
}

/** The adapter under test as an `AdapterV1`, whichever way it was given. */
export function resolveAdapter<Options>(options: AdapterConformanceOptions<Options>): AdapterV1 {
  if (options.adapter !== undefined) {
    return typeof options.adapter === 'function' ? options.adapter() : options.adapter;
  }
  const { descriptor } = options;
  return {
    specificationVersion: 'v1',
    id: descriptor.id,
    kinds: descriptor.kinds,
    create: (context) => descriptor.create(options.options, context),
  };
}

/** The capabilities to exercise: the declared kinds, overridden by explicit flags. */
export function resolveCapabilities<Options>(
  options: AdapterConformanceOptions<Options>,
): Required<AdapterCapabilities> {
  const kinds = options.descriptor?.kinds ?? resolveAdapter(options).kinds;
  const declared = Object.fromEntries(adapterKinds.map((kind) => [kind, kinds.includes(kind)]));
  return { ...declared, ...options.capabilities } as Required<AdapterCapabilities>;
}

/** The context the suite creates adapters with: the option's `env`, a recording logger. */
export function suiteContext<Options>(options: AdapterConformanceOptions<Options>): TestAdapterContext {
  return createAdapterContext({ env: { ...options.env } });
}

/** Creates an instance, runs `body`, then shuts the instance down (errors there are the shutdown check's job). */
export async function withInstance<Options, T>(
  options: AdapterConformanceOptions<Options>,
  body: (instance: AdapterInstanceV1, context: TestAdapterContext) => Promise<T>,
): Promise<T> {
  const context = suiteContext(options);
  const instance = await createInstance(options, context);
  try {
    return await body(instance, context);
  } finally {
    await Promise.resolve()
      .then(() => instance.shutdown?.())
      .catch(() => undefined);
  }
}

/** Calls `create`, turning a throw into a violation that says so. */
export async function createInstance<Options>(
  options: AdapterConformanceOptions<Options>,
  context: TestAdapterContext,
): Promise<AdapterInstanceV1> {
  try {
    return await resolveAdapter(options).create(context);
  } catch (error) {
    throw new ConformanceError(
      adapterSubject(options),
      `create threw with the suite's options: ${describeValue(error)}. Options must create a working instance.`,
      { cause: error },
    );
  }
}

/** Polls `read` until `found` holds for its result, or fails after `timeoutMs`. */
export async function pollUntil<T>(
  subject: string,
  what: string,
  read: () => Promise<T>,
  found: (value: T) => boolean,
  timeoutMs: number,
): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() <= giveUpAt) {
    last = await read();
    if (found(last)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new ConformanceError(
    subject,
    `${what} did not reach the backend within ${timeoutMs} ms (last read: ${describeValue(last)}).`,
  );
}
