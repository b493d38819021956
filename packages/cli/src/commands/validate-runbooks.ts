import { ConfigError, DEFAULT_RUNBOOKS, loadRunbooks } from '@mcp-o11y/core';

/** One problem in the runbooks. */
export interface RunbookIssue {
  /** The runbook file, or the folder for problems spanning files. */
  readonly file: string;
  /** Field path inside the file; `''` for the file itself. */
  readonly path: string;
  readonly message: string;
}

/** What checking runbooks found. */
export interface RunbooksCheck {
  /** The folder (or file) checked. */
  readonly dir: string;
  readonly valid: boolean;
  /** Ids of the runbooks loaded. */
  readonly ids: readonly string[];
  readonly issues: readonly RunbookIssue[];
}

/**
 * Checks runbooks with core's `loadRunbooks` (schema, unique ids, every file), and that each id in
 * `referenced` (id → the config field naming it) exists among them or core's default runbooks.
 */
export async function validateRunbooks(
  dir: string,
  referenced: ReadonlyMap<string, string>,
): Promise<RunbooksCheck> {
  let ids: string[] = [];
  const issues: RunbookIssue[] = [];
  try {
    ids = (await loadRunbooks(dir)).map((runbook) => runbook.id);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const issue of error.issues) {
      // Several failing files: core prefixes each path with the file name.
      const split = /^([^:]+\.(?:ya?ml|json)): (.*)$/.exec(issue.path);
      issues.push({
        file: split?.[1] ?? error.source,
        path: split?.[2] ?? issue.path,
        message: issue.message,
      });
    }
    return { dir, valid: false, ids, issues };
  }
  const known = new Set([...ids, ...DEFAULT_RUNBOOKS.map((runbook) => runbook.id)]);
  for (const [id, field] of referenced) {
    if (!known.has(id)) {
      issues.push({
        file: dir,
        path: '',
        message: `runbook "${id}" named by ${field} is neither here nor a default runbook`,
      });
    }
  }
  return { dir, valid: issues.length === 0, ids, issues };
}
