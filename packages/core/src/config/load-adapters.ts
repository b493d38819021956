import { bindAdapter } from '../pipeline/bind-adapter.js';
import type { AdapterDescriptorV1 } from '../spec/adapter/v1/adapter-descriptor-v1.js';
import type { AdapterV1 } from '../spec/adapter/v1/adapter-v1.js';
import { coerceInterpolated } from './coerce-interpolated.js';
import { type ConfigIssue, configIssue } from './config-error.js';
import { ADAPTER_ID_PATTERN } from './config-file-schema.js';
import { toConfigIssues, type ZodLikeIssue } from './config-issues.js';
import { type ImportAdapter, isModuleNotFound } from './import-adapter-module.js';
import { isPlainObject } from './interpolate-env.js';

/** What `loadAdapters` produces: the bound adapters in file order, or the problems found. */
export interface LoadedAdapters {
  readonly adapters: readonly AdapterV1[];
  readonly issues: readonly ConfigIssue[];
}

/**
 * Turns the `adapters` entries into bound adapters: import `@mcp-o11y/<id>`, check its `adapter`
 * descriptor, validate the options with the adapter's own `parseOptions`, bind. Entries whose id the schema
 * already rejected are skipped (the schema reported them); every other entry is tried even if an earlier
 * one failed, so all problems surface at once.
 */
export async function loadAdapters(
  entries: unknown,
  importAdapter: ImportAdapter,
  interpolated: ReadonlySet<string>,
): Promise<LoadedAdapters> {
  const adapters: AdapterV1[] = [];
  const issues: ConfigIssue[] = [];
  if (!Array.isArray(entries)) return { adapters, issues };
  const seen = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    if (!isPlainObject(entry) || typeof entry.id !== 'string' || !ADAPTER_ID_PATTERN.test(entry.id)) continue;
    const id = entry.id;
    const name = typeof entry.name === 'string' ? entry.name : undefined;
    const identity = JSON.stringify([id, name ?? null]);
    if (seen.has(identity)) {
      issues.push(
        configIssue(
          ['adapters', index, name === undefined ? 'id' : 'name'],
          `duplicate adapter "${id}"${name === undefined ? '' : ` named "${name}"`}; give each entry with the same id a distinct \`name\``,
        ),
      );
    }
    seen.add(identity);
    const loaded = await loadDescriptor(id, importAdapter);
    if (typeof loaded === 'string') {
      issues.push(configIssue(['adapters', index, 'id'], loaded));
      continue;
    }
    // The schema reports an `options` that is not a mapping; parsing it here would only repeat that.
    const rawOptions = entry.options ?? {};
    if (!isPlainObject(rawOptions)) continue;
    const parsed = parseAdapterOptions(loaded, rawOptions, interpolated, ['adapters', index, 'options']);
    if (parsed.ok) adapters.push(bindAdapter(loaded, parsed.options));
    else issues.push(...parsed.issues);
  }
  return { adapters, issues };
}

/** Imports `@mcp-o11y/<id>` and returns its descriptor, or a message saying what to do. */
async function loadDescriptor(
  id: string,
  importAdapter: ImportAdapter,
): Promise<AdapterDescriptorV1<unknown> | string> {
  const specifier = `@mcp-o11y/${id}`;
  let module: unknown;
  try {
    module = await importAdapter(specifier);
  } catch (error) {
    if (isModuleNotFound(error, specifier))
      return `adapter "${id}" is not installed: run \`pnpm add ${specifier}\``;
    return `cannot load ${specifier}: ${error instanceof Error ? error.message : String(error)}`;
  }
  const descriptor = adapterExport(module);
  const problem = descriptorProblem(descriptor, id);
  if (problem !== undefined) return `${specifier} is not a usable adapter: ${problem}`;
  return descriptor as AdapterDescriptorV1<unknown>;
}

// A CommonJS adapter imported from ESM shows up as `default.adapter`.
function adapterExport(module: unknown): unknown {
  if (typeof module !== 'object' || module === null) return undefined;
  const namespace = module as { adapter?: unknown; default?: { adapter?: unknown } | null };
  return namespace.adapter ?? namespace.default?.adapter;
}

function descriptorProblem(descriptor: unknown, id: string): string | undefined {
  if (typeof descriptor !== 'object' || descriptor === null) {
    return 'it has no `adapter` export; is it an mcp-o11y adapter package?';
  }
  const candidate = descriptor as Record<string, unknown>;
  if (candidate.specificationVersion !== 'v1') {
    return `its descriptor implements specification ${JSON.stringify(candidate.specificationVersion)} but this @mcp-o11y/core supports "v1"; install matching versions of core and the adapter`;
  }
  if (candidate.id !== id) return `its descriptor id is ${JSON.stringify(candidate.id)}, expected "${id}"`;
  if (!Array.isArray(candidate.kinds) || !candidate.kinds.every((kind) => typeof kind === 'string')) {
    return 'its descriptor has no `kinds` array';
  }
  if (typeof candidate.create !== 'function') return 'its descriptor has no `create` function';
  if (candidate.parseOptions !== undefined && typeof candidate.parseOptions !== 'function') {
    return 'its descriptor `parseOptions` is not a function';
  }
  return undefined;
}

type ParsedOptions = { ok: true; options: unknown } | { ok: false; issues: readonly ConfigIssue[] };

/** Runs the adapter's `parseOptions`, retrying after coercing interpolated strings it wanted as numbers/booleans. */
function parseAdapterOptions(
  descriptor: AdapterDescriptorV1<unknown>,
  options: Record<string, unknown>,
  interpolated: ReadonlySet<string>,
  base: readonly PropertyKey[],
): ParsedOptions {
  if (descriptor.parseOptions === undefined) return { ok: true, options };
  // Each round fixes every coercible issue it sees; a few rounds cover issues revealed only after a fix.
  for (let round = 0; ; round += 1) {
    try {
      return { ok: true, options: descriptor.parseOptions(options) };
    } catch (error) {
      const issues = issuesOf(error);
      if (issues === undefined) {
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, issues: [configIssue(base, message)] };
      }
      if (round < 3 && coerceInterpolated(options, issues, interpolated, base)) continue;
      return { ok: false, issues: toConfigIssues(issues, base) };
    }
  }
}

function issuesOf(error: unknown): readonly ZodLikeIssue[] | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { issues } = error as { issues?: unknown };
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  // Foreign issues are only "zod-like": keep a path only when it is an array, as zod's are.
  return issues
    .filter((issue): issue is ZodLikeIssue => typeof issue === 'object' && issue !== null)
    .map((issue) => ({ ...issue, path: Array.isArray(issue.path) ? issue.path : [] }));
}
