import type { z } from 'zod';
import { type ConfigIssue, configIssue } from './config-error.js';

/**
 * The parts of a zod issue this module reads. Adapters' `parseOptions` may throw any error whose `issues`
 * look like this (zod's do), so nothing here depends on zod's classes.
 */
export interface ZodLikeIssue {
  readonly code?: string;
  readonly path?: readonly PropertyKey[];
  readonly message?: string;
  readonly expected?: string;
  readonly values?: readonly unknown[];
  readonly keys?: readonly string[];
  readonly errors?: readonly (readonly ZodLikeIssue[])[];
}

/**
 * Zod error map for the config schema. Messages say what was expected and the received *type*, never the
 * received value: a field may hold an interpolated secret. Schema-level messages take precedence over it.
 */
export const configErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `required (expected ${typeName(issue.expected)})`
        : `expected ${typeName(issue.expected)}, received ${receivedType(issue.input)}`;
    case 'invalid_value':
      return `expected ${listValues(issue.values)}`;
    case 'too_small':
      return issue.origin === 'number'
        ? `expected a number ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`
        : `expected at least ${String(issue.minimum)} ${issue.origin === 'string' ? 'character(s)' : 'item(s)'}`;
    case 'too_big':
      return issue.origin === 'number'
        ? `expected a number ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`
        : `expected at most ${String(issue.maximum)} ${issue.origin === 'string' ? 'character(s)' : 'item(s)'}`;
    case 'unrecognized_keys':
      return unknownKeyMessage(issue.inst);
    case 'invalid_union': {
      const expected = issue.errors.flatMap((branch) => branch.filter(isRootIssue).map(describeExpected));
      return `expected ${[...new Set(expected)].join(' or ')}, received ${receivedType(issue.input)}`;
    }
    default:
      return undefined;
  }
};

/**
 * Converts zod(-like) issues into config issues under `prefix`: one issue per unknown key (so each has its
 * own path), and a union whose value had the right shape for exactly one branch reports that branch's
 * issues (`memory.maxSpans: expected number`) instead of a vague "expected false or object".
 */
export function toConfigIssues(
  issues: readonly ZodLikeIssue[],
  prefix: readonly PropertyKey[],
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path ?? [])];
    if (issue.code === 'unrecognized_keys' && issue.keys !== undefined) {
      const message = issue.message?.startsWith('unknown key')
        ? issue.message
        : 'unknown key; remove it or fix its spelling';
      for (const key of issue.keys) out.push(configIssue([...path, key], message));
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors !== undefined) {
      const shaped = issue.errors.filter((branch) => branch.length > 0 && !branch.some(isRootIssue));
      const [only] = shaped;
      if (shaped.length === 1 && only !== undefined) {
        out.push(...toConfigIssues(only, path));
        continue;
      }
    }
    out.push(configIssue(path, tidyMessage(issue.message)));
  }
  return out;
}

function isRootIssue(issue: ZodLikeIssue): boolean {
  return (issue.path ?? []).length === 0;
}

function describeExpected(issue: ZodLikeIssue): string {
  if (issue.code === 'invalid_value' && issue.values !== undefined) return listValues(issue.values);
  return typeName(issue.expected ?? 'a valid value');
}

// zod's default messages start with a generic "Invalid input: "; the path already says where.
function tidyMessage(message: string | undefined): string {
  if (message === undefined || message === '') return 'invalid value';
  return message.replace(/^Invalid input: /, '');
}

function typeName(expected: string): string {
  if (expected === 'int') return 'integer';
  if (expected === 'record') return 'object';
  return expected;
}

function receivedType(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

function listValues(values: readonly unknown[]): string {
  const rendered = values.map((value) => JSON.stringify(value));
  return rendered.length === 1 ? `${rendered[0]}` : `one of ${rendered.join(', ')}`;
}

function unknownKeyMessage(inst: unknown): string {
  const shape = (inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def
    ?.shape;
  if (shape === undefined) return 'unknown key; remove it or fix its spelling';
  return `unknown key; expected one of: ${Object.keys(shape).join(', ')}`;
}
