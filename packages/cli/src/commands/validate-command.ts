import { resolve } from 'node:path';
import { ConfigError, type ConfigIssue, type ObservabilityOptions } from '@mcp-o11y/core';
import { type CliIo, EXIT, UsageError, writeJson } from '../cli-io.js';
import type { Command } from '../command.js';
import { loadCliConfig, locateConfig } from '../locate-config.js';
import { parseCommandArgs, stringOption } from '../parse-command-args.js';
import { type RunbooksCheck, validateRunbooks } from './validate-runbooks.js';

const HELP = `Usage: mcp-o11y validate [options]

Checks the config file (schema, \${ENV} interpolation, each adapter's options, the alert rules, SLOs
and routing inside it) and a folder of runbooks, and lists every problem with its field path.

Options:
  --config <file>   config file (default: $MCP_O11Y_CONFIG, else mcp-o11y.config.yaml/.yml/.json here)
  --runbooks <dir>  folder of runbook YAML files to check too; rules' runbook ids must exist in it
  --json            print the result as JSON
  -h, --help        show this help

Adapters are loaded from the config file's folder, then the working directory: run it where your
server's dependencies are installed. Exit codes: 0 valid, 1 invalid, 2 usage error (nothing to check).
`;

/** The `--json` shape of `validate`. */
export interface ValidateResult {
  readonly valid: boolean;
  readonly config?: {
    readonly file: string;
    readonly valid: boolean;
    readonly issues: readonly ConfigIssue[];
    /** Adapter ids the file loads, when valid. */
    readonly adapters: readonly string[];
    /** Number of user alert rules (the default pack not counted), when valid. */
    readonly rules: number;
  };
  readonly runbooks?: RunbooksCheck;
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(
    'validate',
    argv,
    { config: { type: 'string' }, runbooks: { type: 'string' }, json: { type: 'boolean' } },
    0,
  );
  if (args.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const runbooksDir = stringOption(args, 'runbooks');
  const located = await locateConfig(io, stringOption(args, 'config'));
  if (located.file === undefined && runbooksDir === undefined) {
    throw new UsageError(
      `validate: nothing to check: ${located.description}; pass --config, or run \`mcp-o11y init\``,
    );
  }
  let config: ValidateResult['config'];
  let options: ObservabilityOptions | undefined;
  if (located.file !== undefined) {
    io.stderr.write(`mcp-o11y validate: checking ${located.description}\n`);
    try {
      options = await loadCliConfig(io, located.file);
      config = {
        file: located.file,
        valid: true,
        issues: [],
        adapters: (options.adapters ?? []).map((adapter) => adapter.id),
        rules:
          options.alerts === undefined || options.alerts === false ? 0 : (options.alerts.rules?.length ?? 0),
      };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      config = { file: located.file, valid: false, issues: error.issues, adapters: [], rules: 0 };
    }
  }
  let runbooks: RunbooksCheck | undefined;
  if (runbooksDir !== undefined) {
    const dir = resolve(io.cwd, runbooksDir);
    io.stderr.write(`mcp-o11y validate: checking runbooks in ${dir}\n`);
    runbooks = await validateRunbooks(dir, referencedRunbooks(options));
  }
  const result: ValidateResult = {
    valid: (config?.valid ?? true) && (runbooks?.valid ?? true),
    ...(config === undefined ? {} : { config }),
    ...(runbooks === undefined ? {} : { runbooks }),
  };
  if (args.values.json === true) writeJson(io, result);
  else io.stdout.write(formatValidateResult(result));
  return result.valid ? EXIT.ok : EXIT.failure;
}

/** Runbook ids the config's own rules link to (`annotations.runbook`). */
function referencedRunbooks(options: ObservabilityOptions | undefined): Map<string, string> {
  const referenced = new Map<string, string>();
  const alerts = options?.alerts;
  if (alerts === undefined || alerts === false) return referenced;
  for (const [index, rule] of (alerts.rules ?? []).entries()) {
    const runbook = rule.annotations?.runbook;
    if (runbook !== undefined && !/^https?:\/\//.test(runbook)) {
      referenced.set(runbook, `alerts.rules[${index}].annotations.runbook`);
    }
  }
  return referenced;
}

/** Compiler-style lines: `file: field: message`, then a verdict. */
export function formatValidateResult(result: ValidateResult): string {
  const lines: string[] = [];
  if (result.config !== undefined) {
    const { file, issues } = result.config;
    if (issues.length === 0) {
      const adapters = result.config.adapters.length === 0 ? 'none' : result.config.adapters.join(', ');
      lines.push(`✓ ${file}: valid (adapters: ${adapters}; ${result.config.rules} custom alert rule(s))`);
    } else {
      lines.push(`✗ ${file}: ${issues.length} problem(s)`);
      for (const issue of issues)
        lines.push(`  ${file}: ${issue.path === '' ? '(file)' : issue.path}: ${issue.message}`);
    }
  }
  if (result.runbooks !== undefined) {
    const { dir, issues, ids } = result.runbooks;
    if (issues.length === 0)
      lines.push(`✓ ${dir}: ${ids.length} runbook(s) valid (${ids.join(', ') || 'none'})`);
    else {
      lines.push(`✗ ${dir}: ${issues.length} problem(s)`);
      for (const issue of issues)
        lines.push(`  ${issue.file}: ${issue.path === '' ? '(file)' : issue.path}: ${issue.message}`);
    }
  }
  lines.push(result.valid ? 'valid' : 'invalid');
  return `${lines.join('\n')}\n`;
}

/** `mcp-o11y validate`. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'check the config file, its alert rules and runbooks, with field paths',
  help: HELP,
  run,
};
