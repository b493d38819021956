import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { UsageError } from './cli-io.js';

/** What {@link parseCommandArgs} returns: parseArgs' values and positionals, typed loosely. */
export interface ParsedCommandArgs {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
  /** `--help` or `-h` was given. */
  readonly help: boolean;
}

/**
 * `node:util` parseArgs in strict mode plus `--help`, with parse errors turned into a {@link UsageError}
 * (exit 2) whose message names the command.
 */
export function parseCommandArgs(
  command: string,
  argv: readonly string[],
  options: ParseArgsOptionsConfig,
  maxPositionals: number,
): ParsedCommandArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message.replace(/\. To specify.*$/s, '')}`);
  }
  const help = parsed.values.help === true;
  if (!help && parsed.positionals.length > maxPositionals) {
    throw new UsageError(`${command}: unexpected argument "${parsed.positionals[maxPositionals]}"`);
  }
  return { values: parsed.values, positionals: parsed.positionals, help };
}

/** A string option's value, or undefined; an empty value is a usage error. */
export function stringOption(args: ParsedCommandArgs, name: string): string | undefined {
  const value = args.values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} needs a value`);
  return value;
}

/** A repeatable string option's values. */
export function stringListOption(args: ParsedCommandArgs, name: string): string[] {
  const value = args.values[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item !== 'string' || item === '') throw new UsageError(`--${name} needs a value`);
    return item;
  });
}

/** A comma-separated list option (`--backends prometheus,otlp`), trimmed, empty items dropped. */
export function commaListOption(args: ParsedCommandArgs, name: string): string[] | undefined {
  const value = stringOption(args, name);
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
