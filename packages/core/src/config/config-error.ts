import { clipText } from '../text/clip-text.js';
import { formatConfigPath } from './format-config-path.js';

/**
 * Issues the message lists, and the longest line it prints: a file with thousands of bad keys (or one
 * key a megabyte long) must not flood a terminal or a log. `issues` always holds every problem.
 */
const MAX_LISTED_ISSUES = 100;
const MAX_LINE_LENGTH = 500;

/** One problem found in a configuration. Never carries the offending value: it may be a secret. */
export interface ConfigIssue {
  /** Field path as written in the file, e.g. `adapters[1].options.port`; `''` for the file itself. */
  readonly path: string;
  /** What is wrong and what was expected, e.g. `expected number, received string`. */
  readonly message: string;
}

/**
 * Thrown by `loadConfig` and `parseConfig` when a configuration cannot be used. It lists every problem
 * found (interpolation, schema and adapter options) at once, so one edit-and-retry fixes them all.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** Every problem: interpolation first, then the schema, then adapters (import and options). */
  readonly issues: readonly ConfigIssue[];
  /** The file (or the caller's `source` label) the issues refer to. */
  readonly source: string;

  constructor(issues: readonly ConfigIssue[], source: string) {
    super(renderMessage(issues, source));
    this.issues = issues;
    this.source = source;
  }
}

/** Builds an issue from a path array; the single place paths are turned into text. */
export function configIssue(path: readonly PropertyKey[], message: string): ConfigIssue {
  return { path: formatConfigPath(path), message };
}

function renderMessage(issues: readonly ConfigIssue[], source: string): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  // One line per issue in `file: field: message` form, like a compiler, so editors and CI can pick them up.
  const lines = issues
    .slice(0, MAX_LISTED_ISSUES)
    .map((issue) =>
      clipText(
        `  ${source}: ${issue.path === '' ? '(file)' : issue.path}: ${issue.message}`,
        MAX_LINE_LENGTH,
      ),
    );
  if (issues.length > MAX_LISTED_ISSUES) {
    lines.push(`  … and ${issues.length - MAX_LISTED_ISSUES} more (every one is in error.issues)`);
  }
  return [
    `[@mcp-o11y/core] Invalid configuration (${count}); fix the following and try again:`,
    ...lines,
  ].join('\n');
}
