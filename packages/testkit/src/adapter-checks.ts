import type { AdapterInstanceV1, AdapterKindV1 } from '@mcp-o11y/core';
import type { AdapterConformanceOptions } from './adapter-conformance-options.js';
import {
  adapterKinds,
  adapterSubject,
  createInstance,
  resolveAdapter,
  resolveCapabilities,
  suiteContext,
} from './adapter-harness.js';
import { captureStdout } from './capture-stdout.js';
import { ConformanceError, describeValue, expectConformance } from './conformance-error.js';

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The descriptor (or bound adapter) is well formed: `specificationVersion: 'v1'`, a lowercase-dashed
 * `id`, known and unique `kinds`, a `create` function, and a `parseOptions` that accepts the suite's
 * options and rejects a non-object. Capabilities switched on must be declared kinds.
 */
export async function checkAdapterDescriptor<Options>(
  options: AdapterConformanceOptions<Options>,
): Promise<void> {
  const subject = adapterSubject(options);
  const described = options.descriptor ?? resolveAdapter(options);
  expectConformance(described.specificationVersion === 'v1', subject, "`specificationVersion` must be 'v1'.");
  expectConformance(
    typeof described.id === 'string' && idPattern.test(described.id),
    subject,
    `\`id\` ${describeValue(described.id)} must be lowercase letters, digits and single dashes.`,
  );
  expectConformance(
    Array.isArray(described.kinds) && described.kinds.length > 0,
    subject,
    '`kinds` must list at least one kind.',
  );
  for (const kind of described.kinds) {
    expectConformance(
      adapterKinds.includes(kind),
      subject,
      `unknown kind ${describeValue(kind)} in \`kinds\`.`,
    );
  }
  expectConformance(
    new Set(described.kinds).size === described.kinds.length,
    subject,
    '`kinds` lists a kind twice.',
  );
  expectConformance(typeof described.create === 'function', subject, '`create` must be a function.');
  for (const [kind, enabled] of Object.entries(options.capabilities ?? {})) {
    expectConformance(
      !enabled || described.kinds.includes(kind as AdapterKindV1),
      subject,
      `capability '${kind}' is switched on but not declared in \`kinds\`.`,
    );
  }
  const descriptor = options.descriptor;
  if (descriptor?.parseOptions) {
    try {
      descriptor.parseOptions(options.options);
    } catch (error) {
      throw new ConformanceError(
        subject,
        `parseOptions rejected the suite's options: ${describeValue(error)}.`,
      );
    }
    let rejected = false;
    try {
      descriptor.parseOptions(42);
    } catch {
      rejected = true;
    }
    expectConformance(
      rejected,
      subject,
      'parseOptions accepted `42`; it must throw for options that are not an object.',
    );
  }
}

/**
 * `create` returns a `v1` instance with the adapter's `id`, whose contributions are all declared kinds,
 * with every enabled capability contributed and every contributed member of the right shape.
 */
export async function checkAdapterContributions<Options>(
  options: AdapterConformanceOptions<Options>,
): Promise<void> {
  const subject = adapterSubject(options);
  const adapter = resolveAdapter(options);
  const capabilities = resolveCapabilities(options);
  const instance = await createInstance(options, suiteContext(options));
  try {
    expectConformance(
      instance.specificationVersion === 'v1',
      subject,
      "the instance's `specificationVersion` must be 'v1'.",
    );
    expectConformance(
      instance.id === adapter.id,
      subject,
      `the instance's id ${describeValue(instance.id)} is not ${describeValue(adapter.id)}.`,
    );
    for (const [field, kind] of contributionFields) {
      expectConformance(
        instance[field] === undefined || adapter.kinds.includes(kind),
        subject,
        `the instance has \`${field}\` but \`kinds\` does not declare '${kind}' (core refuses such an instance).`,
      );
    }
    const contributed = nonEmptyKinds(instance);
    for (const kind of adapterKinds) {
      expectConformance(
        !capabilities[kind] || contributed.includes(kind),
        subject,
        `capability '${kind}' is on but the instance contributes nothing for it with the suite's options.`,
      );
    }
    expectMemberShapes(subject, instance);
  } finally {
    await instance.shutdown?.();
  }
}

/**
 * `create` reads its environment from `context.env`: with the option's `env` as context, it reads none
 * of those keys, and no `MCP_O11Y_*` key, from `process.env`.
 */
export async function checkAdapterReadsContextEnv<Options>(
  options: AdapterConformanceOptions<Options>,
): Promise<void> {
  const watched = new Set(Object.keys(options.env ?? {}));
  const reads = new Set<string>();
  const original = process.env;
  process.env = new Proxy(original, {
    get(target, key, receiver) {
      if (typeof key === 'string' && (watched.has(key) || key.startsWith('MCP_O11Y_'))) reads.add(key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === 'string' && (watched.has(key) || key.startsWith('MCP_O11Y_'))) reads.add(key);
      return Reflect.has(target, key);
    },
  });
  let instance: AdapterInstanceV1 | undefined;
  try {
    instance = await createInstance(options, suiteContext(options));
  } finally {
    process.env = original;
    await instance?.shutdown?.();
  }
  expectConformance(
    reads.size === 0,
    adapterSubject(options),
    `create read ${[...reads].join(', ')} from process.env; read it from \`context.env\` so config and tests control it.`,
  );
}

/** `forceFlush` (when present) resolves, and `shutdown` can be called twice without a throw. */
export async function checkAdapterShutdownTwice<Options>(
  options: AdapterConformanceOptions<Options>,
): Promise<void> {
  const subject = adapterSubject(options);
  const instance = await createInstance(options, suiteContext(options));
  await expectResolves(subject, 'forceFlush', () => instance.forceFlush?.());
  await expectResolves(subject, 'the first shutdown', () => instance.shutdown?.());
  await expectResolves(subject, 'a second shutdown', () => instance.shutdown?.());
}

/** Nothing reaches stdout while the adapter is created, flushed and shut down. */
export async function checkAdapterNoStdout<Options>(
  options: AdapterConformanceOptions<Options>,
): Promise<void> {
  const capture = captureStdout({ passThrough: false });
  try {
    const instance = await createInstance(options, suiteContext(options));
    await instance.forceFlush?.();
    await instance.shutdown?.();
  } finally {
    capture.restore();
  }
  expectNoStdout(adapterSubject(options), 'create, forceFlush and shutdown', capture.writes);
}

/**
 * Importing the entry point has no side effects the suite can see: no stdout, no new socket or server.
 * The caller must make the import fresh (the vitest wrapper calls `vi.resetModules()` first).
 */
export async function checkAdapterImportIsQuiet(
  importModule: () => Promise<unknown>,
  subject: string,
): Promise<void> {
  const before = socketCount();
  const capture = captureStdout({ passThrough: false });
  try {
    await importModule();
    // `listen(port, host)` resolves the host before the socket exists: give it a turn of the loop.
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    capture.restore();
  }
  expectNoStdout(subject, 'import', capture.writes);
  const opened = socketCount() - before;
  expectConformance(
    opened <= 0,
    subject,
    `importing opened ${opened} socket(s); open them in \`create\`, never at import.`,
  );
}

/** Throws unless `writes` is empty. */
export function expectNoStdout(subject: string, during: string, writes: readonly string[]): void {
  expectConformance(
    writes.length === 0,
    subject,
    `wrote to stdout during ${during} (${describeValue(writes[0])}); stdout is the MCP stdio channel, log through \`context.logger\`.`,
  );
}

const contributionFields: readonly [keyof AdapterInstanceV1, AdapterKindV1][] = [
  ['traces', 'traces'],
  ['metrics', 'metrics'],
  ['logs', 'logs'],
  ['notifiers', 'notifier'],
  ['healthChecks', 'health'],
];

function nonEmptyKinds(instance: AdapterInstanceV1): AdapterKindV1[] {
  const nonEmpty = (...lists: (readonly unknown[] | undefined)[]) =>
    lists.some((list) => (list?.length ?? 0) > 0);
  const kinds: AdapterKindV1[] = [];
  if (nonEmpty(instance.traces?.exporters, instance.traces?.processors, instance.traces?.propagators))
    kinds.push('traces');
  if (nonEmpty(instance.metrics?.exporters, instance.metrics?.readers)) kinds.push('metrics');
  if (nonEmpty(instance.logs?.exporters, instance.logs?.processors)) kinds.push('logs');
  if (nonEmpty(instance.notifiers)) kinds.push('notifier');
  if (nonEmpty(instance.healthChecks)) kinds.push('health');
  return kinds;
}

const memberShapes: readonly [
  string,
  (instance: AdapterInstanceV1) => readonly unknown[] | undefined,
  readonly string[],
][] = [
  ['traces.exporters', (instance) => instance.traces?.exporters, ['export', 'shutdown']],
  [
    'traces.processors',
    (instance) => instance.traces?.processors,
    ['onStart', 'onEnd', 'forceFlush', 'shutdown'],
  ],
  ['traces.propagators', (instance) => instance.traces?.propagators, ['inject', 'extract', 'fields']],
  ['metrics.exporters', (instance) => instance.metrics?.exporters, ['export', 'forceFlush', 'shutdown']],
  [
    'metrics.readers',
    (instance) => instance.metrics?.readers,
    ['collect', 'setMetricProducer', 'forceFlush', 'shutdown'],
  ],
  ['logs.exporters', (instance) => instance.logs?.exporters, ['export', 'shutdown']],
  ['logs.processors', (instance) => instance.logs?.processors, ['onEmit', 'forceFlush', 'shutdown']],
  ['notifiers', (instance) => instance.notifiers, ['send']],
  ['healthChecks', (instance) => instance.healthChecks, ['check']],
];

function expectMemberShapes(subject: string, instance: AdapterInstanceV1): void {
  for (const [path, list, methods] of memberShapes) {
    for (const [index, member] of (list(instance) ?? []).entries()) {
      for (const method of methods) {
        expectConformance(
          typeof (member as Record<string, unknown> | null)?.[method] === 'function',
          subject,
          `${path}[${index}] has no \`${method}\` method.`,
        );
      }
      if (path === 'notifiers' || path === 'healthChecks') {
        expectConformance(
          (member as { specificationVersion?: unknown }).specificationVersion === 'v1',
          subject,
          `${path}[${index}] must have specificationVersion 'v1'.`,
        );
      }
    }
  }
}

async function expectResolves(
  subject: string,
  what: string,
  call: () => Promise<void> | undefined,
): Promise<void> {
  try {
    await call();
  } catch (error) {
    throw new ConformanceError(subject, `${what} threw: ${describeValue(error)}.`, { cause: error });
  }
}

function socketCount(): number {
  return process.getActiveResourcesInfo().filter((resource) => /TCP|UDP|Pipe/.test(resource)).length;
}
