import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { ConfigError, type ConfigIssue, configIssue } from '../config/config-error.js';
import { configErrorMap, toConfigIssues } from '../config/config-issues.js';
import { configFormatOf, parseConfigText } from '../config/parse-config-text.js';
import { type Runbook, runbookSchema, runbooksFileSchema } from './runbook-schema.js';

const RUNBOOK_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Options of {@link loadRunbooks}. */
export interface LoadRunbooksOptions {
  /** Directory relative paths resolve against. Default: `process.cwd()`. */
  readonly cwd?: string;
}

/**
 * Validates one parsed runbook file: a single runbook at the top level, or `runbooks: [...]`.
 * @throws {ConfigError} with the field path of every problem (`runbooks[0].steps[1].title: required`).
 */
export function parseRunbooks(value: unknown, source = 'runbooks'): Runbook[] {
  const many = typeof value === 'object' && value !== null && !Array.isArray(value) && 'runbooks' in value;
  const result = many
    ? runbooksFileSchema.safeParse(value, { error: configErrorMap })
    : runbookSchema.safeParse(value, { error: configErrorMap });
  if (!result.success) throw new ConfigError(toConfigIssues(result.error.issues, []), source);
  const runbooks = 'runbooks' in result.data ? result.data.runbooks : [result.data];
  const issues = duplicateIds(
    runbooks.map((runbook, index) => ({ id: runbook.id, path: many ? ['runbooks', index, 'id'] : ['id'] })),
  );
  if (issues.length > 0) throw new ConfigError(issues, source);
  return runbooks;
}

/**
 * Reads runbooks from YAML or JSON files: each path is a file, or a directory whose `.yaml`, `.yml` and
 * `.json` files are read in name order. A file holds one runbook or `runbooks: [...]`. Every problem of
 * every file is reported at once; ids must be unique across all files.
 *
 * @throws {ConfigError} naming the file and the field path of each problem (one file: `source` is the
 * file; several: each issue's path starts with the file name).
 */
export async function loadRunbooks(
  dirOrFiles: string | readonly string[],
  options: LoadRunbooksOptions = {},
): Promise<Runbook[]> {
  const cwd = options.cwd ?? process.cwd();
  const files: string[] = [];
  for (const each of typeof dirOrFiles === 'string' ? [dirOrFiles] : dirOrFiles) {
    files.push(...(await filesOf(resolve(cwd, each))));
  }
  const failures: { file: string; issues: readonly ConfigIssue[] }[] = [];
  const loaded: { file: string; runbooks: Runbook[] }[] = [];
  for (const file of files) {
    try {
      loaded.push({ file, runbooks: await readRunbookFile(file) });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      failures.push({ file, issues: error.issues });
    }
  }
  const seen = new Map<string, string>();
  for (const { file, runbooks } of loaded) {
    const issues: ConfigIssue[] = [];
    runbooks.forEach((runbook, index) => {
      const first = seen.get(runbook.id);
      if (first !== undefined) {
        issues.push(
          configIssue(
            runbooks.length > 1 ? ['runbooks', index, 'id'] : ['id'],
            `duplicate runbook id; also in ${basename(first)}`,
          ),
        );
      } else seen.set(runbook.id, file);
    });
    if (issues.length > 0) failures.push({ file, issues });
  }
  const [only] = failures;
  if (failures.length === 1 && only !== undefined) throw new ConfigError(only.issues, only.file);
  if (failures.length > 1) {
    const issues = failures.flatMap(({ file, issues: fileIssues }) =>
      fileIssues.map((issue) => ({ path: `${basename(file)}: ${issue.path}`, message: issue.message })),
    );
    throw new ConfigError(issues, typeof dirOrFiles === 'string' ? resolve(cwd, dirOrFiles) : 'runbooks');
  }
  return loaded.flatMap((entry) => entry.runbooks);
}

async function filesOf(path: string): Promise<string[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch {
    throw new ConfigError(
      [configIssue([], 'runbook file or directory not found; create it or fix the path')],
      path,
    );
  }
  if (!isDirectory) return [path];
  const names = await readdir(path);
  return names
    .filter((name) => RUNBOOK_EXTENSIONS.has(extname(name).toLowerCase()))
    .sort()
    .map((name) => join(path, name));
}

async function readRunbookFile(file: string): Promise<Runbook[]> {
  const text = await readFile(file, 'utf8');
  const parsed = parseConfigText(text.replace(/^\uFEFF/, ''), configFormatOf(file));
  if (!parsed.ok) throw new ConfigError(parsed.issues, file);
  return parseRunbooks(parsed.value, file);
}

function duplicateIds(entries: readonly { id: string; path: readonly PropertyKey[] }[]): ConfigIssue[] {
  const seen = new Set<string>();
  const issues: ConfigIssue[] = [];
  for (const entry of entries) {
    if (seen.has(entry.id)) issues.push(configIssue(entry.path, 'duplicate runbook id'));
    seen.add(entry.id);
  }
  return issues;
}
