import { isModuleNotFound } from '../config/import-adapter-module.js';
import { instrumentationNameProblem, instrumentationPackageOf } from './instrumentation-catalogue.js';
import {
  type InstrumentationEntry,
  type InstrumentationLike,
  isInstrumentationLike,
} from './instrumentation-like.js';
import type { RequireModule } from './require-instrumentation-module.js';

/** An instrumentation ready to be given the pipeline's providers and enabled. */
export interface LoadedInstrumentation {
  /** The catalogue name, or the instance's `instrumentationName` for one passed in. */
  readonly name: string;
  readonly instance: InstrumentationLike;
  /** Created by core disabled (so nothing patches before the pipeline exists): enable it by config too. */
  readonly createdDisabled: boolean;
}

/** Options of {@link loadInstrumentations}. */
export interface LoadInstrumentationsOptions {
  readonly requireModule: RequireModule;
  /** An instance already created and enabled for `name` (the zero-code register path), taken over as is. */
  readonly preloaded?: (name: string) => InstrumentationLike | undefined;
}

/**
 * Loads the named instrumentations' packages and creates each instance, disabled. Nothing is imported
 * for a name that is not listed. Every entry is tried, so all problems surface at once: unknown names,
 * packages to install (with the exact `pnpm add` command), unusable exports.
 * @throws {Error} listing every problem; nothing was patched.
 */
export function loadInstrumentations(
  entries: readonly InstrumentationEntry[],
  options: LoadInstrumentationsOptions,
): LoadedInstrumentation[] {
  const loaded: LoadedInstrumentation[] = [];
  const problems: string[] = [];
  const missing: { readonly name: string; readonly packageName: string }[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (isInstrumentationLike(entry)) {
      loaded.push({ name: entry.instrumentationName, instance: entry, createdDisabled: false });
      continue;
    }
    const name = typeof entry === 'string' ? entry : (entry as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') {
      problems.push(
        'an instrumentations entry is neither a library name, { name, options } nor an instrumentation instance',
      );
      continue;
    }
    const problem = instrumentationNameProblem(name);
    if (problem !== undefined) {
      problems.push(problem);
      continue;
    }
    if (seen.has(name)) {
      problems.push(`instrumentation "${name}" is listed twice; keep one entry`);
      continue;
    }
    seen.add(name);
    const given = typeof entry === 'string' ? undefined : entry.options;
    // The register hook created it from this same config entry, options included.
    const preloaded = options.preloaded?.(name);
    if (preloaded !== undefined) {
      loaded.push({ name, instance: preloaded, createdDisabled: false });
      continue;
    }
    const created = create(name, given, options.requireModule);
    if (created.instance !== undefined)
      loaded.push({ name, instance: created.instance, createdDisabled: true });
    else if (created.missing !== undefined) missing.push({ name, packageName: created.missing });
    else problems.push(created.problem);
  }
  if (problems.length === 0 && missing.length === 0) return loaded;
  const lines = [
    ...missing.map(
      ({ name, packageName }) =>
        `instrumentation "${name}" is not installed: run \`pnpm add ${packageName}\``,
    ),
    ...(missing.length > 1
      ? [`or all at once: \`pnpm add ${missing.map(({ packageName }) => packageName).join(' ')}\``]
      : []),
    ...problems,
  ];
  throw new Error(
    lines.length === 1
      ? `[@mcp-o11y/core] ${lines[0]}`
      : `[@mcp-o11y/core] cannot load the instrumentations:\n${lines.map((line) => `- ${line}`).join('\n')}`,
  );
}

type Created =
  | { readonly instance: InstrumentationLike; readonly missing?: undefined }
  | { readonly instance?: undefined; readonly missing: string }
  | { readonly instance?: undefined; readonly missing?: undefined; readonly problem: string };

function create(
  name: string,
  given: Readonly<Record<string, unknown>> | undefined,
  requireModule: RequireModule,
): Created {
  const target = instrumentationPackageOf(name);
  if (target === undefined) return { problem: `unknown instrumentation "${name}"` };
  let module: unknown;
  try {
    module = requireModule(target.packageName);
  } catch (error) {
    if (isModuleNotFound(error, target.packageName)) return { missing: target.packageName };
    return { problem: `cannot load ${target.packageName}: ${messageOf(error)}` };
  }
  const exported = exportOf(module, target.exportName);
  if (typeof exported !== 'function') {
    return {
      problem: `${target.packageName} has no ${target.exportName} export; install a current version: \`pnpm add ${target.packageName}@latest\``,
    };
  }
  let instance: unknown;
  try {
    // Disabled: its hooks go in when the pipeline's providers are set (see attachInstrumentations).
    instance = new (exported as new (config: unknown) => unknown)({
      ...target.defaultOptions,
      ...given,
      enabled: false,
    });
  } catch (error) {
    return { problem: `instrumentation "${name}" rejected its options: ${messageOf(error)}` };
  }
  if (!isInstrumentationLike(instance)) {
    return {
      problem: `${target.packageName}'s ${target.exportName} is not an OpenTelemetry instrumentation`,
    };
  }
  return { instance };
}

// A CommonJS package loaded from ESM (or the reverse) may show its exports under `default`.
function exportOf(module: unknown, exportName: string): unknown {
  if (typeof module !== 'object' && typeof module !== 'function') return undefined;
  if (module === null) return undefined;
  const namespace = module as Record<string, unknown> & { default?: Record<string, unknown> | null };
  return namespace[exportName] ?? namespace.default?.[exportName];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
